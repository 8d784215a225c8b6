// Credits demanded in one period: Σ actions × credits per unit by environment, plus direct credits,
// for the exact ledger. Two implementations with the same figures digit for digit: the word kernel
// (lib/engine/wordmath.ts) for the common case, and decimal.js for anything outside its range.
import Decimal, { own } from "@/lib/engine/decimal";
import { add, digitCount, exponentOf, isDefaultHalfUp, load, loadInt, loadMicro, MAX_INPUT_WORDS, mul, Reg, roundSig, toDecimal, toMicroHalfUp, toSafeInteger, WORDS_OK } from "@/lib/engine/wordmath";
import { cellSourceOf, type CellSource } from "@/lib/engine/demand/drivers";
import { CREDIT_DP, quantizeCredits, ZERO } from "@/lib/engine/money";
import { MICRO, type CreditsPerUnitTable } from "@/lib/engine/ratecard";
import type { DemandPeriod } from "@/lib/engine/types";
import { LedgerInputError } from "@/lib/engine/ledger/plan";

/** Plain-number partial sums are moved into decimals beyond 2^52, far from the 2^53 exactness limit. */
const INT_FLUSH = 2 ** 52;

export interface PeriodDemandFigures {
  credits: Decimal;
  actions: Decimal;
  production: Decimal;
  nonProduction: Decimal;
  directCredits: Decimal;
  byUnit: Record<string, { actions: Decimal; credits: Decimal }>;
}

/** Micro-credits (plain safe integers) as a decimal of credits. */
function microToCredits(micro: number): Decimal {
  return micro % MICRO === 0 ? new Decimal(micro / MICRO) : new Decimal(micro).div(MICRO);
}

/** Credits per unit of a table as word registers (lib/engine/wordmath.ts); null where a value is
 *  out of the kernel's range. */
export type TableWords = Map<string, { production: Reg | null; nonProduction: Reg | null }>;

export function tableWords(table: CreditsPerUnitTable): TableWords {
  const out: TableWords = new Map();
  const reg = (d: Decimal) => {
    const r = new Reg(MAX_INPUT_WORDS);
    return load(r, d) ? r : null;
  };
  for (const [id, cpu] of table) out.set(id, { production: reg(cpu.production), nonProduction: reg(cpu.nonProduction) });
  return out;
}

// Registers of periodDemandWords, reused: the ledger is synchronous and never re-entered.
const R = {
  production: new Reg(),
  nonProduction: new Reg(),
  pc: new Reg(),
  nc: new Reg(),
  sum: new Reg(),
  tmp: new Reg(),
  actions: new Reg(),
  prod: new Reg(),
  nonProd: new Reg(),
};

/** acc = acc + r, rounded as Decimal#plus of the default Decimal. */
function accumulate(acc: Reg, r: Reg, sig: number): boolean {
  if (!add(acc, acc, r)) return false;
  roundSig(acc, sig);
  return true;
}

/**
 * periodDemand on decimal.js's words, with the same figures digit for digit:
 *  - every cell product is exact, then rounded as decimal.js rounds it (wordmath.ts);
 *  - actions are folded unit by unit with a rounding after each addition, as Decimal#plus does;
 *  - credits (quantized to the micro-credit, never negative) are summed in micro-credits as plain
 *    numbers, exactly, and moved into a register before 2^52. Decimal#plus rounds a partial sum
 *    only beyond 20 significant digits, i.e. from 10^14 credits on; below that every partial sum
 *    is exact and the order of additions cannot matter. Totals from 10^14 credits on, negative
 *    figures, foreign-precision Decimals and values with too many digits return null, and the
 *    caller runs periodDemand itself.
 */
