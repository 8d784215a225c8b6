// One test per clause, with the ledger computed by hand beside the expectation.
// Unless stated: card "simple" with unit u = 1 credit and $0.10 per credit, monthly periods from 2026-01-01.
import { describe, expect, it } from "vitest";
import { LedgerInputError } from "@/lib/engine/ledger/evaluate";
import { serialise } from "@/lib/engine/model/serialise";
import type { ContractTerms, LedgerResult } from "@/lib/engine/ledger/types";
import { assertConserved, creditDemand, D, demandPath, flatDemand, run, s, salesforceCard, simpleCard } from "./factories";

const costs = (r: LedgerResult, key: "overage" | "total" | "packs" | "autoPacks" | "fixed" | "trueUp" = "total") =>
  r.rows.map((row) => s(row.cost[key]));
const col = (r: LedgerResult, f: (row: LedgerResult["rows"][number]) => unknown) => r.rows.map(f);
const overageAt = (price?: ContractTerms["onExhaustion"]) => price ?? { kind: "overage" as const, overage: {} };

describe("rate card versions", () => {
  it("uses the version in effect at each period start, for credits per unit and price", () => {
    // Jan, Feb: v1, 1,000 actions × 1 credit × $0.10 = $100.
    // Mar, Apr: v2 from 2026-03-01, 1,000 × 2 credits × $0.12 = $240.
    const v2 = simpleCard("0.12", { id: "v2", effectiveFrom: "2026-03-01", units: [{ id: "u", name: "unit", creditsPerUnit: D(2) }] });
    const r = run({ demand: flatDemand(4, { actions: { u: 1000 } }), rateCard: [v2, simpleCard()], terms: { onExhaustion: overageAt() } });
    expect(col(r, (x) => x.rateCardVersionId)).toEqual(["simple", "simple", "v2", "v2"]);
    expect(costs(r, "overage")).toEqual(["100", "100", "240", "240"]);
  });

  it("throws when no version is in effect", () => {
    expect(() => run({ demand: creditDemand([1]), rateCard: [simpleCard("0.1", { effectiveFrom: "2027-01-01" })] })).toThrow(LedgerInputError);
  });

  it("an unknown price leaves money null and flags priceUnpinned; a committed price pins it", () => {
    // unknown: 1,000 credits of overage, bill null (never 0)
    const unknown = run({ demand: creditDemand([1000]), rateCard: [simpleCard(null)], terms: { onExhaustion: overageAt() } });
    expect(unknown.summary.priceUnpinned).toBe(true);
    expect(unknown.rows[0]!.cost.overage).toBeNull();
    expect(unknown.summary.effectivePricePerCredit).toBeNull();
    expect(s(unknown.rows[0]!.credits.overage)).toBe("1000");
    // committed $0.08: 1,000 × $0.08 = $80 at the contract basis
    const pinned = run({
      demand: creditDemand([1000]),
      rateCard: [simpleCard(null)],
      terms: { discount: { kind: "committedPrice", pricePerCredit: D("0.08") }, onExhaustion: overageAt({ kind: "overage", overage: { price: { kind: "contract" } } }) },
    });
    expect(pinned.summary.priceUnpinned).toBe(false);
    expect(s(pinned.summary.totalCost)).toBe("80");
  });
});

