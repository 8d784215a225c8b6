// Demand from drivers: seats, activation, per-agent rates, working days, ramp, growth,
// non-production share and a per-unit mix shift, period by period over a term.
//
// Demand is an expected volume, so it is never rounded here (37 seats × 60% = 22.2 active agents
// is a legitimate forecast); money is rounded once, in the ledger (lib/engine/money.ts).
import { EngineInputError } from "@/lib/engine/errors";
import Decimal from "@/lib/engine/decimal";
import { monthIndexInTerm, monthsOfYear } from "@/lib/engine/calendar";
import { isDefaultHalfUp, load, MAX_INPUT_WORDS, mul, Reg, roundSig, toDecimal, WORDS_OK } from "@/lib/engine/wordmath";
import type { DemandPath, DemandPeriod, Granularity, IsoDate, Period } from "@/lib/engine/types";

/** How one metered unit's volume is driven. */
export type UnitDriver =
  | {
      unitId: string;
      basis: "perActiveAgentPerDay";
      /** actions per active agent per working day */
      actions: Decimal;
    }
  | {
      unitId: string;
      basis: "perMonth";
      /** estate-wide actions per calendar month, independent of seats and working days */
      actions: Decimal;
    };

export interface DriverInputs {
  /** first day of the term; month-based schedules count months from here */
  termStart: IsoDate;
  /** licensed seats or agents; required when any unit is driven per active agent */
  licensedSeats?: Decimal;
  /** share of licensed seats active in month 1, 2, …; the last value holds for the rest of the term.
   *  Absent means every licensed seat is active. */
  activationByMonth?: readonly Decimal[];
  units: readonly UnitDriver[];
  /** share below steady state in month 1, 2, … (0.35 = the month runs at 65% of steady state);
   *  months past the list run at steady state */
  rampBelowSteadyStateByMonth?: readonly Decimal[];
  /** compound growth per month (0.02 = +2% a month), applied from month 2 */
  monthlyGrowth?: Decimal;
  /** share of *total* actions that are non-production (testing in production, sandboxes billed
   *  at the same rate); 0.2 means production is 80% of what is billed */
  nonProductionShare?: Decimal;
  /** per-unit volume multiplier for a mix shift (autonomous completions × 3) */
  unitMultipliers?: Readonly<Record<string, Decimal>>;
}

export class DemandInputError extends EngineInputError {
  override name = "DemandInputError";
}

const ZERO = new Decimal(0);
const ONE = new Decimal(1);

function scheduleAt(schedule: readonly Decimal[] | undefined, month: number, fallback: Decimal): Decimal {
  if (!schedule || schedule.length === 0) return fallback;
  return schedule[Math.min(month, schedule.length - 1)] ?? fallback;
}

function validate(inputs: DriverInputs): void {
  const needsSeats = inputs.units.some((u) => u.basis === "perActiveAgentPerDay");
  if (needsSeats && inputs.licensedSeats === undefined) {
    throw new DemandInputError("licensedSeats is required when a unit is driven per active agent per day");
  }
  const share = inputs.nonProductionShare;
  if (share && (share.lt(0) || share.gte(1))) {
    throw new DemandInputError(`nonProductionShare must be in [0, 1), got ${share.toString()}`);
  }
  for (const a of inputs.activationByMonth ?? []) {
    if (a.lt(0) || a.gt(1)) throw new DemandInputError(`activation share must be in [0, 1], got ${a.toString()}`);
  }
  for (const r of inputs.rampBelowSteadyStateByMonth ?? []) {
    if (r.lt(0) || r.gt(1)) throw new DemandInputError(`ramp share below steady state must be in [0, 1], got ${r.toString()}`);
  }
  if (inputs.monthlyGrowth && inputs.monthlyGrowth.lte(-1)) {
    throw new DemandInputError(`monthlyGrowth must be above -1, got ${inputs.monthlyGrowth.toString()}`);
  }
  const seen = new Set<string>();
  for (const u of inputs.units) {
    if (seen.has(u.unitId)) throw new DemandInputError(`unit ${u.unitId} is driven twice`);
    seen.add(u.unitId);
    if (u.actions.lt(0)) throw new DemandInputError(`unit ${u.unitId}: actions must not be negative`);
  }
}

