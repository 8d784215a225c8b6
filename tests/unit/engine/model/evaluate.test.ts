import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateModel, ModelDocumentError, ModelEvaluationError } from "@/lib/engine/model/evaluate";

const root = path.resolve(import.meta.dirname, "../../../..");
const load = (rel: string): Record<string, any> => JSON.parse(readFileSync(path.join(root, rel), "utf8"));
const byId = (result: { scenarios: { id: string }[] }, id: string) => {
  const s = result.scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s as any;
};

describe("evaluateModel: Salesforce example", () => {
  const result = evaluateModel(load("examples/salesforce-agentforce.json"));

  it("is plain JSON with decimals as strings", () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(typeof byId(result, "vendor-proposal").summary.demandCredits).toBe("string");
  });

  it("models the activation ramp at 25 actions per agent per day and 20 credits per action", () => {
    const rows = byId(result, "vendor-proposal").rows;
    // 50 × 25 × 20 = 25,000 actions = 500,000 credits; 60 → 30,000 / 600,000; 75 → 37,500 / 750,000
    expect(rows.slice(0, 4).map((r: any) => [r.demand.actions, r.demand.credits])).toEqual([
      ["25000", "500000"],
      ["30000", "600000"],
      ["37500", "750000"],
      ["37500", "750000"],
    ]);
    // 500,000 + 600,000 + 10 × 750,000 = 8,600,000 credits over the 12 months
    expect(byId(result, "vendor-proposal").summary.demandCredits).toBe("8600000");
  });

  it("a renewal horizon with drivers.start at go-live is past the ramp: 75% active from its month 1", () => {
    const doc = load("examples/salesforce-agentforce.json");
    // The next term, 1 Apr 2027, with the estate live since 1 Apr 2026: month 13 of the ramp.
    doc.term = { ...doc.term, start: "2027-04-01", periods: 3 };
    doc.drivers = { ...doc.drivers, start: "2026-04-01", monthlyGrowthPct: 0 };
    delete doc.observedBurn;
    delete doc.usage;
    delete doc.analysis;
    doc.scenarios = [doc.scenarios[0]];
    const rows = byId(evaluateModel(doc), "vendor-proposal").rows;
    // 75 × 25 × 20 = 37,500 actions = 750,000 credits in every month, not 500,000 / 600,000 / 750,000
    expect(rows.map((r: any) => [r.period.start, r.demand.credits])).toEqual([
      ["2027-04-01", "750000"],
      ["2027-05-01", "750000"],
      ["2027-06-01", "750000"],
    ]);
    doc.drivers.start = "2027-05-01";
    expect(() => evaluateModel(doc)).toThrow(/starts before the term/);
  });

  it("prices the run rate from the $500 pack: $0.005 a credit, $2,500 for month 1's demand", () => {
    const row = byId(result, "vendor-proposal").rows[0];
    expect(row.listPricePerCredit).toBe("0.005");
    // 500,000 credits × $0.005 = $2,500
    expect((Number(row.demand.credits) * Number(row.listPricePerCredit)).toFixed(2)).toBe("2500.00");
  });

  it("applies a scenario's driver overrides (growth, non-production) on top of the document's", () => {
    const rows = byId(result, "vendor-accelerating").rows;
    // month 1: 25,000 production + 25,000 × 0.2/0.8 = 6,250 non-production = 31,250 actions
    expect(rows[0].demand.actions).toBe("31250");
    expect(rows[0].demand.byEnvironment.nonProduction).toBe("125000"); // 6,250 × 20
    // month 2: 30,000 × 1.05 = 31,500 production; total 31,500 / 0.8 = 39,375
    expect(rows[1].demand.actions).toBe("39375");
  });

  it("fits the observed burn and finds the week-4 runway", () => {
    const burn = result.observedBurn!;
    expect(burn.fit.chosen).toBe("exponential");
    expect(burn.fit.trend).toBe("accelerating");
    expect(burn.fit.explanation).toMatch(/^Chose an accelerating/);
    expect(burn.observed.map((o) => o.cumulative)).toEqual(["6000", "17000", "35000"]);
    expect(burn.runway?.expected.periodNumber).toBe(4);
    expect(burn.runway?.plannedDays).toBe(85);
    // projections are money here: rounded to cents
    expect(burn.projection[0]!.point).toMatch(/^\d+(\.\d{1,2})?$/);
    expect(burn.projection).toHaveLength(12);
  });

  it("lines the scenarios up against the first", () => {
    expect(result.comparison.map((c) => c.id)).toEqual(["vendor-proposal", "our-asks", "walk-away", "vendor-accelerating"]);
    expect(result.comparison[0]!.costVsFirst).toBe("0");
    // our asks: 12 × $3,187.50 allocation fee = $38,250 with no overage (the 750,000-credit plateau fits)
    expect(byId(result, "our-asks").summary.totalCost).toBe("38250");
  });
});