describe("rate pin and escalation cap", () => {
  // List assumed to rise 10 % a year: year 0 $0.10, year 1 $0.11, year 2 $0.121.
  // 1,000 credits a month billed as overage at the contract price; look at months 1, 13 and 25.
  const demand = creditDemand(Array.from({ length: 25 }, () => 1000));
  const contractOverage = overageAt({ kind: "overage", overage: { price: { kind: "contract" } } });
  const at = (r: LedgerResult) => [0, 12, 24].map((i) => s(r.rows[i]!.cost.overage));
  const assumptions = { listEscalationPctPerYear: D(10) };

  it("without protection the contract follows the list", () => {
    expect(at(run({ demand, assumptions, terms: { onExhaustion: contractOverage } }))).toEqual(["100", "110", "121"]);
  });
  it("a pin holds the term-start price", () => {
    expect(at(run({ demand, assumptions, terms: { ratePolicy: { kind: "pinned" }, onExhaustion: contractOverage } }))).toEqual(["100", "100", "100"]);
  });
  it("a pin can state its own price", () => {
    const r = run({ demand, assumptions, terms: { ratePolicy: { kind: "pinned", pricePerCredit: D("0.09") }, onExhaustion: contractOverage } });
    expect(at(r)).toEqual(["90", "90", "90"]);
  });
  it("a 5 % cap: year 1 min(0.11, 0.105) = 0.105; year 2 min(0.121, 0.11025) = 0.11025", () => {
    const r = run({ demand, assumptions, terms: { ratePolicy: { kind: "capped", maxIncreasePctPerYear: D(5) }, onExhaustion: contractOverage } });
    expect(at(r)).toEqual(["100", "105", "110.25"]);
    expect(s(r.rows[12]!.listPricePerCredit)).toBe("0.11");
    expect(s(r.rows[12]!.contractPricePerCredit)).toBe("0.105");
  });
  it("a cap above the list rise does not bind: 15 % cap, list +10 %", () => {
    const r = run({ demand, assumptions, terms: { ratePolicy: { kind: "capped", maxIncreasePctPerYear: D(15) }, onExhaustion: contractOverage } });
    expect(at(r)).toEqual(["100", "110", "121"]);
  });
  it("overage at the list (spot) price ignores the pin", () => {
    const r = run({ demand, assumptions, terms: { ratePolicy: { kind: "pinned" }, onExhaustion: overageAt() } });
    expect(at(r)).toEqual(["100", "110", "121"]);
  });
});

describe("discounts", () => {
  it("flat 15 %: contract $0.085, list stays $0.10 for spot overage", () => {
    // 1,000 credits: contract basis 1,000 × 0.085 = $85; list basis $100
    const contract = run({ demand: creditDemand([1000]), terms: { discount: { kind: "flat", pct: D(15) }, onExhaustion: { kind: "overage", overage: { price: { kind: "contract" } } } } });
    const list = run({ demand: creditDemand([1000]), terms: { discount: { kind: "flat", pct: D(15) }, onExhaustion: overageAt() } });
    expect(s(contract.summary.totalCost)).toBe("85");
    expect(s(contract.rows[0]!.effectivePricePerCredit)).toBe("0.085");
    expect(s(list.summary.totalCost)).toBe("100");
  });

  it("graduated volume tiers on cumulative contract-price credits, reset each contract year", () => {
    // tiers: 0–1,000 at 0 %, 1,000–2,000 at 10 %, 2,000+ at 20 %; list $0.10.
    // month 1: 1,500 → 1,000 × 0.10 + 500 × 0.09 = 100 + 45 = $145
    // month 2: 1,000 (cumulative 1,500 → 2,500) → 500 × 0.09 + 500 × 0.08 = 45 + 40 = $85
    // month 13: new contract year, 1,500 → $145 again
    const demand = creditDemand([1500, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1500]);
    const r = run({
      demand,
      terms: {
        discount: { kind: "volumeTiers", tiers: [{ fromCredits: D(0), pct: D(0) }, { fromCredits: D(1000), pct: D(10) }, { fromCredits: D(2000), pct: D(20) }] },
        onExhaustion: { kind: "overage", overage: { price: { kind: "contract" } } },
      },
    });
    expect(s(r.rows[0]!.cost.overage)).toBe("145");
    expect(s(r.rows[1]!.cost.overage)).toBe("85");
    expect(s(r.rows[1]!.effectivePricePerCredit)).toBe("0.09"); // marginal at the start of month 2
    expect(s(r.rows[12]!.cost.overage)).toBe("145");
  });

  it("rejects tiers whose discount falls with volume", () => {
    const terms: ContractTerms = { discount: { kind: "volumeTiers", tiers: [{ fromCredits: D(0), pct: D(10) }, { fromCredits: D(10), pct: D(5) }] } };
    expect(() => run({ demand: creditDemand([1]), terms })).toThrow(LedgerInputError);
  });
});