/** Active agents in a month of the term: licensed seats × activation share (unrounded). */
export function activeAgents(inputs: Pick<DriverInputs, "licensedSeats" | "activationByMonth">, month: number): Decimal {
  const seats = inputs.licensedSeats ?? ZERO;
  return seats.times(scheduleAt(inputs.activationByMonth, month, ONE));
}

/**
 * Production actions of a unit in a period, before the non-production gross-up:
 *   perActiveAgentPerDay: seats × activation(m) × actions × workingDays
 *   perMonth:             actions (a month) or actions × 12/52 (a week)
 * (a year adds up its twelve months, each computed as a month)
 * each × (1 − ramp(m)) × (1 + growth)^m × unit multiplier, where m is the term month the period
 * starts in. The per-period and per-unit factors are computed once each, so that a cell costs two
 * multiplications: a 36-month, 200-unit term is 7,200 cells.
 */
export function demandFromDrivers(
  term: { granularity: Granularity; periods: readonly Period[] },
  inputs: DriverInputs,
  options: { lazyCells?: boolean } = {},
): DemandPath {
  validate(inputs);
  for (const id of Object.keys(inputs.unitMultipliers ?? {})) {
    if (!inputs.units.some((u) => u.unitId === id)) {
      throw new DemandInputError(`unit multiplier for ${id}, which has no driver`);
    }
  }
  const weekly = term.granularity === "week";
  const share = inputs.nonProductionShare ?? ZERO;
  // nonProduction = production × s / (1 − s), so that it is share s of the total billed
  const grossUp = share.isZero() ? null : share.div(ONE.minus(share));
  const units: UnitRate[] = inputs.units.map((u) => {
    const mult = inputs.unitMultipliers?.[u.unitId];
    let rate = mult ? u.actions.times(mult) : u.actions;
    // A month's volume over a week: twelve months spread over fifty-two weeks. Multiplying before
    // dividing keeps round volumes exact (52,000 → 12,000 rather than 11,999.999…).
    if (u.basis === "perMonth" && weekly) rate = rate.times(12).div(52);
    return { id: u.unitId, perAgentDay: u.basis === "perActiveAgentPerDay", rate };
  });
  const growthBase = inputs.monthlyGrowth ? ONE.plus(inputs.monthlyGrowth) : null;
  const words = wordKernel(units, grossUp);
  /** The two factors of one month or week starting on `start` with `workingDays` (a Decimal for a
   *  share of a year's): a cell is rate × agentDays (per active agent) or rate × volume (per month). */
  const factorsOf = (label: string, start: string, workingDays: Decimal.Value): { agentDays: Decimal; volume: Decimal } => {
    const month = monthIndexInTerm(inputs.termStart, start);
    if (month < 0) throw new DemandInputError(`period ${label} starts before the term (${inputs.termStart})`);
    // Unlike activation, a ramp does not hold its last value: past the list is steady state.
    let volume = ONE.minus(inputs.rampBelowSteadyStateByMonth?.[month] ?? ZERO);
    if (growthBase) volume = volume.times(growthBase.pow(month));
    const agentDays = activeAgents(inputs, month).times(workingDays).times(volume);
    return { agentDays, volume };
  };
  const cells = ({ agentDays, volume }: { agentDays: Decimal; volume: Decimal }): DemandPeriod["actions"] =>
    (words && words.period(agentDays, volume)) ?? decimalCells(units, agentDays, volume, grossUp);
  const lazy = options.lazyCells && words ? lazyKernel(units, grossUp, (agentDays, volume) => cells({ agentDays, volume })) : null;
  const out: DemandPeriod[] = term.periods.map((period) => {
    if (term.granularity !== "year") {
      const factors = factorsOf(period.label, period.start, period.workingDays);
      const source = lazy ? lazy.source(factors.agentDays, factors.volume) : null;
      return source ? lazyPeriod(period, source) : { period, actions: cells(factors), directCredits: ZERO };
    }
    // A year is its twelve months, each with its own activation, ramp and growth, added up.
    const actions: DemandPeriod["actions"] = {};
    for (const m of monthsOfYear(period)) {
      const wd = m.workingDays.den === 1 ? m.workingDays.num : new Decimal(m.workingDays.num).div(m.workingDays.den);
      for (const [id, a] of Object.entries(cells(factorsOf(period.label, m.period.start, wd)))) {
        const sum = actions[id];
        actions[id] = sum ? { production: sum.production.plus(a.production), nonProduction: sum.nonProduction.plus(a.nonProduction) } : a;
      }
    }
    return { period, actions, directCredits: ZERO };
  });
  return { granularity: term.granularity, periods: out };
}

