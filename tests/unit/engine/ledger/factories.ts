// Fixtures for ledger tests, built directly (no dependency on the demand side).
import Decimal from "@/lib/engine/decimal";
import type { DemandPath, DemandPeriod, Granularity, Period, RateCardVersion } from "@/lib/engine/types";
import type { ContractTerms, LedgerInput, LedgerResult } from "@/lib/engine/ledger/types";
import { evaluateLedger } from "@/lib/engine/ledger/evaluate";

export const D = (v: Decimal.Value) => new Decimal(v);

const DAY_MS = 86_400_000;
const day = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const iso = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);

function weekdays(start: string, end: string): number {
  let count = 0;
  for (let d = day(start); d < day(end); d++) {
    const wd = (((d + 4) % 7) + 7) % 7;
    if (wd !== 0 && wd !== 6) count++;
  }
  return count;
}

function addMonths(date: string, k: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + k;
  const d = Number(date.slice(8, 10));
  return iso(Math.round(Date.UTC(y + Math.floor(m / 12), ((m % 12) + 12) % 12, d) / DAY_MS));
}

/** Monthly (or weekly) periods from `start`, with Monday–Friday working days. */
export function periods(start: string, count: number, granularity: Granularity = "month"): Period[] {
  const out: Period[] = [];
  for (let i = 0; i < count; i++) {
    const s = granularity === "month" ? addMonths(start, i) : iso(day(start) + 7 * i);
    const e = granularity === "month" ? addMonths(start, i + 1) : iso(day(start) + 7 * (i + 1));
    out.push({ index: i, start: s, end: e, label: granularity === "month" ? s.slice(0, 7) : `W${i + 1}`, workingDays: weekdays(s, e) });
  }
  return out;
}

export type ActionsSpec = Record<string, number | { production: number; nonProduction: number }>;

/** A demand path: per period, actions per unit (production by default) and/or direct credits. */
export function demandPath(opts: {
  start?: string;
  granularity?: Granularity;
  /** one entry per period */
  perPeriod: { actions?: ActionsSpec; credits?: Decimal.Value }[];
}): DemandPath {
  const ps = periods(opts.start ?? "2026-01-01", opts.perPeriod.length, opts.granularity ?? "month");
  const out: DemandPeriod[] = ps.map((period, i) => {
    const spec = opts.perPeriod[i]!;
    const actions: DemandPeriod["actions"] = {};
    for (const [id, v] of Object.entries(spec.actions ?? {})) {
      actions[id] =
        typeof v === "number"
          ? { production: D(v), nonProduction: D(0) }
          : { production: D(v.production), nonProduction: D(v.nonProduction) };
    }
    return { period, actions, directCredits: D(spec.credits ?? 0) };
  });
  return { granularity: opts.granularity ?? "month", periods: out };
}

/** The same demand every period. */
export function flatDemand(count: number, spec: { actions?: ActionsSpec; credits?: Decimal.Value }, start = "2026-01-01", granularity: Granularity = "month"): DemandPath {
  return demandPath({ start, granularity, perPeriod: Array.from({ length: count }, () => spec) });
}

/** Direct-credit demand, one number per period. */
export function creditDemand(credits: Decimal.Value[], start = "2026-01-01", granularity: Granularity = "month"): DemandPath {
  return demandPath({ start, granularity, perPeriod: credits.map((c) => ({ credits: c })) });
}

/** Salesforce Agentforce: every action 20 credits; $500 buys 100,000 credits. */
export function salesforceCard(overrides: Partial<RateCardVersion> = {}): RateCardVersion {
  return {
    id: "sf-2026",
    vendor: "Salesforce",
    currency: "USD",
    effectiveFrom: "2025-05-01",
    units: [{ id: "action", name: "Agentforce action", creditsPerUnit: D(20) }],
    creditPrice: { kind: "pack", packPrice: D(500), packCredits: D(100_000) },
    ...overrides,
  };
}

/** Workday: retrieval 1, guided draft 2, autonomous completion 5; no published $/credit. */
export function workdayCard(overrides: Partial<RateCardVersion> = {}): RateCardVersion {
  return {
    id: "wd-2026",
    vendor: "Workday",
    currency: "USD",
    effectiveFrom: "2025-01-01",
    units: [
      { id: "retrieval", name: "Self Service Agent retrieval", creditsPerUnit: D(1) },
      { id: "guidedDraft", name: "Guided draft", creditsPerUnit: D(2) },
      { id: "autonomous", name: "Autonomous completion", creditsPerUnit: D(5) },
    ],
    creditPrice: { kind: "unknown" },
    ...overrides,
  };
}

/** A one-unit card priced directly, for clause tests with round numbers. */
export function simpleCard(pricePerCredit: Decimal.Value | null = "0.10", overrides: Partial<RateCardVersion> = {}): RateCardVersion {
  return {
    id: "simple",
    vendor: "Test",
    currency: "USD",
    effectiveFrom: "2000-01-01",
    units: [{ id: "u", name: "unit", creditsPerUnit: D(1) }],
    creditPrice: pricePerCredit === null ? { kind: "unknown" } : { kind: "direct", pricePerCredit: D(pricePerCredit) },
    ...overrides,
  };
}

export function run(input: Partial<LedgerInput> & { demand: DemandPath; terms?: ContractTerms }): LedgerResult {
  return evaluateLedger({ rateCard: [simpleCard()], ...input, terms: input.terms ?? {} });
}

/** Decimal → string for compact expectations. */
export const s = (d: Decimal | null | undefined) => (d === null || d === undefined ? d : d.toString());

/** Checks the two ledger identities on every row and the chaining of balances. */
export function assertConserved(result: LedgerResult): void {
  let prevClosing: Decimal | null = null;
  for (const r of result.rows) {
    const c = r.credits;
    const available = c.opening.add(c.granted).add(c.purchased);
    const out = c.drawn.add(c.expired).add(c.closing);
    if (!available.eq(out)) throw new Error(`period ${r.period.index}: available ${available} ≠ drawn+expired+closing ${out}`);
    const served = c.drawn.add(c.overage).add(c.arrears).add(c.unserved);
    if (!served.eq(r.demand.credits)) throw new Error(`period ${r.period.index}: demand ${r.demand.credits} ≠ accounted ${served}`);
    if (prevClosing && !prevClosing.eq(c.opening)) throw new Error(`period ${r.period.index}: opening ${c.opening} ≠ previous closing ${prevClosing}`);
    prevClosing = c.closing;
  }
}