describe("credits per unit", () => {
  it("negotiated values replace the card's: 1,000 actions × 15 instead of 20 credits", () => {
    // 15,000 credits × $0.005 (pack-derived list) = $75
    const r = run({ demand: flatDemand(1, { actions: { action: 1000 } }), rateCard: [salesforceCard()], terms: { creditsPerUnit: { action: D(15) }, onExhaustion: overageAt() } });
    expect(s(r.rows[0]!.demand.credits)).toBe("15000");
    expect(s(r.summary.totalCost)).toBe("75");
    expect(s(r.summary.effectivePricePerAction)).toBe("0.075");
  });

  it("environment multipliers: non-production billed at half rate", () => {
    // 1,000 production × 1 + 400 non-production × 1 × 0.5 = 1,000 + 200 = 1,200 credits
    const r = run({
      demand: flatDemand(1, { actions: { u: { production: 1000, nonProduction: 400 } } }),
      terms: { environmentMultipliers: { nonProduction: D("0.5") } },
    });
    const d = r.rows[0]!.demand;
    expect(s(d.credits)).toBe("1200");
    expect(s(d.byEnvironment.production)).toBe("1000");
    expect(s(d.byEnvironment.nonProduction)).toBe("200");
    expect(s(d.byUnit.u!.actions)).toBe("1400");
  });

  it("an action of a unit missing from the card is an input error, not a silent 0", () => {
    expect(() => run({ demand: flatDemand(1, { actions: { nope: 1 } }) })).toThrow(/not on rate card/);
  });
});

describe("allotments", () => {
  const perHead = (onChange?: "atNextReset" | "prorateIncreases"): ContractTerms => ({
    allotments: [
      {
        id: "comp",
        kind: "complimentary",
        cadence: "year",
        size: {
          kind: "perHead",
          creditsPerHead: D(10),
          headcount: [
            { from: "2026-01-01", headcount: 100 },
            { from: "2026-07-01", headcount: 150 },
          ],
          onChange,
        },
      },
    ],
  });

  it("sized by headcount, reset yearly; a headcount change waits for the next reset by default", () => {
    // 2026-01: 100 × 10 = 1,000 granted; unused, it expires at the end of 2026-12;
    // 2027-01: 150 × 10 = 1,500 granted.
    const r = run({ demand: creditDemand(Array.from({ length: 18 }, () => 0)), terms: perHead() });
    assertConserved(r);
    expect(s(r.rows[0]!.credits.granted)).toBe("1000");
    expect(s(r.rows[6]!.credits.granted)).toBe("0");
    expect(s(r.rows[11]!.credits.expired)).toBe("1000");
    expect(s(r.rows[12]!.credits.granted)).toBe("1500");
    expect(s(r.rows[12]!.credits.opening)).toBe("0");
  });

  it("prorateIncreases tops up mid-cycle for the share of the year left", () => {
    // July: +50 heads × 10 × 6/12 periods left = 250; the year closes 1,250 expired.
    const r = run({ demand: creditDemand(Array.from({ length: 13 }, () => 0)), terms: perHead("prorateIncreases") });
    assertConserved(r);
    expect(s(r.rows[6]!.credits.granted)).toBe("250");
    expect(s(r.rows[11]!.credits.expired)).toBe("1250");
    expect(s(r.rows[12]!.credits.granted)).toBe("1500");
  });

  it("reset anchor: calendar year vs contract anniversary, for a term starting in July", () => {
    // 1,200 a year, 100 drawn a month, term 2026-07 … 2027-06.
    const demand = creditDemand(Array.from({ length: 12 }, () => 100), "2026-07-01");
    const terms = (anchor: "calendar" | "anniversary"): ContractTerms => ({
      allotments: [{ id: "comp", kind: "complimentary", cadence: "year", anchor, size: { kind: "fixed", credits: D(1200) } }],
    });
    // anniversary: one grant, 12 × 100 = 1,200 drawn, nothing expires, closing 0
    const ann = run({ demand, terms: terms("anniversary") });
    assertConserved(ann);
    expect(col(ann, (x) => s(x.credits.granted)).filter((g) => g !== "0")).toEqual(["1200"]);
    expect(s(ann.rows[11]!.credits.closing)).toBe("0");
    // calendar: 2026 grant of 1,200 less 6 × 100 drawn → 600 expire at the end of December;
    // 2027-01 grants 1,200 again, 600 drawn by June, 600 still valid at the term end (the 2027
    // year runs on), so they close as balance.
    const cal = run({ demand, terms: terms("calendar") });
    assertConserved(cal);
    expect(s(cal.rows[5]!.credits.expired)).toBe("600");
    expect(s(cal.rows[6]!.credits.granted)).toBe("1200");
    expect(s(cal.rows[11]!.credits.closing)).toBe("600");
    expect(s(cal.summary.closingBalance)).toBe("600");
  });

  it("a quarterly allocation with a fee: granted and billed every third month", () => {
    // 3,000 credits for $250 each quarter; 1,000 drawn a month
    const r = run({
      demand: creditDemand([1000, 1000, 1000, 1000, 1000, 1000]),
      terms: { allotments: [{ id: "q", kind: "allocation", cadence: "quarter", size: { kind: "fixed", credits: D(3000) }, feePerCycle: D(250) }] },
    });
    assertConserved(r);
    expect(costs(r, "fixed")).toEqual(["250", "0", "0", "250", "0", "0"]);
    expect(col(r, (x) => s(x.credits.closing))).toEqual(["2000", "1000", "0", "2000", "1000", "0"]);
    expect(r.summary.effectivePricePerCredit!.toFixed(6)).toBe("0.083333"); // $500 ÷ 6,000, not rounded
  });

  it("fromAmount needs a price", () => {
    const terms: ContractTerms = { allotments: [{ id: "a", kind: "allocation", cadence: "month", size: { kind: "fromAmount", amount: D(10) } }] };
    expect(() => run({ demand: creditDemand([1]), rateCard: [simpleCard(null)], terms })).toThrow(/price of a credit is unknown/);
  });
});

