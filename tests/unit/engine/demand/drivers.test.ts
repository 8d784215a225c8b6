import Decimal from "@/lib/engine/decimal";
import { describe, expect, it } from "vitest";
import { buildPeriods } from "@/lib/engine/calendar";
import {
  activeAgents,
  demandCredits,
  demandFromDrivers,
  DemandInputError,
  totalActions,
  type DriverInputs,
} from "@/lib/engine/demand/drivers";
import { pricePerCredit } from "@/lib/engine/ratecard";
import type { Granularity } from "@/lib/engine/types";

const d = (v: Decimal.Value) => new Decimal(v);

function term(start: string, periods: number, granularity: Granularity = "month", workingDaysPerPeriod?: number) {
  return {
    granularity,
    periods: buildPeriods({ start, periods, granularity, ...(workingDaysPerPeriod === undefined ? {} : { workingDaysPerPeriod }) }),
  };
}

const salesforce: DriverInputs = {
  termStart: "2026-04-01",
  licensedSeats: d(100),
  activationByMonth: [d("0.5"), d("0.6"), d("0.75")],
  units: [{ unitId: "action", basis: "perActiveAgentPerDay", actions: d(25) }],
};

const production = (path: ReturnType<typeof demandFromDrivers>, i: number, unit: string) =>
  path.periods[i]?.actions[unit]?.production.toString();

describe("Salesforce drivers", () => {
  it("activates 50, 60, 75 of 100 seats in months 1–3, then holds the plateau", () => {
    // 100 × 50% = 50; 100 × 60% = 60; 100 × 75% = 75; month 4 keeps the last share: 75
    expect([0, 1, 2, 3, 11].map((m) => activeAgents(salesforce, m).toString())).toEqual(["50", "60", "75", "75", "75"]);
  });

  it("runs 50 agents × 25 actions × 20 working days = 25,000 actions and 500,000 credits ($2,500)", () => {
    const path = demandFromDrivers(term("2026-04-01", 4, "month", 20), salesforce);
    // month 1: 50 × 25 × 20 = 25,000; month 2: 60 × 25 × 20 = 30,000; months 3–4: 75 × 25 × 20 = 37,500
    expect([0, 1, 2, 3].map((i) => production(path, i, "action"))).toEqual(["25000", "30000", "37500", "37500"]);
    const credits = demandCredits(path.periods[0]!, new Map([["action", d(20)]]));
    expect(credits.toString()).toBe("500000"); // 25,000 × 20
    const usdPerCredit = pricePerCredit({ kind: "pack", packPrice: d(500), packCredits: d(100000) })!;
    expect(credits.times(usdPerCredit).toString()).toBe("2500"); // 500,000 × $0.005 = five $500 packs
  });

  it("takes working days from the calendar when no assumption is given", () => {
    const path = demandFromDrivers(term("2026-03-01", 2), { ...salesforce, termStart: "2026-03-01" });
    // March 2026 has 22 weekdays: 50 × 25 × 22 = 27,500; April 2026 has 22: 60 × 25 × 22 = 33,000
    expect(production(path, 0, "action")).toBe("27500");
    expect(production(path, 1, "action")).toBe("33000");
  });

  it("honours a per-period working-day override", () => {
    const t = { granularity: "month" as const, periods: buildPeriods({ start: "2026-03-01", periods: 1, granularity: "month", workingDaysOverrides: { "2026-03": 19 } }) };
    // 50 × 25 × 19 = 23,750
    expect(production(demandFromDrivers(t, { ...salesforce, termStart: "2026-03-01" }), 0, "action")).toBe("23750");
  });
});

describe("Workday skill mix", () => {
  const workday: DriverInputs = {
    termStart: "2026-02-01",
    units: [
      { unitId: "retrieval", basis: "perMonth", actions: d(40000) },
      { unitId: "guided-draft", basis: "perMonth", actions: d(6000) },
      { unitId: "autonomous-completion", basis: "perMonth", actions: d(4000) },
    ],
  };
  const card = new Map([
    ["retrieval", d(1)],
    ["guided-draft", d(2)],
    ["autonomous-completion", d(5)],
  ]);

  it("draws 72,000 credits a month for 50,000 actions (blended 1.44) and 864,000 a year", () => {
    const path = demandFromDrivers(term("2026-02-01", 12), workday);
    const first = path.periods[0]!;
    // 40,000 × 1 + 6,000 × 2 + 4,000 × 5 = 40,000 + 12,000 + 20,000 = 72,000
    expect(demandCredits(first, card).toString()).toBe("72000");
    expect(totalActions(first).toString()).toBe("50000");
    expect(demandCredits(first, card).div(totalActions(first)).toString()).toBe("1.44");
    const year = path.periods.reduce((s, p) => s.plus(demandCredits(p, card)), d(0));
    expect(year.toString()).toBe("864000"); // 72,000 × 12
    // a complimentary allotment covering six months of that pace: 72,000 × 6 = 432,000
    expect(year.minus(d(432000)).toString()).toBe("432000");
  });

  it("triples autonomous completions in the heavy case: 112,000 credits a month", () => {
    const heavy = demandFromDrivers(term("2026-02-01", 1), { ...workday, unitMultipliers: { "autonomous-completion": d(3) } });
    // 40,000 × 1 + 6,000 × 2 + 12,000 × 5 = 40,000 + 12,000 + 60,000 = 112,000
    expect(heavy.periods[0]?.actions["autonomous-completion"]?.production.toString()).toBe("12000");
    expect(demandCredits(heavy.periods[0]!, card).toString()).toBe("112000");
  });

  it("spreads a monthly volume over weeks as 12/52 of it", () => {
    const weekly = demandFromDrivers(term("2026-02-02", 2, "week"), {
      termStart: "2026-02-02",
      units: [{ unitId: "retrieval", basis: "perMonth", actions: d(52000) }],
    });
    // 52,000 × 12 / 52 = 12,000 a week
    expect(production(weekly, 0, "retrieval")).toBe("12000");
    expect(weekly.granularity).toBe("week");
  });
});