describe("evaluateModel: Workday example", () => {
  const result = evaluateModel(load("examples/workday-estate.json"));

  it("meters the skill mix at 72,000 credits a month and the heavy case at 112,000", () => {
    const vendor = byId(result, "vendor-proposal");
    // 40,000 × 1 + 6,000 × 2 + 4,000 × 5 = 72,000 credits for 50,000 actions
    expect(vendor.rows[0].demand.credits).toBe("72000");
    expect(vendor.rows[0].demand.actions).toBe("50000");
    expect(vendor.rows[0].demand.byUnit["autonomous-completion"]).toEqual({ actions: "4000", credits: "20000" });
    expect(vendor.summary.demandCredits).toBe("864000"); // 72,000 × 12
    const heavy = byId(result, "heavy-our-asks");
    // autonomous 4,000 × 3 = 12,000: 40,000 + 12,000 + 60,000 = 112,000
    expect(heavy.rows[0].demand.credits).toBe("112000");
    expect(heavy.rows[0].demand.byUnit["autonomous-completion"]).toEqual({ actions: "12000", credits: "60000" });
  });

  it("leaves money unknown when Workday's price per credit is unknown", () => {
    const vendor = byId(result, "vendor-proposal");
    expect(vendor.summary.priceUnpinned).toBe(true);
    expect(vendor.summary.totalCost).toBeNull();
    // the 432,000 complimentary credits cover six of the twelve months
    expect(vendor.rows[5].credits.closing).toBe("0");
    expect(result.comparison.find((c) => c.id === "vendor-proposal")!.totalCost).toBeNull();
  });

  it("prices the paid tier when the advisor enters a price", () => {
    // 432,000 prepaid credits × $0.08 = $34,560
    expect(byId(result, "our-asks").summary.costByComponent.packs).toBe("34560");
  });

  it("has no observed burn section when the document has none", () => {
    expect(result.observedBurn).toBeUndefined();
  });
});

