import { describe, expect, it } from "vitest";
import { evaluateModel } from "@/lib/engine/model/evaluate";
import { parseModelDocument } from "@/lib/engine/model/schema";
import { buildModelDocument, observedSeries, termPeriods, type ContractBundle } from "@/lib/workbench/model";

const bundle: ContractBundle = {
  contract: {
    id: "c1",
    name: "Acme Agentforce renewal",
    product: "Agentforce Flex Credits",
    currency: "USD",
    termStart: "2026-01-01",
    termEnd: "2027-01-01",
    granularity: "month",
    clauses: { onExhaustion: { kind: "autoPack", pack: { packCredits: "100000", packPrice: "500" } } },
    drivers: { licensedSeats: 100, activationPctByMonth: [50, 60, 75], units: [{ unit: "action", actionsPerActiveAgentPerDay: 25 }] },
    perUser: { users: 80, pricePerUserPerMonth: 125 },
    assumptions: null,
  },
  vendorName: "Salesforce",
  rateCard: {
    id: "rc1",
    versions: [
      {
        id: "v1",
        effectiveFrom: "2025-01-01",
        effectiveTo: null,
        source: "Agentforce pricing page",
        units: [{ id: "action", name: "Agent action", creditsPerUnit: "20" }],
        creditPrice: { kind: "pack", packPrice: "500", packCredits: "100000" },
      },
    ],
  },
  scenarios: [],
  burn: [],
};

describe("the workbench's model document", () => {
  it("counts whole periods of the term", () => {
    expect(termPeriods("2026-01-01", "2027-01-01", "month")).toBe(12);
    expect(termPeriods("2026-01-15", "2026-04-15", "month")).toBe(3);
    expect(termPeriods("2026-01-05", "2026-02-02", "week")).toBe(4);
  });

  it("keeps observed burn gaps as gaps, never zeros", () => {
    expect(
      observedSeries(
        [
          { periodStart: "2026-01-01", credits: "100", cost: null },
          { periodStart: "2026-02-01", credits: "120", cost: null },
          { periodStart: "2026-04-01", credits: "150", cost: null },
        ],
        "month",
      ),
    ).toEqual({ quantity: "credits", granularity: "month", start: "2026-01-01", values: ["100", "120"] });
    expect(observedSeries([{ periodStart: "2026-01-01", credits: null, cost: null }, { periodStart: "2026-02-01", credits: "1", cost: null }], "month")).toBeUndefined();
  });

  it("builds a valid document whose evaluation gives the Salesforce run rate: month 1 = 500,000 credits = $2,500", () => {
    // 100 seats × 50% = 50 agents × 25 actions × 20 working days (Jan 2026 has 22 weekdays, so use
    // the document's own calendar) × 20 credits; at $500 per 100,000 credits.
    const doc = buildModelDocument(bundle);
    const parsed = parseModelDocument(doc);
    expect(parsed.ok).toBe(true);
    const result = evaluateModel(doc);
    const first = result.scenarios[0]!;
    expect(first.name).toBe("Current terms");
    const row = first.rows[0]!;
    // January 2026: 22 weekdays → 50 × 25 × 22 = 27,500 actions × 20 = 550,000 credits → six packs of 100,000 ($3,000).
    expect(row.demand.credits).toBe("550000");
    expect(row.cost.total).toBe("3000");
  });
});
