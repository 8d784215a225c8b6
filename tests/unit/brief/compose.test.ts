// The brief's content against the engine: the same document through `npm run model` (the CLI, as a
// child process) gives the figures the brief shows; worked examples give exact values.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { ASK_VALUES, composeBrief } from "@/lib/brief/compose";
import { asksFromScenarios, evaluateBriefDocument } from "@/lib/brief/document";
import { describeClause } from "@/lib/brief/clauses";
import { money, count, day, fileStem } from "@/lib/brief/format";
import type { ModelResult } from "@/lib/engine/model/evaluate";
import { DEMO_ROLES, demoBrief, demoBundle } from "@/tests/support/brief-demo";

const root = path.resolve(import.meta.dirname, "../../..");
const scratch = mkdtempSync(path.join(tmpdir(), "brief-compose-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let brief: ReturnType<typeof demoBrief>;
let cli: ModelResult;

beforeAll(() => {
  brief = demoBrief(0);
  const file = path.join(scratch, "brief.json");
  writeFileSync(file, JSON.stringify(brief.doc));
  const r = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/model.ts", file], { cwd: root, encoding: "utf8", timeout: 120_000 });
  expect(r.stderr).toBe("");
  cli = JSON.parse(r.stdout) as ModelResult;
}, 120_000);

describe("composeBrief on the Salesforce demo estate", () => {
  it("shows the CLI's percentiles, ask values and walk-away for the same document", () => {
    const c = brief.content;
    const mc = cli.analysis!.monteCarlo!.scenarios;
    const p = (id: string, pct: number) => mc.find((s) => s.id === id)!.totalCost.find((x) => x.pct === pct)!.costToServe;
    expect(c.summary.vendor).toEqual({ p10: p("vendor-proposal", 10), p50: p("vendor-proposal", 50), p90: p("vendor-proposal", 90) });
    expect(c.summary.asks).toEqual({ p10: p("our-asks", 10), p50: p("our-asks", 50), p90: p("our-asks", 90) });
    const points = cli.analysis!.asks!.points;
    expect(c.summary.atStakeP50).toBe(points.find((x) => x.pct === 50)!.totalSaving);
    expect(c.summary.atStakeP90).toBe(points.find((x) => x.pct === 90)!.totalSaving);
    // every scenario is read on the vendor's percentile paths, so the saving is the difference of the
    // two costs to serve in the scenario table, at P50 and at P90
    expect(cli.analysis!.monteCarlo!.pairedBy).toBe("vendor-proposal");
    for (const k of ["p50", "p90"] as const) {
      const cents = (x: string | null) => Math.round(Number(x) * 100);
      expect(cents(c.summary.vendor[k]) - cents(c.summary.asks[k])).toBe(cents(k === "p50" ? c.summary.atStakeP50 : c.summary.atStakeP90));
    }
    // the saving never counts paused agents as money saved: our asks leave actions unserved at P90,
    // and the brief names them and their price
    const asks = c.scenarios.find((s) => s.role === "asks")!;
    expect(Number(asks.unserved!.p90!.cost)).toBeGreaterThan(0);
    expect(asks.cost.p90).toBe(mc.find((s) => s.id === "our-asks")!.totalCost.find((x) => x.pct === 90)!.costToServe);
    expect(c.summary.points.some((pt) => pt.startsWith("Our asks leave demand unserved") && pt.includes("actions at P90"))).toBe(true);
    expect(c.asks.map((a) => [a.id, a.savingP50, a.savingP90])).toEqual(
      cli.analysis!.asks!.asks
        .slice()
        .sort((x, y) => x.rank - y.rank)
        .map((a) => [a.id, a.addAlone.find((x) => x.pct === 50)!.saving, a.addAlone.find((x) => x.pct === 90)!.saving]),
    );
    expect(c.ledgers[0]!.totals.cost).toBe(cli.scenarios[0]!.summary.totalCost);
    expect(c.ledgers[0]!.lines.map((l) => l.cost)).toEqual(cli.scenarios[0]!.rows.map((r) => r.cost.total));
  });

  it("has the source's exact figures: $5,000 × 12 allocation, 1,250 actions break-even, $150,000 per-user", () => {
    const c = brief.content;
    // 100 seats at 75% × 25 actions × ~21 working days × 20 credits stays under the 1,000,000-credit
    // allocation on the likely drivers: the vendor's terms cost exactly the twelve fees.
    expect(c.scenarios[0]!.totalCost).toBe("60000");
    expect(c.walkAway.perUser).toMatchObject({ users: "100", pricePerUserPerMonth: "125", totalCost: "150000", listPricePerAction: "0.1", breakEvenActionsPerUserPerMonth: "1250" });
    expect(c.walkAway.perUser!.sentence).toContain("only above 1,250 actions per user per month");
    expect(c.timeline.find((e) => e.kind === "notice")).toEqual({ date: "2027-01-01", kind: "notice", label: "Notice deadline (90 days before renewal)" });
    expect(c.timeline.find((e) => e.kind === "renewal")?.date).toBe("2027-04-01");
    expect(c.inputs).toMatchObject({ seed: 20261122, paths: 2000, horizonPeriods: 12, horizonStart: "2026-04-01", horizonEnd: "2027-03-31", burnThrough: "2026-10-31" });
  });

  it("finds the runaway agent and the sandbox share in the burn, with money at $0.005 a credit", () => {
    const kinds = brief.content.risks.map((r) => r.kind);
    expect(kinds).toEqual(["runaway", "nonProduction"]);
    // The order-status agent loops in October: 4× its volume, 748,750 credits above its usual level.
    const runaway = brief.content.risks[0]!;
    expect(runaway).toMatchObject({ agent: "Order Status Agent", credits: "748750", amount: "3743.75", periods: ["2026-10-01"] });
    expect(runaway.sentence).toContain("in the period starting 1 Oct 2026");
    const sandbox = brief.content.risks.find((r) => r.kind === "nonProduction")!;
    // QA sandbox agent: 12% of 263,000 production actions over seven months, 20 credits each.
    expect(sandbox.credits).toBe("631200");
    expect(sandbox.amount).toBe("3156");
    for (const r of brief.content.risks) expect(r.sentence.length).toBeGreaterThan(20);
  });

  it("reads the current position from the observed burn: October's 1,757,800 credits and the exhaustion date", () => {
    const pos = brief.content.position!;
    expect(pos.asOf).toBe("2026-10-31");
    expect(pos.observed.at(-1)).toEqual({ label: "2026-10", start: "2026-10-01", value: "1757800" });
    expect(pos.observed).toHaveLength(7);
    expect(pos.runway).toContain(day(pos.exhaustionDate));
    expect(brief.content.summary.points).toContain(pos.runway);
  });

  it("ranks asks by their P50 value and says which authority each needs", () => {
    const asks = brief.content.asks;
    expect(asks.map((a) => a.rank)).toEqual([1, 2, 3, 4]);
    expect(asks[0]!.id).toBe("allotments");
    expect(asks[0]!.clause).toBe("Monthly allocation of 750,000 credits for $3,187.50; 100% of unused credits roll over.");
    expect(asks[0]!.justification).toContain(money(asks[0]!.savingP50, "USD"));
    // 15% off saves nothing at P50 but $9,000 of the vendor's $69,000 at P90 (13%): the deal desk
    // must grant it; the engine reads each ask's authority where its own saving is the largest share.
    const discount = asks.find((a) => a.id === "discount")!;
    expect([discount.savingP50, discount.savingP90]).toEqual(["0", "9000"]);
    expect(discount.authority).toBe("dealDesk");
    expect(cli.analysis!.asks!.asks.find((a) => a.id === "discount")!.authority).toBe("dealDesk");
    const pin = asks.find((a) => a.id === "ratePolicy")!;
    expect(pin.savingP50).toBe("0");
    expect(pin.authority).toBe("none");
  });

  it("says how asks are valued in the words of its asks table, not the engine's add-alone and remove-alone", () => {
    const assumption = brief.content.assumptions.find((a) => a.label === "Ask values")!;
    expect(assumption.value).toBe(ASK_VALUES);
    expect(assumption.value).toContain("\u201cSaves alone\u201d is the vendor's terms' cost less their cost with only this ask added");
    expect(assumption.value).toContain("deal desk up to 15 %");
    for (const a of brief.content.assumptions) expect(a.value).not.toMatch(/add-alone|remove-alone/i);
    // the engine's rule, with its precise terms, is still in the stored result
    expect(cli.analysis!.asks!.rule).toContain("Add-alone = vendor cost − cost(vendor + ask)");
  });

  it("the Workday estate, with no published price, values its asks as a package when they cannot stand alone", () => {
    const w = demoBrief(1).content;
    expect(w.vendor).toBe("Workday");
    expect(w.asks.length).toBeGreaterThan(0);
    expect(w.summary.vendor.p50).not.toBeNull();
  });
});

describe("clauses and formatting", () => {
  it("derives one ask per clause that differs from the vendor's", () => {
    const asks = asksFromScenarios(
      { discount: { kind: "flat", pct: 5 }, alertThresholdsPct: [70, 85, 100] },
      { discount: { kind: "flat", pct: 15 }, alertThresholdsPct: [70, 85, 100], ratePolicy: { kind: "capped", maxIncreasePctPerYear: 3 } },
      "USD",
    );
    expect(asks.map((a) => [a.id, a.name])).toEqual([
      ["discount", "15% off every credit"],
      ["ratePolicy", "Cap price increases"],
    ]);
    expect(describeClause("onExhaustion", { kind: "trueUp", trueUp: { schedule: { kind: "termEnd" }, cap: { kind: "amount", amount: "5000" } } }, "EUR").clause).toBe(
      "Consumption above the allotment trued up at term end at the contract price, capped at €5,000.00.",
    );
  });

  it("formats money exactly from decimal strings", () => {
    expect(money("59410", "USD")).toBe("$59,410.00");
    expect(money("0.005", "USD")).toBe("$0.005");
    expect(money("-1234567.5", "GBP")).toBe("-£1,234,567.50");
    expect(money(null, "USD")).toBe("—");
    expect(count("1250")).toBe("1,250");
    expect(count("1250.50")).toBe("1,250.5");
    expect(day("2027-01-01")).toBe("1 Jan 2027");
    expect(fileStem({ vendor: "Salesforce", contractName: "Agentforce service estate", version: 2, preparedOn: "2026-11-22" })).toBe("Salesforce-Agentforce-service-estate-brief-v2-2026-11-22");
  });
});

describe("composeBrief edge cases", () => {
  const build = (mutate: (b: ReturnType<typeof demoBundle>) => void, roles = DEMO_ROLES[0], index: 0 | 1 = 0) => {
    const input = demoBundle(index);
    mutate(input);
    const options = { horizonPeriods: 12, seed: 1, paths: 300 };
    const { doc, result } = evaluateBriefDocument(input.bundle, roles, options, input.usage);
    return composeBrief(doc, result, roles, options, { ...input.meta, title: "t", version: 1, preparedOn: "2026-11-22", preparedBy: null });
  };

  it("an asks scenario that keeps a contract clause the vendor's scenario removes asks for it", () => {
    const c = build((b) => {
      b.bundle.contract.clauses = { ...(b.bundle.contract.clauses as object), discount: { kind: "flat", pct: 20 } } as never;
      const vendor = b.bundle.scenarios.find((s) => s.id === "vendor-proposal")!;
      vendor.doc = { ...vendor.doc, clauses: { discount: { kind: "none" } } } as never;
      const asks = b.bundle.scenarios.find((s) => s.id === "our-asks")!;
      asks.doc = { ...asks.doc, clauses: {} } as never;
    });
    expect(c.asks.map((a) => [a.id, a.name])).toEqual([["discount", "20% off every credit"]]);
    expect(c.asks[0]!.clause).toBe("A flat 20% discount on the price per credit.");
  });

  it("says the terms cannot be valued when the vendor's scenario has no price per credit, with no dashes in its sentences", () => {
    const c = build(() => {}, { vendor: "vendor-proposal", asks: "our-asks", walkAway: "walk-away" }, 1);
    expect(c.summary.vendor.p50).toBeNull();
    expect(c.summary.recommendation).toMatch(/^These terms cannot be valued/);
    for (const p of c.summary.points) expect(p).not.toContain("—");
  });

  it("states a balance only where a ledger period ends with the observations", () => {
    const aligned = build(() => {});
    expect(aligned.position!.balanceCredits).toBe("403800");
    const shifted = build((b) => {
      b.bundle.contract.termStart = "2026-04-15";
    });
    expect(shifted.position!.asOf).toBe("2026-10-31");
    expect(shifted.position!.balanceCredits).toBeNull();
  });

  it("flags a walk-away that costs less than our asks instead of telling the reader to walk away above it", () => {
    const c = build((b) => {
      const walk = b.bundle.scenarios.find((s) => s.id === "walk-away")!;
      // The walk-away becomes a 600,000-credit allocation for $1,000 a month: cheaper than our asks.
      walk.doc = {
        ...walk.doc,
        clauses: { allotments: [{ id: "monthly-allocation", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: "600000" }, feePerCycle: "1000", rollover: { sharePct: 100 } }] },
      } as never;
    });
    expect(new Decimal(c.summary.walkAway!.p50!).lt(c.summary.asks.p50!)).toBe(true);
    expect(c.summary.recommendation).not.toContain("walk away from any offer above");
    expect(c.summary.points.some((p) => p.startsWith("Check the scenarios: the walk-away terms"))).toBe(true);
  });

  it("marks a notice deadline that has already passed", () => {
    const c = build((b) => {
      b.meta.renewalDate = "2026-12-01";
    });
    expect(c.timeline.find((e) => e.kind === "notice")).toEqual({ date: "2026-09-02", kind: "notice", label: "Notice deadline (90 days before renewal, already passed)" });
  });
});