describe("evaluateModel: demand from observed burn", () => {
  function burnDoc(quantity: "credits" | "amount", creditPrice: Record<string, string>) {
    const doc = load("examples/salesforce-agentforce.json");
    doc.rateCards[0].versions[0].creditPrice = creditPrice;
    doc.observedBurn = { quantity, granularity: "week", start: "2026-03-02", values: ["700", "700", "700", "700"] };
    doc.scenarios = [{ id: "observed", name: "Observed pace", demand: { source: "observedBurn" } }];
    return doc;
  }

  it("converts spend into credits at the list price in force when the series starts", () => {
    const result = evaluateModel(burnDoc("amount", { kind: "pack", packPrice: "500", packCredits: "100000" }));
    const s = byId(result, "observed");
    // $700 a week = $100 a day; April has 30 days: $3,000 ÷ $0.005 = 600,000 credits
    expect(s.demand).toEqual({ source: "observedBurn", band: "point", creditsPerBurnUnit: "200" });
    expect(s.rows[0].demand.directCredits).toBe("600000");
    expect(s.rows[0].demand.credits).toBe("600000");
    expect(result.observedBurn!.fit.chosen).toBe("flat");
  });

  it("refuses to convert spend when the price is unknown, pointing at the scenario", () => {
    let error: unknown;
    try {
      evaluateModel(burnDoc("amount", { kind: "unknown" }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelEvaluationError);
    expect((error as ModelEvaluationError).path).toBe("$.scenarios[0].demand.source");
  });

  it("uses credit series as they are", () => {
    const doc = burnDoc("credits", { kind: "unknown" });
    // the contract's $5,000 allocation cannot be sized without a price: a credits-only case
    doc.contract.allotments = [{ id: "grant", kind: "complimentary", cadence: "year", size: { kind: "fixed", credits: "100000" } }];
    const result = evaluateModel(doc);
    // 700 credits a week = 100 a day × 30 April days
    expect(byId(result, "observed").rows[0].demand.credits).toBe("3000");
  });
});

describe("evaluateModel: invalid documents", () => {
  it("throws every issue with its path", () => {
    const doc = load("examples/workday-estate.json");
    doc.version = "1";
    doc.scenarios[1].clauses.ratePolicy.pricePerCredit = "free";
    let error: unknown;
    try {
      evaluateModel(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelDocumentError);
    const paths = (error as ModelDocumentError).issues.map((i) => i.path);
    expect(paths).toEqual(["$.version", "$.scenarios[1].clauses.ratePolicy.pricePerCredit"]);
  });
});

describe("evaluateModel: drivers and rate card disagree", () => {
  it("points at the driver whose unit is not on the rate card", () => {
    const doc = load("examples/workday-estate.json");
    doc.drivers.units[1].unit = "guided-task";
    let error: unknown;
    try {
      evaluateModel(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelEvaluationError);
    expect((error as ModelEvaluationError).path).toBe("$.drivers.units[1].unit");
    expect((error as Error).message).toMatch(/"guided-task" is not on rate card "workday-flex"/);
  });
});

describe("evaluateModel: weekly term, ramp and calendar from the document", () => {
  function weeklyDoc(ramp: unknown) {
    const doc = load("examples/salesforce-agentforce.json");
    delete doc.observedBurn;
    doc.term = { start: "2026-03-02", periods: 6, granularity: "week", workingDays: { holidays: ["2026-04-03"], overrides: { "2026-W12": 4 } } };
    doc.drivers.ramp = ramp;
    doc.scenarios = [{ id: "weekly", name: "Weekly view" }];
    return doc;
  }

  it.each([
    ["months + share", { months: 1, belowSteadyStatePct: 40 }],
    ["share by month", { belowSteadyStatePctByMonth: [40] }],
  ])("applies a ramp given as %s to the weeks of term month 1", (_label, ramp) => {
    const result = evaluateModel(weeklyDoc(ramp));
    const rows = byId(result, "weekly").rows;
    expect(result.term.periods.map((p) => [p.label, p.workingDays])).toEqual([
      ["2026-W10", 5],
      ["2026-W11", 5],
      ["2026-W12", 4], // override
      ["2026-W13", 5],
      ["2026-W14", 4], // Mon 30 Mar – Sun 5 Apr with Good Friday 3 Apr off
      ["2026-W15", 5],
    ]);
    // month 1 (weeks from 2 Mar to 30 Mar): 50 agents × 25 × 5 days × 60% = 3,750 actions
    expect(rows[0].demand.actions).toBe("3750");
    // the override week: 50 × 25 × 4 × 60% = 3,000
    expect(rows[2].demand.actions).toBe("3000");
    // week from 30 Mar is still term month 1 (month 2 starts 2 Apr): 50 × 25 × 4 × 60% = 3,000
    expect(rows[4].demand.actions).toBe("3000");
    // week from 6 Apr is term month 2, past the ramp: 60 × 25 × 5 = 7,500
    expect(rows[5].demand.actions).toBe("7500");
  });

  it("rejects a ramp that mixes both forms", () => {
    expect(() => evaluateModel(weeklyDoc({ months: 1, belowSteadyStatePct: 40, belowSteadyStatePctByMonth: [40] }))).toThrow(ModelDocumentError);
  });
});