describe("purchased packs", () => {
  it("arrive in the purchase period and expire for periods starting on/after expiresOn", () => {
    // pack of 1,000 for $80 bought 2026-02-10, expires 2026-04-01: usable in Feb and Mar.
    // Jan: nothing → 300 unserved. Feb: +1,000, draw 300, closing 700. Mar: draw 300, 400 expire.
    // Apr: 300 unserved.
    const r = run({
      demand: creditDemand([300, 300, 300, 300]),
      terms: { packs: [{ id: "p", credits: D(1000), price: D(80), purchaseDate: "2026-02-10", expiresOn: "2026-04-01" }] },
    });
    assertConserved(r);
    expect(col(r, (x) => s(x.credits.purchased))).toEqual(["0", "1000", "0", "0"]);
    expect(col(r, (x) => s(x.credits.drawn))).toEqual(["0", "300", "300", "0"]);
    expect(col(r, (x) => s(x.credits.expired))).toEqual(["0", "0", "400", "0"]);
    expect(col(r, (x) => s(x.credits.unserved))).toEqual(["300", "0", "0", "300"]);
    expect(costs(r, "packs")).toEqual(["0", "80", "0", "0"]);
    expect(s(r.rows[2]!.credits.bySource.p!.expired)).toBe("400");
    // first day not served: Thu 2026-01-01 (nothing in the balance)
    expect(r.summary.exhaustion).toEqual({ periodIndex: 0, date: "2026-01-01" });
  });

  it("a pack without a price costs its credits at the contract price (discount included)", () => {
    // 1,000 × $0.10 × (1 − 20 %) = $80
    const r = run({
      demand: creditDemand([0]),
      terms: { discount: { kind: "flat", pct: D(20) }, packs: [{ id: "p", credits: D(1000), purchaseDate: "2026-01-01" }] },
    });
    expect(s(r.summary.totalCost)).toBe("80");
  });

  it("a purchase outside the term is an input error", () => {
    expect(() => run({ demand: creditDemand([1]), terms: { packs: [{ id: "p", credits: D(1), purchaseDate: "2025-12-31" }] } })).toThrow(LedgerInputError);
  });
});

