// Burn diagnostics: planted traps are found with their rows and impact; a clean estate yields none.
import Decimal from "@/lib/engine/decimal";
import { describe, expect, it } from "vitest";
import { diagnoseUsage, type UsageRow } from "@/lib/engine/analysis/diagnostics";

const PRICE = new Decimal("0.005");
const days = Array.from({ length: 14 }, (_, i) => `2026-03-${String(2 + i).padStart(2, "0")}`);
/** ±5 % deterministic wobble so that the clean estate is not perfectly flat */
const wobble = (i: number, j: number) => 1 + 0.05 * Math.sin(i * 1.3 + j * 0.7);

function clean(): UsageRow[] {
  const agents = [
    ["triage", 10_000],
    ["summaries", 6_000],
    ["answers", 4_000],
    ["routing", 2_000],
  ] as const;
  return days.flatMap((period, i) =>
    agents.map(([agent, base], j) => ({ period, agent, environment: "production" as const, credits: new Decimal(Math.round(base * wobble(i, j))) })),
  );
}

const run = (rows: UsageRow[], thresholds = {}) => diagnoseUsage(rows, { pricePerCredit: PRICE, currency: "USD", thresholds });

describe("diagnoseUsage", () => {
  it("finds nothing in a clean estate", () => {
    const r = run(clean());
    expect(r.findings).toEqual([]);
    expect(r.nonProductionSharePct.toString()).toBe("0");
  });

  it("finds a runaway agent climbing far above its own history, with its rows and impact", () => {
    const rows = clean();
    // routing (2,000 a day) loops from day 10: 12,000, 20,000, 30,000, 40,000, 50,000
    const loop = [12_000, 20_000, 30_000, 40_000, 50_000];
    const planted: number[] = [];
    rows.forEach((r, idx) => {
      const i = days.indexOf(r.period);
      if (r.agent === "routing" && i >= 9) {
        r.credits = new Decimal(loop[i - 9]!);
        planted.push(idx);
      }
    });
    const r = run(rows);
    expect(r.findings.map((f) => [f.kind, f.agent])).toEqual([["runaway", "routing"]]);
    const f = r.findings[0]!;
    expect(f.rows).toEqual(planted);
    expect(f.periods).toEqual(days.slice(9));
    // excess over the agent's median of days 1–9, rounded to whole credits
    const baseline = f.baselineCredits!.toNumber();
    expect(baseline).toBeGreaterThan(1900);
    expect(baseline).toBeLessThan(2100);
    expect(f.credits.toNumber()).toBe(152_000 - 5 * baseline);
    expect(f.amount!.toString()).toBe(f.credits.mul(PRICE).toDecimalPlaces(2).toString());
    expect(f.sentence).toMatch(/^routing burned .* recursive loop/);
  });

  it("finds a planted sandbox share and stays quiet under the threshold", () => {
    const rows = clean();
    // every day, 4,000 sandbox credits next to 22,000 in production: 15.4 % of the total
    const sandbox = days.map((period) => ({ period, agent: "triage", environment: "nonProduction" as const, credits: new Decimal(4_000) }));
    const all = [...rows, ...sandbox];
    const r = run(all);
    expect(r.findings.map((f) => f.kind)).toEqual(["nonProduction"]);
    const f = r.findings[0]!;
    expect(f.credits.toString()).toBe("56000"); // 14 × 4,000
    expect(f.amount!.toString()).toBe("280"); // 56,000 × $0.005
    expect(f.rows).toEqual(sandbox.map((_, i) => rows.length + i));
    expect(Number(r.nonProductionSharePct)).toBeGreaterThan(15);
    expect(run(all, { nonProductionSharePct: 20 }).findings).toEqual([]);
  });

  it("finds a one-day spike from one agent (a bulk job) and not a runaway", () => {
    const rows = clean();
    // a bulk job: answers draws 60,000 on day 7 instead of about 4,000
    const idx = rows.findIndex((r) => r.agent === "answers" && r.period === days[6]);
    rows[idx]!.credits = new Decimal(60_000);
    const r = run(rows);
    expect(r.findings.map((f) => [f.kind, f.agent, f.periods])).toEqual([["spike", "answers", [days[6]]]]);
    expect(r.findings[0]!.rows).toEqual([idx]);
    expect(r.findings[0]!.credits.toNumber()).toBe(60_000 - r.findings[0]!.baselineCredits!.toNumber());
  });

  it("finds acceleration after go-live across the estate", () => {
    const rows = clean().map((r) => {
      const i = days.indexOf(r.period);
      return i >= 11 ? { ...r, credits: r.credits.mul(2).round() } : r;
    });
    const r = run(rows);
    expect(r.findings.map((f) => f.kind)).toEqual(["acceleration"]);
    expect(r.findings[0]!.periods).toEqual(days.slice(11));
  });
});