function periodDemandWords(dp: DemandPeriod, source: CellSource | null, table: CreditsPerUnitTable, words: TableWords, versionId: string, breakdown: boolean): PeriodDemandFigures | null {
  if (!WORDS_OK) return null;
  if (source && !source.begin()) return null;
  const sig = Decimal.precision;
  const { production: P, nonProduction: N, pc, nc, sum, tmp, actions, prod, nonProd } = R;
  actions.n = prod.n = nonProd.n = 0;
  let intActions = 0;
  let microProd = 0;
  let microNonProd = 0;
  let cellProd = 0;
  let cellNonProd = 0;
  const byUnit: Record<string, { actions: Decimal; credits: Decimal }> = {};
  // The cells come from the period's record, or straight from its drivers (a lazy period read
  // without the breakdown): the same values, in the record's key order.
  // Object.keys and a lookup rather than Object.entries: a 200-unit record is a dictionary-mode
  // object, whose entries V8 builds several times slower.
  const cells = source ? null : dp.actions;
  const ids = source ? source.ids : Object.keys(cells!);
  const order = source ? source.order : null;
  for (let c = 0; c < ids.length; c++) {
    const unitId = ids[c]!;
    const cpu = table.get(unitId);
    if (!cpu) throw new LedgerInputError(`unit "${unitId}" is not on rate card version "${versionId}" nor in the negotiated credits per unit`);
    const a = cells ? cells[unitId]! : null;
    if (!a && !source!.cell(order![c]!, P, N)) return null;
    const nonProdZero = a ? a.nonProduction.isZero() : N.n === 0;
    // whole action counts, as numbers (NaN when not whole)
    let pn = NaN;
    let nn = NaN;
    if (cpu.productionMicro !== null && (nonProdZero || cpu.nonProductionMicro !== null)) {
      if (!a) {
        pn = toSafeInteger(P);
        nn = nonProdZero ? 0 : toSafeInteger(N);
      } else if (a.production.isInteger() && (nonProdZero || a.nonProduction.isInteger())) {
        pn = a.production.toNumber();
        nn = nonProdZero ? 0 : a.nonProduction.toNumber();
      }
    }
    if (pn === pn && nn === nn) {
      const pcm = pn * cpu.productionMicro!;
      const ncm = nonProdZero ? 0 : nn * cpu.nonProductionMicro!;
      if (Math.abs(pn) <= INT_FLUSH && Math.abs(nn) <= INT_FLUSH && Math.abs(pcm) <= INT_FLUSH && Math.abs(ncm) <= INT_FLUSH) {
        if (pn < 0 || nn < 0 || pcm < 0 || ncm < 0 || (a && !isDefaultHalfUp(a.production))) return null;
        if (breakdown) byUnit[unitId] = { actions: nonProdZero ? (a ? a.production : toDecimal(P)) : new Decimal(pn + nn), credits: microToCredits(pcm + ncm) };
        intActions += pn + nn;
        microProd += pcm;
        microNonProd += ncm;
        // The flush points of periodDemand, which decide where the actions total is rounded.
        if (Math.abs(microProd) > INT_FLUSH || Math.abs(microNonProd) > INT_FLUSH || Math.abs(intActions) > INT_FLUSH) {
          if (!loadInt(tmp, intActions) || !accumulate(actions, tmp, sig)) return null;
          if (!loadMicro(tmp, microProd) || !add(prod, prod, tmp)) return null;
          if (!loadMicro(tmp, microNonProd) || !add(nonProd, nonProd, tmp)) return null;
          intActions = microProd = microNonProd = 0;
        }
        continue;
      }
    }
    if (a && (!isDefaultHalfUp(a.production) || !isDefaultHalfUp(a.nonProduction) || !load(P, a.production) || !load(N, a.nonProduction))) return null;
    const w = words.get(unitId);
    if (!w) return null;
    let pcm = 0;
    let ncm = 0;
    if (P.n !== 0) {
      if (!w.production || !mul(pc, P, w.production)) return null;
      roundSig(pc, sig);
      pcm = toMicroHalfUp(pc, INT_FLUSH);
      if (pcm < 0) return null;
    }
    if (!nonProdZero) {
      if (!w.nonProduction || !mul(nc, N, w.nonProduction)) return null;
      roundSig(nc, sig);
      ncm = toMicroHalfUp(nc, INT_FLUSH);
      if (ncm < 0) return null;
    }
    cellProd += pcm;
    cellNonProd += ncm;
    if (cellProd > INT_FLUSH) {
      if (!loadMicro(tmp, cellProd) || !add(prod, prod, tmp)) return null;
      cellProd = 0;
    }
    if (cellNonProd > INT_FLUSH) {
      if (!loadMicro(tmp, cellNonProd) || !add(nonProd, nonProd, tmp)) return null;
      cellNonProd = 0;
    }
    if (breakdown) {
      // pc + nc stays below 2^53 micro-credits: exact, and within 20 digits
      if (!loadMicro(sum, pcm + ncm)) return null;
      const uc = toDecimal(sum);
      // P + 0 is P itself when P already fits the precision: no need for a second object.
      const plain = nonProdZero && digitCount(P) <= sig;
      const production = plain ? (a ? a.production : toDecimal(P)) : null;
      if (!add(sum, P, N)) return null;
      roundSig(sum, sig);
      byUnit[unitId] = { actions: production ?? toDecimal(sum), credits: uc };
    } else {
      if (!add(sum, P, N)) return null;
      roundSig(sum, sig);
    }
    if (!accumulate(actions, sum, sig)) return null;
  }
  if (intActions !== 0 && (!loadInt(tmp, intActions) || !accumulate(actions, tmp, sig))) return null;
  for (const micro of [microProd, cellProd]) if (micro !== 0 && (!loadMicro(tmp, micro) || !add(prod, prod, tmp))) return null;
  for (const micro of [microNonProd, cellNonProd]) if (micro !== 0 && (!loadMicro(tmp, micro) || !add(nonProd, nonProd, tmp))) return null;
  const directCredits = quantizeCredits(own(dp.directCredits), "halfUp");
  if (!isDefaultHalfUp(directCredits) || !load(tmp, directCredits) || !add(prod, prod, tmp)) return null;
  // from 10^(precision − 6) credits on, a micro-credit sum has more digits than the precision
  if (exponentOf(prod) >= sig - CREDIT_DP || exponentOf(nonProd) >= sig - CREDIT_DP) return null;
  if (!add(sum, prod, nonProd)) return null;
  roundSig(sum, sig);
  return { credits: toDecimal(sum), actions: toDecimal(actions), production: toDecimal(prod), nonProduction: toDecimal(nonProd), directCredits, byUnit };
}