describe("ramp, growth, non-production share", () => {
  const base: DriverInputs = {
    termStart: "2026-01-01",
    licensedSeats: d(100),
    units: [{ unitId: "action", basis: "perActiveAgentPerDay", actions: d(10) }],
  };

  it("runs the first months a given share below steady state", () => {
    const path = demandFromDrivers(term("2026-01-01", 3, "month", 20), {
      ...base,
      rampBelowSteadyStateByMonth: [d("0.35"), d("0.35")],
    });
    // steady state 100 × 10 × 20 = 20,000; months 1–2 at 65%: 13,000; month 3, past the list: 20,000
    expect([0, 1, 2].map((i) => production(path, i, "action"))).toEqual(["13000", "13000", "20000"]);
  });

  it("compounds monthly growth from month 2", () => {
    const path = demandFromDrivers(term("2026-01-01", 3, "month", 20), { ...base, monthlyGrowth: d("0.02") });
    // 20,000; 20,000 × 1.02 = 20,400; 20,000 × 1.02² = 20,808
    expect([0, 1, 2].map((i) => production(path, i, "action"))).toEqual(["20000", "20400", "20808"]);
  });

  it("combines activation, ramp and growth multiplicatively", () => {
    const path = demandFromDrivers(term("2026-01-01", 2, "month", 20), {
      ...base,
      activationByMonth: [d("0.5"), d("0.6")],
      rampBelowSteadyStateByMonth: [d("0.4"), d("0.3")],
      monthlyGrowth: d("0.1"),
    });
    // month 1: 50 agents × 10 × 20 × 0.6 = 6,000; month 2: 60 × 10 × 20 × 0.7 × 1.1 = 9,240
    expect(production(path, 0, "action")).toBe("6000");
    expect(production(path, 1, "action")).toBe("9240");
  });

  it("adds non-production actions as a share of the total billed", () => {
    const path = demandFromDrivers(term("2026-01-01", 1, "month", 20), {
      ...salesforce,
      termStart: "2026-01-01",
      nonProductionShare: d("0.2"),
    });
    const a = path.periods[0]!.actions.action!;
    // production 50 × 25 × 20 = 25,000; non-production 25,000 × 0.2 / 0.8 = 6,250; total 31,250
    expect(a.production.toString()).toBe("25000");
    expect(a.nonProduction.toString()).toBe("6250");
    expect(a.nonProduction.div(a.production.plus(a.nonProduction)).toString()).toBe("0.2");
  });

  it("keeps a repeating non-production share within decimal precision", () => {
    const path = demandFromDrivers(term("2026-01-01", 1, "month", 20), { ...base, nonProductionShare: d("0.15") });
    const a = path.periods[0]!.actions.action!;
    // 20,000 × 0.15 / 0.85 = 3,529.41…; as a share of 23,529.41… it is 0.15 to ~19 digits
    expect(a.nonProduction.toFixed(2)).toBe("3529.41");
    expect(a.nonProduction.div(a.production.plus(a.nonProduction)).minus("0.15").abs().lt("1e-15")).toBe(true);
  });

  it("gives weekly periods the activation of the term month they start in", () => {
    const path = demandFromDrivers(term("2026-03-02", 6, "week"), { ...salesforce, termStart: "2026-03-02", activationByMonth: [d("0.5"), d("0.6")] });
    // weeks from Mar 2, 9, 16, 23, 30 start in term month 1 (before Apr 2): 50 × 25 × 5 = 6,250;
    // the week from Apr 6 is in month 2: 60 × 25 × 5 = 7,500
    expect([0, 1, 2, 3, 4, 5].map((i) => production(path, i, "action"))).toEqual(["6250", "6250", "6250", "6250", "6250", "7500"]);
  });
});

describe("driver validation", () => {
  it("needs seats for per-agent units", () => {
    expect(() =>
      demandFromDrivers(term("2026-01-01", 1), { termStart: "2026-01-01", units: [{ unitId: "a", basis: "perActiveAgentPerDay", actions: d(1) }] }),
    ).toThrow(DemandInputError);
  });

  it("rejects a non-production share of 100% and multipliers for undriven units", () => {
    expect(() => demandFromDrivers(term("2026-01-01", 1), { ...salesforce, termStart: "2026-01-01", nonProductionShare: d(1) })).toThrow(/nonProductionShare/);
    expect(() => demandFromDrivers(term("2026-01-01", 1), { ...salesforce, termStart: "2026-01-01", unitMultipliers: { nope: d(2) } })).toThrow(/nope/);
  });

  it("rejects periods before the term", () => {
    expect(() => demandFromDrivers(term("2026-01-01", 1), { ...salesforce, termStart: "2026-02-01" })).toThrow(/before the term/);
  });
});