describe("rollover", () => {
  it("share carried, capped, expiring after one further cycle", () => {
    // 1,000 a month; 60 % of unused carried, at most 300; carried credits live one more month.
    // M1: draw 400; unused 600 → 60 % = 360, cap 300 → carry 300, expire 300.
    // M2: carried 300 (older, same expiry) drawn first, then 1,000 granted; demand 1,500 → 200 unserved.
    // M3: draw 0; unused 1,000 → carry 300, expire 700.
    // M4: draw 0; grant: carry 300, expire 700; M3's carried 300 expire too → expired 1,000, closing 300.
    const r = run({
      demand: creditDemand([400, 1500, 0, 0]),
      terms: {
        allotments: [
          {
            id: "a",
            kind: "allocation",
            cadence: "month",
            size: { kind: "fixed", credits: D(1000) },
            rollover: { sharePct: D(60), cap: { kind: "credits", credits: D(300) }, expiresAfterCycles: 1 },
          },
        ],
      },
    });
    assertConserved(r);
    expect(col(r, (x) => s(x.credits.rolledOver))).toEqual(["300", "0", "300", "300"]);
    expect(col(r, (x) => s(x.credits.expired))).toEqual(["300", "0", "700", "1000"]);
    expect(col(r, (x) => s(x.credits.drawn))).toEqual(["400", "1300", "0", "0"]);
    expect(col(r, (x) => s(x.credits.unserved))).toEqual(["0", "200", "0", "0"]);
    expect(col(r, (x) => s(x.credits.closing))).toEqual(["300", "0", "300", "300"]);
  });

  it("Salesforce-style carry forward: everything rolls, never expires; expiring credits are drawn first", () => {
    // M1: 1,000 granted, 200 drawn → 800 carried. M2: grant (expires this month) drawn first: 200;
    // 800 carried (total carried 1,600). M3: grant 1,000 then oldest carried 800, then 700 of the
    // next → closing 100.
    const r = run({
      demand: creditDemand([200, 200, 2500]),
      terms: { allotments: [{ id: "a", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: D(1000) }, rollover: { sharePct: D(100) } }] },
    });
    assertConserved(r);
    expect(col(r, (x) => s(x.credits.closing))).toEqual(["800", "1600", "100"]);
    expect(col(r, (x) => s(x.credits.expired))).toEqual(["0", "0", "0"]);
  });
});

describe("consumption ceiling", () => {
  it("in credits per quarter: demand above it is unserved, not dropped", () => {
    // 2,500 credits a quarter, 1,000 a month, overage otherwise: M1 1,000, M2 1,000, M3 500 served
    // and 500 unserved ("ceiling"); same in Q2.
    const r = run({
      demand: creditDemand([1000, 1000, 1000, 1000, 1000, 1000]),
      terms: { ceiling: { cadence: "quarter", limit: { kind: "credits", credits: D(2500) } }, onExhaustion: overageAt() },
    });
    assertConserved(r);
    expect(col(r, (x) => s(x.credits.unservedByReason.ceiling))).toEqual(["0", "0", "500", "0", "0", "500"]);
    expect(costs(r, "overage")).toEqual(["100", "100", "50", "100", "100", "50"]);
    expect(r.summary.exhaustion?.periodIndex).toBe(0); // no balance at all: exhaustion is not the ceiling
  });

  it("in money per month: $150 at $0.10 = 1,500 credits, allotment and overage both count", () => {
    // 1,000 granted, 2,000 demanded: 1,500 let through = 1,000 drawn + 500 overage ($50); 500 unserved
    const r = run({
      demand: creditDemand([2000]),
      terms: {
        allotments: [{ id: "a", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: D(1000) } }],
        ceiling: { cadence: "month", limit: { kind: "amount", amount: D(150) } },
        onExhaustion: overageAt(),
      },
    });
    const c = r.rows[0]!.credits;
    expect([s(c.drawn), s(c.overage), s(c.unserved)]).toEqual(["1000", "500", "500"]);
    expect(s(r.rows[0]!.cost.overage)).toBe("50");
  });
});