/** Credits demanded in one period: Σ actions × credits per unit by environment, plus direct credits. */
function periodDemandDecimal(dp: DemandPeriod, table: CreditsPerUnitTable, versionId: string, breakdown: boolean): PeriodDemandFigures {
  let actions = ZERO;
  let prodCredits = ZERO;
  let nonProdCredits = ZERO;
  // Whole action counts × credits per unit with at most six decimals are summed as micro-credits
  // in plain numbers (exact: integers kept below 2^52 and moved into decimals before); anything
  // else takes the decimal path. This is the one loop over units × periods.
  let intActions = 0;
  let microProd = 0;
  let microNonProd = 0;
  const byUnit: Record<string, { actions: Decimal; credits: Decimal }> = {};
  for (const [unitId, a] of Object.entries(dp.actions)) {
    const cpu = table.get(unitId);
    if (!cpu) throw new LedgerInputError(`unit "${unitId}" is not on rate card version "${versionId}" nor in the negotiated credits per unit`);
    const nonProdZero = a.nonProduction.isZero();
    if (cpu.productionMicro !== null && a.production.isInteger() && (nonProdZero || (cpu.nonProductionMicro !== null && a.nonProduction.isInteger()))) {
      const pn = a.production.toNumber();
      const nn = nonProdZero ? 0 : a.nonProduction.toNumber();
      const pc = pn * cpu.productionMicro;
      const nc = nonProdZero ? 0 : nn * cpu.nonProductionMicro!;
      if (Math.abs(pn) <= INT_FLUSH && Math.abs(nn) <= INT_FLUSH && Math.abs(pc) <= INT_FLUSH && Math.abs(nc) <= INT_FLUSH) {
        if (breakdown) byUnit[unitId] = { actions: nonProdZero ? a.production : new Decimal(pn + nn), credits: microToCredits(pc + nc) };
        intActions += pn + nn;
        microProd += pc;
        microNonProd += nc;
        if (Math.abs(microProd) > INT_FLUSH || Math.abs(microNonProd) > INT_FLUSH || Math.abs(intActions) > INT_FLUSH) {
          actions = actions.add(intActions);
          prodCredits = prodCredits.add(microToCredits(microProd));
          nonProdCredits = nonProdCredits.add(microToCredits(microNonProd));
          intActions = microProd = microNonProd = 0;
        }
        continue;
      }
    }
    // Inputs built outside the engine are copied into the engine's Decimal first, so that their
    // constructor's settings cannot change the figures.
    const production = own(a.production);
    const nonProduction = own(a.nonProduction);
    const pc = production.isZero() ? ZERO : quantizeCredits(production.mul(cpu.production), "halfUp");
    const nc = nonProdZero ? ZERO : quantizeCredits(nonProduction.mul(cpu.nonProduction), "halfUp");
    const uc = pc.add(nc);
    const ua = production.add(nonProduction);
    if (breakdown) byUnit[unitId] = { actions: ua, credits: uc };
    actions = actions.add(ua);
    prodCredits = prodCredits.add(pc);
    nonProdCredits = nonProdCredits.add(nc);
  }
  if (intActions !== 0) actions = actions.add(intActions);
  if (microProd !== 0) prodCredits = prodCredits.add(microToCredits(microProd));
  if (microNonProd !== 0) nonProdCredits = nonProdCredits.add(microToCredits(microNonProd));
  const directCredits = quantizeCredits(own(dp.directCredits), "halfUp");
  prodCredits = prodCredits.add(directCredits);
  const credits = prodCredits.add(nonProdCredits);
  if (credits.isNeg()) throw new LedgerInputError(`negative demand in period ${dp.period.label}`);
  return { credits, actions, production: prodCredits, nonProduction: nonProdCredits, directCredits, byUnit };
}

