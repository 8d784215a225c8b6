// Burn diagnostics over observed usage rows: the traps of DOMAIN.md a brief should name.
//  - runaway: an agent or workflow whose credits climb far above its own history (and above the
//    estate's growth, so that a busy month for everyone is not a loop), for several periods in a
//    row, or, without history, far above its peers: the recursive-loop trap;
//  - nonProduction: usage outside production billed at the same rate;
//  - spike: one period of one agent far above its other periods, with ordinary neighbours (a bulk job);
//  - acceleration: after go-live, the estate's recent periods well above the periods before,
//    leaving out the rows already explained by a runaway or a spike.
// Tests on levels are in floats (they are judgements); credits and money reported are exact sums
// of the rows named, money rounded once to the minor unit.
import { dayInWords } from "@/lib/engine/calendar";
import Decimal from "@/lib/engine/decimal";
import { roundMoney } from "@/lib/engine/money";
import type { Environment, IsoDate } from "@/lib/engine/types";

export interface UsageRow {
  /** first day of the period the row covers (a day, a week or a month); rows of the same date form a period */
  period: IsoDate;
  /** agent or workflow */
  agent: string;
  unit?: string;
  environment: Environment;
  actions?: Decimal;
  credits: Decimal;
}

export interface DiagnosticThresholds {
  /** credits at least this many times the agent's own median of earlier periods */
  runawayFactor: number;
  /** …and this many times the growth of the median peer over the same baseline */
  peerGrowthFactor: number;
  /** without history: credits at least this many times the median of the other agents that period */
  peerLevelFactor: number;
  /** periods in a row above the line for a runaway */
  runawayMinPeriods: number;
  /** earlier periods an agent needs before its own history counts */
  minHistoryPeriods: number;
  /** one period at least this many times the agent's median of its other periods */
  spikeFactor: number;
  /** non-production share of all credits (0–100) from which it is reported */
  nonProductionSharePct: number;
  /** recent window above the window before by at least this % */
  accelerationPct: number;
  /** periods in each window */
  accelerationWindow: number;
  /** findings whose excess credits are below this share of all credits (0–100) are dropped */
  minImpactSharePct: number;
}

export const DEFAULT_THRESHOLDS: DiagnosticThresholds = {
  runawayFactor: 3,
  peerGrowthFactor: 2,
  peerLevelFactor: 5,
  runawayMinPeriods: 2,
  minHistoryPeriods: 3,
  spikeFactor: 5,
  nonProductionSharePct: 10,
  accelerationPct: 50,
  accelerationWindow: 3,
  minImpactSharePct: 1,
};

export type FindingKind = "runaway" | "nonProduction" | "spike" | "acceleration";

export interface Finding {
  kind: FindingKind;
  agent: string | null;
  /** periods (dates) the finding covers */
  periods: IsoDate[];
  /** indexes into the usage rows that triggered it */
  rows: number[];
  /** credits of those rows above the baseline (non-production: all of them) */
  credits: Decimal;
  /** credits × price per credit, rounded once; null when the price is unknown */
  amount: Decimal | null;
  /** level the rows were compared with, credits per period (null for non-production) */
  baselineCredits: Decimal | null;
  /** a sentence a brief can quote */
  sentence: string;
}

export interface DiagnosticsResult {
  thresholds: DiagnosticThresholds;
  periods: IsoDate[];
  totalCredits: Decimal;
  nonProductionCredits: Decimal;
  nonProductionSharePct: Decimal;
  findings: Finding[];
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const fmt = (d: Decimal) => Number(d.toFixed(0)).toLocaleString("en-US");
const fmtX = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));

function money(credits: Decimal, price: Decimal | null, currency: string): Decimal | null {
  return price === null ? null : roundMoney(credits.mul(price), currency);
}

function moneyWords(amount: Decimal | null, currency: string): string {
  return amount === null ? "" : ` (${currency} ${Number(amount.toFixed(2)).toLocaleString("en-US", { minimumFractionDigits: 2 })})`;
}

/** What to say about non-production usage, given what the contract already bills it at. */
function nonProductionSentence(sharePct: Decimal, credits: Decimal, amount: Decimal | null, currency: string, multipliers: { production?: Decimal; nonProduction?: Decimal } | undefined): string {
  const head = `${sharePct.toFixed(1)}% of all credits (${fmt(credits)}${moneyWords(amount, currency)}) were drawn outside production`;
  const prod = multipliers?.production ?? new Decimal(1);
  const non = multipliers?.nonProduction ?? prod;
  if (non.lt(prod)) {
    const ratio = prod.isZero() ? non : non.div(prod);
    return `${head}, which the contract already bills at ${ratio.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()}× the production rate. The share is still worth cutting: move testing to a sandbox allowance.`;
  }
  return `${head}, billed at the production rate. Move testing to a sandbox allowance or negotiate a non-production multiplier.`;
}