interface UnitRate {
  id: string;
  perAgentDay: boolean;
  rate: Decimal;
}

/** The cells of one period with decimal.js: the reference the word kernel must equal. */
function decimalCells(units: readonly UnitRate[], agentDays: Decimal, volume: Decimal, grossUp: Decimal | null): DemandPeriod["actions"] {
  const actions: DemandPeriod["actions"] = {};
  for (const u of units) {
    const production = u.rate.times(u.perAgentDay ? agentDays : volume);
    actions[u.id] = { production, nonProduction: grossUp ? production.times(grossUp) : ZERO };
  }
  return actions;
}

/** The rates (and the gross-up) of a demandFromDrivers call as word registers, with the precision
 *  the kernel reproduces; null when an input is out of the kernel's range. */
function kernelInputs(units: readonly UnitRate[], grossUp: Decimal | null): { sig: number; rates: Reg[]; g: Reg } | null {
  // Products take their precision from the rate's constructor: the kernel reproduces the default
  // Decimal's (read now, so that a Decimal.set elsewhere is followed), half-up only.
  if (!WORDS_OK || !units.every((u) => isDefaultHalfUp(u.rate))) return null;
  const rates = units.map(() => new Reg(MAX_INPUT_WORDS));
  if (!units.every((u, j) => load(rates[j]!, u.rate))) return null;
  const g = new Reg(MAX_INPUT_WORDS);
  if (grossUp && !load(g, grossUp)) return null;
  return { sig: Decimal.precision, rates, g };
}

/**
 * The same cells on decimal.js's words (lib/engine/wordmath.ts): each product is exact, then
 * rounded once to 20 significant digits half-up, as Decimal#times does. Null when an input is out
 * of the kernel's range (a negative rate, too many digits); the period then takes decimalCells.
 */
function wordKernel(units: readonly UnitRate[], grossUp: Decimal | null) {
  const k = kernelInputs(units, grossUp);
  if (!k) return null;
  const { sig, rates, g } = k;
  const agent = new Reg();
  const vol = new Reg();
  const p = new Reg();
  const q = new Reg();
  return {
    period(agentDays: Decimal, volume: Decimal): DemandPeriod["actions"] | null {
      if (!load(agent, agentDays) || !load(vol, volume)) return null;
      const actions: DemandPeriod["actions"] = {};
      for (let j = 0; j < units.length; j++) {
        const u = units[j]!;
        if (!mul(p, rates[j]!, u.perAgentDay ? agent : vol)) return null;
        roundSig(p, sig);
        const production = toDecimal(p);
        let nonProduction = ZERO;
        if (grossUp) {
          if (!mul(q, p, g)) return null;
          roundSig(q, sig);
          nonProduction = toDecimal(q);
        }
        actions[u.id] = { production, nonProduction };
      }
      return actions;
    },
  };
}

/**
 * Lazy cell sources over the same products as wordKernel (a kernel of its own: sharing one with
 * the eager cells made V8 compile their loop slower). `materialise` builds a period's cells as
 * demandFromDrivers does without lazyCells.
 */