/**
 * The figures of a demand period against a table, with and without the per-unit breakdown: the
 * scenarios of one evaluation (and the Monte Carlo re-runs of one path) that share a demand path
 * and a credits-per-unit table compute the period's Σ actions × credits once. Demand periods and
 * tables are never changed once built, and the figures are immutable Decimals.
 */
const demandMemo = new WeakMap<DemandPeriod, Map<CreditsPerUnitTable, { full?: PeriodDemandFigures; lean?: PeriodDemandFigures }>>();

/** The demand figures of a period (the word kernel when it applies, decimal.js otherwise). */
export function periodDemand(dp: DemandPeriod, table: CreditsPerUnitTable, words: TableWords, versionId: string, breakdown: boolean): PeriodDemandFigures {
  let byTable = demandMemo.get(dp);
  if (!byTable) demandMemo.set(dp, (byTable = new Map()));
  let held = byTable.get(table);
  if (!held) byTable.set(table, (held = {}));
  if (breakdown && held.full) return held.full;
  if (!breakdown && (held.lean || held.full)) return held.lean ?? (held.lean = { ...held.full!, byUnit: {} });
  // A driver period built with lazy cells is read from its source (its cells are never built),
  // unless the kernel declines its factors.
  const source = cellSourceOf(dp);
  const figures =
    (source && periodDemandWords(dp, source, table, words, versionId, breakdown)) ??
    periodDemandWords(dp, null, table, words, versionId, breakdown) ??
    periodDemandDecimal(dp, table, versionId, breakdown);
  if (breakdown) held.full = figures;
  else held.lean = figures;
  return figures;
}

/** Word registers of a table, built once per table (tables are shared, see creditsPerUnitTable). */
const wordsMemo = new WeakMap<CreditsPerUnitTable, TableWords>();

export function tableWordsOf(table: CreditsPerUnitTable): TableWords {
  let w = wordsMemo.get(table);
  if (!w) wordsMemo.set(table, (w = tableWords(table)));
  return w;
}