export function diagnoseUsage(
  rows: readonly UsageRow[],
  options: {
    pricePerCredit: Decimal | null;
    currency: string;
    thresholds?: Partial<DiagnosticThresholds>;
    /** the contract's environment multipliers, read before any advice about them */
    environmentMultipliers?: { production?: Decimal; nonProduction?: Decimal };
  },
): DiagnosticsResult {
  const t: DiagnosticThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const { pricePerCredit: price, currency } = options;
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const P = periods.length;
  const pIndex = new Map(periods.map((p, i) => [p, i]));
  const agents = [...new Set(rows.map((r) => r.agent))].sort();
  // credits per agent and period (exact and float), with the rows behind each cell
  const cell = new Map<string, { credits: Decimal[]; value: number[]; rows: number[][] }>();
  for (const a of agents) cell.set(a, { credits: periods.map(() => new Decimal(0)), value: new Array<number>(P).fill(0), rows: periods.map(() => []) });
  let total = new Decimal(0);
  let nonProd = new Decimal(0);
  const nonProdRows: number[] = [];
  rows.forEach((r, idx) => {
    const c = cell.get(r.agent)!;
    const i = pIndex.get(r.period)!;
    c.credits[i] = c.credits[i]!.add(r.credits);
    c.value[i] = c.value[i]! + r.credits.toNumber();
    c.rows[i]!.push(idx);
    total = total.add(r.credits);
    if (r.environment === "nonProduction") {
      nonProd = nonProd.add(r.credits);
      nonProdRows.push(idx);
    }
  });
  const minImpact = total.toNumber() * (t.minImpactSharePct / 100);
  const findings: Finding[] = [];
  const explained = new Set<number>();

  // runaway and spike, agent by agent
  for (const a of agents) {
    const c = cell.get(a)!;
    const v = c.value;
    const flagged = new Set<number>();
    const firstActive = v.findIndex((x) => x > 0);
    for (let i = 0; i < P; i++) {
      const history = v.slice(0, i);
      const ownBase = history.length >= t.minHistoryPeriods ? median(history) : 0;
      const peerLevels = agents.filter((b) => b !== a).map((b) => cell.get(b)!.value[i]!);
      const peerGrowth = median(
        agents
          .filter((b) => b !== a)
          .map((b) => {
            const h = cell.get(b)!.value.slice(0, i);
            const base = h.length >= t.minHistoryPeriods ? median(h) : 0;
            return base > 0 ? cell.get(b)!.value[i]! / base : NaN;
          })
          .filter((x) => !Number.isNaN(x)),
      );
      const above = (j: number, base: number, mode: "own" | "peer"): boolean => {
        if (mode === "own") return base > 0 && v[j]! >= t.runawayFactor * base && (peerGrowth === 0 || v[j]! / base >= t.peerGrowthFactor * peerGrowth);
        return base > 0 && v[j]! >= t.peerLevelFactor * base;
      };
      // Only an agent that appeared after the start is judged against its peers' level: one that has
      // always been the estate's largest is not a loop for being large.
      const mode: "own" | "peer" | null = ownBase > 0 ? "own" : firstActive > 0 && peerLevels.length >= 2 ? "peer" : null;
      if (mode === null || flagged.has(i)) continue;
      const base = mode === "own" ? ownBase : median(peerLevels);
      if (!above(i, base, mode)) continue;
      let end = i;
      while (end + 1 < P && above(end + 1, mode === "own" ? base : median(agents.filter((b) => b !== a).map((b) => cell.get(b)!.value[end + 1]!)), mode)) end++;
      const length = end - i + 1;
      if (length < t.runawayMinPeriods) continue;
      let excess = new Decimal(0);
      const hit: number[] = [];
      const baseD = new Decimal(base.toPrecision(15)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
      for (let j = i; j <= end; j++) {
        excess = excess.add(c.credits[j]!.sub(baseD));
        hit.push(...c.rows[j]!);
        flagged.add(j);
      }
      if (excess.toNumber() < minImpact) continue;
      hit.forEach((r) => explained.add(r));
      const amount = money(excess, price, currency);
      const peak = Math.max(...v.slice(i, end + 1));
      findings.push({
        kind: "runaway",
        agent: a,
        periods: periods.slice(i, end + 1),
        rows: hit,
        credits: excess,
        amount,
        baselineCredits: baseD,
        sentence:
          `${a} burned ${fmt(excess)} credits${moneyWords(amount, currency)} above ${mode === "own" ? "its own" : "its peers'"} usual ${fmt(baseD)} a period ${length === 1 ? `in the period starting ${dayInWords(periods[i]!)}` : `over ${length} periods from ${dayInWords(periods[i]!)}`}, ` +
          `peaking at ${fmtX(peak / base)}× that level: the pattern of a recursive loop. Cap or pause it and ask the vendor to credit the excess.`,
      });
    }
    // spikes: one period far above the agent's other periods, neighbours ordinary
    for (let i = 0; i < P; i++) {
      if (flagged.has(i)) continue;
      const others = v.filter((_, j) => j !== i);
      const base = median(others);
      if (!(base > 0) || v[i]! < t.spikeFactor * base) continue;
      const neighbourHigh = [i - 1, i + 1].some((j) => j >= 0 && j < P && v[j]! >= t.runawayFactor * base);
      if (neighbourHigh) continue;
      const baseD = new Decimal(base.toPrecision(15)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
      const excess = c.credits[i]!.sub(baseD);
      if (excess.toNumber() < minImpact) continue;
      c.rows[i]!.forEach((r) => explained.add(r));
      const amount = money(excess, price, currency);
      findings.push({
        kind: "spike",
        agent: a,
        periods: [periods[i]!],
        rows: [...c.rows[i]!],
        credits: excess,
        amount,
        baselineCredits: baseD,
        sentence: `${a} drew ${fmt(c.credits[i]!)} credits on ${dayInWords(periods[i]!)}, ${fmtX(v[i]! / base)}× its usual ${fmt(baseD)}: ${fmt(excess)} credits${moneyWords(amount, currency)} in one period, the signature of a bulk job over a large record set. Ask for batch jobs to be metered or pre-approved.`,
      });
    }
  }

  // non-production share
  const sharePct = total.isZero() ? new Decimal(0) : nonProd.div(total).mul(100);
  if (!total.isZero() && sharePct.gte(t.nonProductionSharePct)) {
    const amount = money(nonProd, price, currency);
    findings.push({
      kind: "nonProduction",
      agent: null,
      periods: [...new Set(nonProdRows.map((r) => rows[r]!.period))].sort(),
      rows: nonProdRows,
      credits: nonProd,
      amount,
      baselineCredits: null,
      sentence: nonProductionSentence(sharePct, nonProd, amount, currency, options.environmentMultipliers),
    });
  }

  // acceleration after go-live, on what the findings above do not explain
  const estate = periods.map(() => 0);
  const estateRows: number[][] = periods.map(() => []);
  rows.forEach((r, idx) => {
    if (explained.has(idx)) return;
    const i = pIndex.get(r.period)!;
    estate[i] = estate[i]! + r.credits.toNumber();
    estateRows[i]!.push(idx);
  });
  const goLive = estate.findIndex((x) => x > 0);
  const w = t.accelerationWindow;
  if (goLive >= 0 && P - goLive >= 2 * w) {
    const recent = estate.slice(P - w);
    const before = estate.slice(P - 2 * w, P - w);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const prev = mean(before);
    if (prev > 0 && mean(recent) >= (1 + t.accelerationPct / 100) * prev) {
      const baseD = new Decimal(prev.toPrecision(15)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
      let excess = new Decimal(0);
      const hit: number[] = [];
      for (let i = P - w; i < P; i++) {
        for (const r of estateRows[i]!) {
          excess = excess.add(rows[r]!.credits);
          hit.push(r);
        }
      }
      excess = excess.sub(baseD.mul(w));
      if (excess.toNumber() >= minImpact) {
        const amount = money(excess, price, currency);
        const growth = ((mean(recent) / prev - 1) * 100).toFixed(0);
        findings.push({
          kind: "acceleration",
          agent: null,
          periods: periods.slice(P - w),
          rows: hit,
          credits: excess,
          amount,
          baselineCredits: baseD,
          sentence: `After go-live on ${dayInWords(periods[goLive]!)}, the last ${w} periods ran ${growth}% above the ${w} before (${fmt(excess)} credits${moneyWords(amount, currency)} more than that pace): consumption is outgrowing its early run rate. Re-forecast before sizing the commitment.`,
        });
      }
    }
  }
  return { thresholds: t, periods, totalCredits: total, nonProductionCredits: nonProd, nonProductionSharePct: sharePct.toDecimalPlaces(2, Decimal.ROUND_HALF_UP), findings };
}