describe("overage cap and pre-approval", () => {
  // Salesforce: monthly allocation $5,000 (1,000,000 credits at $0.005), overage cap $1,000/month
  // = 200,000 credits at $0.005. Demand 1,300,000 credits → 300,000 short.
  const terms = (aboveCap?: "unserved" | "preApproved"): ContractTerms => ({
    allotments: [{ id: "alloc", kind: "allocation", cadence: "month", size: { kind: "fromAmount", amount: D(5000) }, feePerCycle: D(5000) }],
    onExhaustion: { kind: "overage", overage: { cap: { cadence: "month", limit: { kind: "amount", amount: D(1000) } }, aboveCap } },
  });

  it("above the cap is unserved and reported as needing pre-approval", () => {
    // overage 200,000 × $0.005 = $1,000; 100,000 credits unserved ("overageCap")
    const r = run({ demand: creditDemand([1_300_000]), rateCard: [salesforceCard()], terms: terms() });
    assertConserved(r);
    const row = r.rows[0]!;
    expect(s(row.credits.overage)).toBe("200000");
    expect(s(row.cost.overage)).toBe("1000");
    expect(s(row.credits.unservedByReason.overageCap)).toBe("100000");
    expect(s(row.credits.preApprovalCredits)).toBe("100000");
    expect(s(row.cost.total)).toBe("6000");
    expect(r.summary.preApproval).toEqual([{ periodIndex: 0, credits: D(100000) }]);
  });

  it("pre-approved overage above the cap is served and billed", () => {
    // 300,000 × $0.005 = $1,500; still flagged as above the cap
    const r = run({ demand: creditDemand([1_300_000]), rateCard: [salesforceCard()], terms: terms("preApproved") });
    const row = r.rows[0]!;
    expect(s(row.credits.overage)).toBe("300000");
    expect(s(row.cost.overage)).toBe("1500");
    expect(s(row.credits.unserved)).toBe("0");
    expect(s(row.credits.preApprovalCredits)).toBe("100000");
  });

  it("a quarterly cap spans its months", () => {
    // cap $1,000 a quarter. M1: 150,000 short → $750. M2: 150,000 short, $250 room = 50,000 → $250,
    // 100,000 unserved. M3: no room → 150,000 unserved.
    const r = run({
      demand: creditDemand([1_150_000, 1_150_000, 1_150_000]),
      rateCard: [salesforceCard()],
      terms: {
        allotments: [{ id: "alloc", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: D(1_000_000) } }],
        onExhaustion: { kind: "overage", overage: { cap: { cadence: "quarter", limit: { kind: "amount", amount: D(1000) } } } },
      },
    });
    expect(costs(r, "overage")).toEqual(["750", "250", "0"]);
    expect(col(r, (x) => s(x.credits.unserved))).toEqual(["0", "100000", "150000"]);
  });
});

describe("true-up", () => {
  // 1,000 allotted a month, 1,200 demanded: 200 a month served in arrears at $0.10.
  const demand = creditDemand([1200, 1200, 1200, 1200, 1200, 1200]);
  const allot = [{ id: "a", kind: "allocation" as const, cadence: "month" as const, size: { kind: "fixed" as const, credits: D(1000) }, feePerCycle: D(100) }];

  it("every 3 periods, capped at $50 over the term", () => {
    // M3 bills 600 × $0.10 = $60 → $50 (cap), $10 waived. M6 bills $60 → $0 (cap used), $60 waived.
    const r = run({ demand, terms: { allotments: allot, onExhaustion: { kind: "trueUp", trueUp: { schedule: { kind: "everyNPeriods", n: 3 }, cap: { kind: "amount", amount: D(50) } } } } });
    assertConserved(r);
    expect(costs(r, "trueUp")).toEqual(["0", "0", "50", "0", "0", "0"]);
    expect(col(r, (x) => s(x.trueUp.waived))).toEqual(["0", "0", "10", "0", "0", "60"]);
    expect(col(r, (x) => s(x.arrearsOutstanding))).toEqual(["200", "400", "0", "200", "400", "0"]);
    expect(s(r.summary.trueUpWaived)).toBe("70");
    expect(s(r.summary.unservedCredits)).toBe("0");
  });

  it("a per-true-up cap applies to each bill", () => {
    const r = run({
      demand,
      terms: { allotments: allot, onExhaustion: { kind: "trueUp", trueUp: { schedule: { kind: "everyNPeriods", n: 3 }, cap: { kind: "amount", amount: D(50) }, capScope: "perTrueUp" } } },
    });
    expect(costs(r, "trueUp")).toEqual(["0", "0", "50", "0", "0", "50"]);
  });

  it("at term end, capped at 10 % of contract value (6 × $100 fees = $600 → $60)", () => {
    // 1,200 × $0.10 = $120 → billed $60, waived $60
    const r = run({
      demand,
      terms: { allotments: allot, onExhaustion: { kind: "trueUp", trueUp: { schedule: { kind: "termEnd" }, cap: { kind: "pctOfContractValue", pct: D(10) } } } },
    });
    expect(costs(r, "trueUp")).toEqual(["0", "0", "0", "0", "0", "60"]);
    expect(s(r.rows[5]!.trueUp.billedCredits)).toBe("1200");
    expect(s(r.summary.trueUpWaived)).toBe("60");
    expect(s(r.summary.totalCost)).toBe("660");
  });
});