function lazyKernel(units: readonly UnitRate[], grossUp: Decimal | null, materialise: (agentDays: Decimal, volume: Decimal) => DemandPeriod["actions"]) {
  const k = kernelInputs(units, grossUp);
  if (!k) return null;
  const { sig, rates, g } = k;
  const agent = new Reg();
  const vol = new Reg();
  // the order in which Object.keys lists a record of these ids: the order in which the ledger adds
  // a materialised period's cells
  const unitIds = units.map((u) => u.id);
  const ids = Object.keys(Object.fromEntries(unitIds.map((id) => [id, 0])));
  const indexOf = new Map(unitIds.map((id, j) => [id, j]));
  const order = ids.map((id) => indexOf.get(id)!);
  const cell = (j: number, P: Reg, N: Reg): boolean => {
    if (!mul(P, rates[j]!, units[j]!.perAgentDay ? agent : vol)) return false;
    roundSig(P, sig);
    if (!grossUp) {
      N.n = 0;
      N.x = 0;
      return true;
    }
    if (!mul(N, P, g)) return false;
    roundSig(N, sig);
    return true;
  };
  return {
    /** The cell source of one period; null when its factors are out of the kernel's range. */
    source(agentDays: Decimal, volume: Decimal): CellSource | null {
      if (!load(agent, agentDays) || !load(vol, volume)) return null;
      return { ids, order, begin: () => load(agent, agentDays) && load(vol, volume), cell, materialise: () => materialise(agentDays, volume) };
    },
  };
}

/**
 * The cells of a driver-built period, computed when they are read: the ledger without the per-unit
 * breakdown (Monte Carlo's exact re-runs) reads them straight into its registers
 * (lib/engine/ledger/demand.ts) and never builds the 2 × units Decimals of the period.
 */
export interface CellSource {
  /** unit ids in the order of the cells' record keys (Object.keys order, integer-like ids first) */
  readonly ids: readonly string[];
  /** order[c]: the unit (driver) index of ids[c] */
  readonly order: readonly number[];
  /** Loads the period's factors; false when they are out of the kernel's range. */
  begin(): boolean;
  /** Production and non-production actions of unit j (after begin) into P and N, rounded as the cells are. */
  cell(j: number, P: Reg, N: Reg): boolean;
  /** The cells as Decimals, the same that demandFromDrivers builds without lazyCells. */
  materialise(): DemandPeriod["actions"];
}

const cellSources = new WeakMap<DemandPeriod, CellSource>();

/** The cell source of a period built with lazyCells, while its cells are the source's. */
export function cellSourceOf(dp: DemandPeriod): CellSource | undefined {
  return cellSources.get(dp);
}

function lazyPeriod(period: Period, source: CellSource): DemandPeriod {
  let actions: DemandPeriod["actions"] | null = null;
  const dp: DemandPeriod = {
    period,
    get actions() {
      return (actions ??= source.materialise());
    },
    set actions(value) {
      actions = value;
      cellSources.delete(dp);
    },
    directCredits: ZERO,
  };
  cellSources.set(dp, source);
  return dp;
}

/** Total actions (both environments) of a period. */
export function totalActions(period: DemandPeriod): Decimal {
  let sum = ZERO;
  for (const a of Object.values(period.actions)) sum = sum.plus(a.production).plus(a.nonProduction);
  return sum;
}

/**
 * Credits a period's demand draws at the given credits per unit, plus its direct credits.
 * The ledger prices demand itself; this exists for summaries and for checking a mix without a ledger.
 */
export function demandCredits(period: DemandPeriod, creditsPerUnit: ReadonlyMap<string, Decimal>): Decimal {
  let sum = period.directCredits;
  for (const [unitId, a] of Object.entries(period.actions)) {
    const rate = creditsPerUnit.get(unitId);
    if (rate === undefined) throw new DemandInputError(`unit ${unitId} is not on the rate card`);
    sum = sum.plus(a.production.plus(a.nonProduction).times(rate));
  }
  return sum;
}
