// What changed between two versions of a rate card: units added or removed, a unit's credits or
// name changed, the credit price, the currency and the effective date. Pure: no database.
import Decimal from "decimal.js";
import { count, money } from "@/lib/brief/format";

export interface DiffUnit {
  id: string;
  name: string;
  creditsPerUnit: string | number;
}

export type DiffPrice = { kind: "direct"; pricePerCredit: string | number } | { kind: "pack"; packPrice: string | number; packCredits: string | number } | { kind: "unknown" };

export interface DiffVersion {
  versionNo: number;
  currency: string;
  effectiveFrom: string;
  units: DiffUnit[];
  creditPrice: DiffPrice | { kind: string };
}

export interface RateCardDiff {
  from: number;
  to: number;
  added: { id: string; name: string; credits: string }[];
  removed: { id: string; name: string; credits: string }[];
  changed: { id: string; name: string; what: "credits per unit" | "name"; from: string; to: string; change: string | null }[];
  price: { from: string; to: string; perCreditFrom: string | null; perCreditTo: string | null } | null;
  other: { what: string; from: string; to: string }[];
  same: boolean;
}

/** The price of one credit: the direct price, or the pack's price over its credits; null when unknown. */
export function perCredit(p: DiffVersion["creditPrice"]): string | null {
  if (p.kind === "direct" && "pricePerCredit" in p) return new Decimal(p.pricePerCredit).toFixed();
  if (p.kind === "pack" && "packPrice" in p) {
    const credits = new Decimal(p.packCredits);
    return credits.isZero() ? null : new Decimal(p.packPrice).div(credits).toFixed();
  }
  return null;
}

export function describePrice(p: DiffVersion["creditPrice"], currency: string): string {
  if (p.kind === "direct" && "pricePerCredit" in p) return `${money(String(p.pricePerCredit), currency)} per credit`;
  if (p.kind === "pack" && "packPrice" in p) return `${money(String(p.packPrice), currency)} per pack of ${count(String(p.packCredits))} credits`;
  return "no published price";
}

export function diffRateCardVersions(a: DiffVersion, b: DiffVersion): RateCardDiff {
  const ua = new Map(a.units.map((u) => [u.id, u]));
  const ub = new Map(b.units.map((u) => [u.id, u]));
  const credits = (u: DiffUnit) => new Decimal(u.creditsPerUnit).toFixed();
  const added = b.units.filter((u) => !ua.has(u.id)).map((u) => ({ id: u.id, name: u.name, credits: count(credits(u)) }));
  const removed = a.units.filter((u) => !ub.has(u.id)).map((u) => ({ id: u.id, name: u.name, credits: count(credits(u)) }));
  const changed: RateCardDiff["changed"] = [];
  for (const u of b.units) {
    const old = ua.get(u.id);
    if (!old) continue;
    if (!new Decimal(old.creditsPerUnit).eq(u.creditsPerUnit)) {
      const d = new Decimal(u.creditsPerUnit).minus(old.creditsPerUnit);
      changed.push({ id: u.id, name: u.name, what: "credits per unit", from: count(credits(old)), to: count(credits(u)), change: `${d.isNegative() ? "−" : "+"}${count(d.abs().toFixed())}` });
    }
    if (old.name !== u.name) changed.push({ id: u.id, name: u.name, what: "name", from: old.name, to: u.name, change: null });
  }
  const pa = describePrice(a.creditPrice, a.currency);
  const pb = describePrice(b.creditPrice, b.currency);
  const price = pa === pb ? null : { from: pa, to: pb, perCreditFrom: perCredit(a.creditPrice), perCreditTo: perCredit(b.creditPrice) };
  const other: RateCardDiff["other"] = [];
  if (a.currency !== b.currency) other.push({ what: "currency", from: a.currency, to: b.currency });
  if (a.effectiveFrom !== b.effectiveFrom) other.push({ what: "effective from", from: a.effectiveFrom, to: b.effectiveFrom });
  return { from: a.versionNo, to: b.versionNo, added, removed, changed, price, other, same: !added.length && !removed.length && !changed.length && !price && !other.length };
}