describe("exhaustion behaviour", () => {
  const demand = creditDemand([1500]);
  const allot = [{ id: "a", kind: "allocation" as const, cadence: "month" as const, size: { kind: "fixed" as const, credits: D(1000) } }];

  it("pause: the shortfall is unserved", () => {
    const r = run({ demand, terms: { allotments: allot } });
    expect(s(r.rows[0]!.credits.unservedByReason.exhausted)).toBe("500");
    expect(s(r.summary.totalCost)).toBe("0");
  });

  it("automatic packs: whole packs, the leftover stays in the balance", () => {
    // 500 short → 2 packs of 300 at $25 = $50; 100 left over and carried
    const r = run({ demand: creditDemand([1500, 100]), terms: { allotments: allot, onExhaustion: { kind: "autoPack", pack: { packCredits: D(300), packPrice: D(25) } } } });
    assertConserved(r);
    expect(s(r.rows[0]!.credits.purchased)).toBe("600");
    expect(s(r.rows[0]!.cost.autoPacks)).toBe("50");
    expect(s(r.rows[0]!.credits.closing)).toBe("100");
    // month 2: the fresh monthly grant (priority 1) is drawn before the auto pack (priority 3)
    expect(s(r.rows[1]!.credits.bySource.a!.drawn)).toBe("100");
    expect(s(r.rows[1]!.credits.bySource["auto-pack"]!.closing)).toBe("100");
  });

  it("overage: pay as you go at the list price", () => {
    const r = run({ demand, terms: { allotments: allot, onExhaustion: overageAt() } });
    expect(s(r.rows[0]!.cost.overage)).toBe("50");
  });

  it("arrears: served now, billed at the contract rate at the term end", () => {
    const r = run({ demand, terms: { allotments: allot, onExhaustion: { kind: "trueUp", trueUp: { schedule: { kind: "termEnd" } } } } });
    expect(s(r.rows[0]!.credits.arrears)).toBe("500");
    expect(s(r.rows[0]!.cost.trueUp)).toBe("50");
  });
});

describe("draw order", () => {
  const terms = (drawOrder?: string[]): ContractTerms => ({
    allotments: [
      { id: "comp", kind: "complimentary", cadence: "year", size: { kind: "fixed", credits: D(1000) } },
      { id: "alloc", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: D(500) } },
    ],
    packs: [{ id: "pack", credits: D(1000), price: D(0), purchaseDate: "2026-01-01" }],
    drawOrder,
  });

  it("default: by priority (complimentary, allocation, pack)", () => {
    const r = run({ demand: creditDemand([1200]), terms: terms() });
    const src = r.rows[0]!.credits.bySource;
    expect([s(src.comp!.drawn), s(src.alloc!.drawn), s(src.pack!.drawn)]).toEqual(["1000", "200", "0"]);
  });

  it("explicit order: listed sources first, unlisted after in the default order", () => {
    // alloc 500, pack 700 of 1,000, complimentary untouched
    const r = run({ demand: creditDemand([1200]), terms: terms(["alloc", "pack"]) });
    const src = r.rows[0]!.credits.bySource;
    expect([s(src.alloc!.drawn), s(src.pack!.drawn), s(src.comp!.drawn)]).toEqual(["500", "700", "0"]);
  });

  it("same priority: soonest expiry first, then oldest", () => {
    // late expiry bought first, early expiry bought second: the early one is drawn first
    const r = run({
      demand: creditDemand([150]),
      terms: {
        packs: [
          { id: "late", credits: D(100), price: D(0), purchaseDate: "2026-01-01", expiresOn: "2026-12-01" },
          { id: "early", credits: D(100), price: D(0), purchaseDate: "2026-01-02", expiresOn: "2026-03-01" },
          { id: "never", credits: D(100), price: D(0), purchaseDate: "2026-01-01" },
        ],
      },
    });
    const src = r.rows[0]!.credits.bySource;
    expect([s(src.early!.drawn), s(src.late!.drawn), s(src.never!.drawn)]).toEqual(["100", "50", "0"]);
  });

  it("an unknown id in the order is an input error", () => {
    expect(() => run({ demand: creditDemand([1]), terms: terms(["nope"]) })).toThrow(LedgerInputError);
  });
});

