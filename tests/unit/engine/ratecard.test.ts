import Decimal from "@/lib/engine/decimal";
import { describe, expect, it } from "vitest";
import { creditsForActions, creditsPerUnitTable, pricePerCredit, RateCardError, sortVersions, versionAt } from "@/lib/engine/ratecard";
import type { RateCardVersion } from "@/lib/engine/types";

const D = (v: Decimal.Value) => new Decimal(v);
const card = (id: string, effectiveFrom: string, extra: Partial<RateCardVersion> = {}): RateCardVersion => ({
  id,
  vendor: "V",
  currency: "USD",
  effectiveFrom,
  units: [{ id: "action", name: "Action", creditsPerUnit: D(20) }],
  creditPrice: { kind: "direct", pricePerCredit: D("0.005") },
  ...extra,
});

describe("price of a credit", () => {
  it("direct, derived from a pack ($500 / 100,000 = $0.005), or unknown (null, never 0)", () => {
    expect(pricePerCredit({ kind: "direct", pricePerCredit: D("0.1") })!.toString()).toBe("0.1");
    expect(pricePerCredit({ kind: "pack", packPrice: D(500), packCredits: D(100_000) })!.toString()).toBe("0.005");
    expect(pricePerCredit({ kind: "unknown" })).toBeNull();
  });

  it("the source's '$0.10 per credit' contradicts its own pack: a 20-credit action is $0.10, not $2", () => {
    const perCredit = pricePerCredit({ kind: "pack", packPrice: D(500), packCredits: D(100_000) })!;
    expect(perCredit.mul(20).toString()).toBe("0.1");
  });

  it("a pack of 0 credits is an error", () => {
    expect(() => pricePerCredit({ kind: "pack", packPrice: D(1), packCredits: D(0) })).toThrow(RateCardError);
  });
});

describe("versions", () => {
  const versions = sortVersions([card("2027", "2027-01-01"), card("2026", "2026-01-01", { effectiveTo: "2026-10-01" })]);

  it("picks the latest version in effect at a date", () => {
    expect(versions.map((v) => v.id)).toEqual(["2026", "2027"]);
    expect(versionAt(versions, "2026-06-01")?.id).toBe("2026");
    expect(versionAt(versions, "2027-01-01")?.id).toBe("2027");
    expect(versionAt(versions, "2025-12-31")).toBeNull();
  });

  it("honours effectiveTo (exclusive): a gap has no version", () => {
    expect(versionAt(versions, "2026-09-30")?.id).toBe("2026");
    expect(versionAt(versions, "2026-10-01")).toBeNull();
  });

  it("rejects mixed currencies, duplicate starts and an empty card", () => {
    expect(() => sortVersions([card("a", "2026-01-01"), card("b", "2027-01-01", { currency: "EUR" })])).toThrow(RateCardError);
    expect(() => sortVersions([card("a", "2026-01-01"), card("b", "2026-01-01")])).toThrow(RateCardError);
    expect(() => sortVersions([])).toThrow(RateCardError);
  });
});

describe("credits per unit", () => {
  it("negotiated values replace the card's and environment multipliers scale them", () => {
    const table = creditsPerUnitTable(card("c", "2026-01-01"), { action: D(15), extra: D(3) }, { nonProduction: D("0.5") });
    expect(table.get("action")!.production.toString()).toBe("15");
    expect(table.get("action")!.nonProduction.toString()).toBe("7.5");
    expect(table.get("action")!.nonProductionMicro).toBe(7_500_000);
    expect(table.get("extra")!.production.toString()).toBe("3"); // negotiated unit absent from the card
  });

  it("Salesforce: 25,000 actions × 20 credits = 500,000 credits", () => {
    expect(creditsForActions(creditsPerUnitTable(card("c", "2026-01-01")), { action: 25_000 }).toString()).toBe("500000");
  });

  it("an unknown unit is an error", () => {
    expect(() => creditsForActions(creditsPerUnitTable(card("c", "2026-01-01")), { nope: 1 })).toThrow(RateCardError);
  });
});
