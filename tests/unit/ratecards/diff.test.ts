import { describe, expect, it } from "vitest";
import { diffRateCardVersions, perCredit, type DiffVersion } from "@/lib/ratecards/diff";

const v1: DiffVersion = {
  versionNo: 1,
  currency: "USD",
  effectiveFrom: "2025-05-15",
  units: [
    { id: "action", name: "Agentforce action", creditsPerUnit: "20" },
    { id: "voice", name: "Agentforce Voice action", creditsPerUnit: "30" },
  ],
  creditPrice: { kind: "pack", packPrice: "500", packCredits: "100000" },
};

describe("rate card version diff", () => {
  it("is empty between a version and its copy", () => {
    const d = diffRateCardVersions(v1, { ...v1, versionNo: 2, units: v1.units.map((u) => ({ ...u, creditsPerUnit: Number(u.creditsPerUnit) })) });
    expect(d.same).toBe(true);
  });

  it("lists units added, removed and re-priced, and the credit price", () => {
    const v2: DiffVersion = {
      versionNo: 2,
      currency: "USD",
      effectiveFrom: "2026-01-01",
      units: [
        { id: "action", name: "Agentforce action", creditsPerUnit: "18.5" },
        { id: "retrieval", name: "Data Cloud retrieval", creditsPerUnit: "2" },
      ],
      creditPrice: { kind: "direct", pricePerCredit: "0.0045" },
    };
    const d = diffRateCardVersions(v1, v2);
    expect(d.added).toEqual([{ id: "retrieval", name: "Data Cloud retrieval", credits: "2" }]);
    expect(d.removed).toEqual([{ id: "voice", name: "Agentforce Voice action", credits: "30" }]);
    expect(d.changed).toEqual([{ id: "action", name: "Agentforce action", what: "credits per unit", from: "20", to: "18.5", change: "−1.5" }]);
    expect(d.price).toEqual({ from: "$500.00 per pack of 100,000 credits", to: "$0.0045 per credit", perCreditFrom: "0.005", perCreditTo: "0.0045" });
    expect(d.other).toEqual([{ what: "effective from", from: "2025-05-15", to: "2026-01-01" }]);
    expect(d.same).toBe(false);
  });

  it("prices a credit from a pack, and knows when it cannot", () => {
    expect(perCredit({ kind: "pack", packPrice: "500", packCredits: "100000" })).toBe("0.005");
    expect(perCredit({ kind: "unknown" })).toBeNull();
  });
});