describe("exhaustion date and alerts", () => {
  // a one-off grant of 1,000 for the term; January 2026 has 31 days and 22 weekdays
  const terms = (alertThresholdsPct?: number[]): ContractTerms => ({
    allotments: [{ id: "pilot", kind: "complimentary", cadence: "term", size: { kind: "fixed", credits: D(1000) } }],
    alertThresholdsPct,
  });

  it("interpolates by working days by default, by calendar days on request", () => {
    // 1,250 demanded, 1,000 available → 0.8 of January served.
    // calendar: 0.8 × 31 = 24.8 → day 25 is the first not fully served: Sun 2026-01-25.
    // working: 0.8 × 22 = 17.6 → the 18th weekday: Mon 2026-01-26.
    const demand = creditDemand([1250]);
    const wd = run({ demand, terms: terms() });
    const cd = run({ demand, terms: terms(), options: { interpolation: "calendarDays" } });
    expect(wd.summary.exhaustion).toEqual({ periodIndex: 0, date: "2026-01-26" });
    expect(wd.summary.interpolation).toBe("workingDays");
    expect(cd.summary.exhaustion).toEqual({ periodIndex: 0, date: "2026-01-25" });
    expect(cd.summary.interpolation).toBe("calendarDays");
  });

  it("fires each default threshold once, on the day it is reached", () => {
    // 400 a month: 60 % = 600 → 200 into Feb (20 weekdays) = 0.5 → 10th weekday, Fri 2026-02-13.
    // 70 % = 700 → 0.75 → 15th, Fri 2026-02-20. 85 % = 850 → 50 into Mar (22 weekdays) = 0.125 →
    // 2.75 → 3rd weekday, Wed 2026-03-04. 100 % → 200 into March = 0.5 → 11th weekday, Mon 2026-03-16.
    const r = run({ demand: creditDemand([400, 400, 400]), terms: terms() });
    expect(r.summary.alerts.map((a) => [a.thresholdPct, a.date])).toEqual([
      [60, "2026-02-13"],
      [70, "2026-02-20"],
      [85, "2026-03-04"],
      [100, "2026-03-16"],
    ]);
    expect(r.summary.exhaustion).toEqual({ periodIndex: 2, date: "2026-03-17" });
    // the date is placed when first read (alertCrossing): serialised and copied, it is the same
    const written = JSON.parse(JSON.stringify(serialise(r.summary))) as { alerts: { thresholdPct: number; date: string }[] };
    expect(written.alerts.map((a) => [a.thresholdPct, a.date])).toEqual([
      [60, "2026-02-13"],
      [70, "2026-02-20"],
      [85, "2026-03-04"],
      [100, "2026-03-16"],
    ]);
    expect({ ...r.summary.alerts[3]! }).toMatchObject({ thresholdPct: 100, periodIndex: 2, date: "2026-03-16" });
  });

  it("thresholds are configurable (Workday advice: 60 and 85)", () => {
    const r = run({ demand: creditDemand([400, 400, 400]), terms: terms([85, 60]) });
    expect(r.summary.alerts.map((a) => a.thresholdPct)).toEqual([60, 85]);
  });

  it("a monthly allocation alerts again every cycle", () => {
    // 1,000 a month, 800 drawn each month → 60 % and 70 % in both months, 85 % never
    const r = run({
      demand: creditDemand([800, 800]),
      terms: { allotments: [{ id: "m", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: D(1000) } }] },
    });
    expect(r.summary.alerts.map((a) => [a.cycleStart, a.thresholdPct])).toEqual([
      ["2026-01-01", 60],
      ["2026-01-01", 70],
      ["2026-02-01", 60],
      ["2026-02-01", 70],
    ]);
  });
});

describe("per-user alternative over a term", () => {
  it("weekly periods prorate the monthly licence by days", () => {
    // one week of 7 days in January (31 days): 10 users × $31 × 7/31 = $70
    const r = run({
      demand: creditDemand([0], "2026-01-05", "week"),
      perUser: { users: 10, pricePerUserPerMonth: D(31) },
    });
    expect(s(r.summary.perUser!.totalCost)).toBe("70");
    expect(r.summary.perUser!.breakEvenActionsPerUserPerMonth).toBeNull(); // no consumption price per action
  });

  it("users may change over time", () => {
    // Jan 10 users, Feb 20 users at $100 → $1,000 + $2,000
    const r = run({
      demand: demandPath({ perPeriod: [{}, {}] }),
      perUser: { users: [{ from: "2026-01-01", headcount: 10 }, { from: "2026-02-01", headcount: 20 }], pricePerUserPerMonth: D(100) },
    });
    expect(s(r.summary.perUser!.totalCost)).toBe("3000");
  });
});
