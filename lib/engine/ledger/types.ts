// Input and output types of the clause ledger (evaluateLedger in ./evaluate.ts).
//
// Units: `credits` are the vendor's consumption unit; `amount`/`price` are money in the rate
// card's currency; `pricePerCredit` is currency per credit; `Pct` fields are percentages on a
// 0–100 scale (12.5 means 12.5 %). Every credit and money quantity is a decimal.js `Decimal`;
// counts of periods, cycles and people are plain integers.
//
// A nullable money field (`Decimal | null`) is null when the credit price is unknown and no
// contract term supplies one: the ledger then reports credits only and `priceUnpinned: true`,
// it never substitutes 0.
import type Decimal from "@/lib/engine/decimal";
import type { DemandPath, Environment, IsoDate, Period, RateCardVersion } from "@/lib/engine/types";

// ─── cycles ────────────────────────────────────────────────────────────────────────────────

/** How often an allotment is granted/reset, a ceiling or cap is measured. "term" = once, at
 *  term start, never reset. */
export type Cadence = "month" | "quarter" | "year" | "term";

/** Where a cycle starts: "calendar" = 1 Jan / 1 Apr / 1st of the month; "anniversary" = counted
 *  from the contract's `termStart` (contract months, quarters, years). Periods belong to the
 *  cycle in which they start. */
export type ResetAnchor = "calendar" | "anniversary";

/** A value in force from a date on (the latest entry whose `from` ≤ the date applies). */
export interface HeadcountChange {
  from: IsoDate;
  /** people (employees for a Workday allotment, users for per-user pricing) */
  headcount: number;
}

// ─── price of a credit ─────────────────────────────────────────────────────────────────────

/** How the contract price of a credit (before discount) follows the rate card's list price. */
export type RatePolicy =
  /** no protection: the list price of the rate card version in effect at each period start */
  | { kind: "list" }
  /** fixed for the whole term; `pricePerCredit` absent = the list price at term start */
  | { kind: "pinned"; pricePerCredit?: Decimal }
  /** reset at each contract anniversary to min(list price then, previous year's price × (1 + cap)) */
  | { kind: "capped"; maxIncreasePctPerYear: Decimal };

/** A volume tier: from `fromCredits` bought in the contract year on, each credit costs the contract
 *  price less `pct` %, or `pricePerCredit` (every tier of one discount is given the same way). */
export type VolumeTier = { fromCredits: Decimal; pct: Decimal; pricePerCredit?: undefined } | { fromCredits: Decimal; pricePerCredit: Decimal; pct?: undefined };

/** Discount on the contract price of credits bought at the "contract" price basis. */
export type Discount =
  | { kind: "none" }
  | { kind: "flat"; pct: Decimal }
  /** graduated (marginal) tiers on the cumulative credits bought at the contract price within
   *  the contract year; each credit gets the pct of the tier it falls in. Tiers sorted by
   *  `fromCredits`, the first normally 0. Graduated, not all-units, so that buying more never
   *  costs less. */
  | { kind: "volumeTiers"; tiers: VolumeTier[] }
  /** a negotiated price replacing the contract price (prepay/commitment price, e.g. $0.08) */
  | { kind: "committedPrice"; pricePerCredit: Decimal };

/** Which price a clause charges per credit. */
export type PriceBasis =
  /** rate card list price (with the assumed list escalation), no pin, no discount: a spot rate */
  | { kind: "list" }
  /** the contract price: rate policy applied, then the discount */
  | { kind: "contract" }
  | { kind: "fixed"; pricePerCredit: Decimal };

// ─── sources of credits ────────────────────────────────────────────────────────────────────

export type AllotmentSize =
  | { kind: "fixed"; credits: Decimal }
  /** credits per head × headcount at the grant date (Workday complimentary allotment) */
  | {
      kind: "perHead";
      creditsPerHead: Decimal;
      headcount: HeadcountChange[];
      /** "atNextReset" (default): a change takes effect at the next grant.
       *  "prorateIncreases": an increase mid-cycle grants creditsPerHead × added heads × the share
       *  of the cycle's periods still to come (including the period of the change); decreases
       *  always wait for the next grant, since granted credits are not clawed back. */
      onChange?: "atNextReset" | "prorateIncreases";
    }
  /** credits = amount ÷ contract price per credit after discount at the grant (a "$5,000 monthly
   *  allocation"), rounded down to the micro-credit; needs a known price, otherwise the ledger
   *  throws LedgerInputError */
  | { kind: "fromAmount"; amount: Decimal };

export interface RolloverTerms {
  /** share of a grant's unused credits carried at its reset, 0–100 */
  sharePct: Decimal;
  /** carried credits expire after this many further cycles of the allotment (1 = usable during
   *  the next cycle only); absent = they never expire within the term. Carried credits do not
   *  roll over a second time. */
  expiresAfterCycles?: number;
  /** most credits carried at one reset */
  cap?: { kind: "credits"; credits: Decimal } | { kind: "pctOfGrant"; pct: Decimal };
}

/** Credits granted each cycle: a complimentary allotment or a contracted periodic allocation. */
export interface Allotment {
  /** unique among allotments and packs; used in `drawOrder` and in row breakdowns */
  id: string;
  kind: "complimentary" | "allocation";
  cadence: Cadence;
  /** default "anniversary" */
  anchor?: ResetAnchor;
  size: AllotmentSize;
  /** money billed at each grant (allocation fee, commitment); absent = free */
  feePerCycle?: Decimal;
  /** absent = unused credits expire at the reset */
  rollover?: RolloverTerms;
  /** draw priority, lower first; default complimentary 0, allocation 1 */
  priority?: number;
  /** grants happen only in periods starting on/after `from` and before `until`; default the whole term.
   *  A calendar-anchored allotment starting mid-cycle is granted in full (no proration). */
  from?: IsoDate;
  until?: IsoDate;
}

/** A pack bought on a known date (scheduled purchase). */
export interface PackPurchase {
  id: string;
  credits: Decimal;
  /** price paid; absent = credits at the contract price (discount included) of the purchase period */
  price?: Decimal;
  /** credits usable from the period containing this date */
  purchaseDate: IsoDate;
  /** usable in periods that start before this date; absent = no expiry within the term */
  expiresOn?: IsoDate;
  /** draw priority, lower first; default 2 */
  priority?: number;
}

// ─── what happens when the balance runs out ────────────────────────────────────────────────

/** A limit measured per cycle, in credits or in money. */
export interface CycleLimit {
  cadence: Exclude<Cadence, "term">;
  /** default "anniversary" */
  anchor?: ResetAnchor;
  limit: { kind: "credits"; credits: Decimal } | { kind: "amount"; amount: Decimal };
}

export interface OverageTerms {
  /** default { kind: "list" }: overage is a spot purchase, no discount */
  price?: PriceBasis;
  /** most overage per cycle; a money cap is measured on the overage bill */
  cap?: CycleLimit;
  /** what happens to overage above the cap: "unserved" (default: throttled until written
   *  pre-approval) or "preApproved" (served and billed). Either way the credits above the cap
   *  are reported in `preApprovalCredits`. */
  aboveCap?: "unserved" | "preApproved";
}

export interface AutoPackTerms {
  /** credits per pack */
  packCredits: Decimal;
  /** price per pack; absent = packCredits at the contract price of the period */
  packPrice?: Decimal;
  /** months after the purchase period's start at which unused credits expire; absent = never */
  expiresAfterMonths?: number;
  /** draw priority of auto-purchased packs; default 3 */
  priority?: number;
}

export interface TrueUpTerms {
  /** when arrears are billed: after every n ledger periods (counted from the first), or once at
   *  term end. Any arrears still open at the last period are billed there in both cases. */
  schedule: { kind: "everyNPeriods"; n: number } | { kind: "termEnd" };
  /** default { kind: "contract" } */
  price?: PriceBasis;
  /** most billed as true-up. pctOfContractValue: `contractValue` absent = allotment fees over
   *  the term + scheduled pack prices. */
  cap?: { kind: "amount"; amount: Decimal } | { kind: "pctOfContractValue"; pct: Decimal; contractValue?: Decimal };
  /** "term" (default): the cap bounds the sum of all true-ups; "perTrueUp": each bill. What
   *  exceeds the cap is waived (the demand was served already). */
  capScope?: "term" | "perTrueUp";
}

/** Behaviour when the balance cannot serve the demand that the ceiling lets through. */
export type ExhaustionBehaviour =
  /** agents stop: the shortfall is unserved */
  | { kind: "pause" }
  /** buy whole packs to cover the shortfall; leftovers stay in the balance */
  | { kind: "autoPack"; pack: AutoPackTerms }
  /** pay-as-you-go at the overage price, within the overage cap */
  | { kind: "overage"; overage: OverageTerms }
  /** served now, billed in arrears at the true-up points (billing at the contracted rate in arrears) */
  | { kind: "trueUp"; trueUp: TrueUpTerms };

// ─── the contract ──────────────────────────────────────────────────────────────────────────

export interface ContractTerms {
  /** contract start, anchor of anniversaries and contract years; default the first period start */
  termStart?: IsoDate;
  /** default { kind: "list" } */
  ratePolicy?: RatePolicy;
  /** default { kind: "none" } */
  discount?: Discount;
  /** negotiated credits per unit, replacing the rate card's value for these unit ids */
  creditsPerUnit?: Record<string, Decimal>;
  /** factor on credits per unit by environment (e.g. nonProduction 0.5); default 1 */
  environmentMultipliers?: Partial<Record<Environment, Decimal>>;
  allotments?: Allotment[];
  packs?: PackPurchase[];
  /**
   * Order in which sources are drawn: source ids (allotment ids, pack ids, AUTO_PACK_SOURCE_ID).
   * Listed sources come first in the listed order; unlisted ones follow in the default order.
   * Default order: by priority (lower first; complimentary 0, allocation 1, pack 2, auto pack 3),
   * then soonest expiry (never-expiring last), then oldest grant. Credits carried by rollover
   * keep their allotment's place. This spends free and expiring credits before paid or durable ones.
   */
  drawOrder?: string[];
  /** most consumption per cycle (credits, or money valued at the contract price); demand above
   *  it is unserved with reason "ceiling" */
  ceiling?: CycleLimit;
  /** default { kind: "pause" } */
  onExhaustion?: ExhaustionBehaviour;
  /** percent of each allotment grant drawn at which an alert fires; default [60, 70, 85, 100] */
  alertThresholdsPct?: number[];
}

/** The per-user alternative to consumption pricing. */
export interface PerUserTerms {
  /** users licensed: a constant, or changes over time */
  users: number | HeadcountChange[];
  pricePerUserPerMonth: Decimal;
}

/** How demand left unserved is priced. It is a cost of the scenario (agents paused, work not done),
 *  never a saving: summaries report it apart and add it to what is billed in `costToServe`. */
export type UnservedPricing =
  /** default: the credits bought as emergency packs at the rate card's list (spot) price of the
   *  period, or at the contract price after discount when the card publishes no price */
  | { kind: "list" }
  /** a stated price per unserved credit */
  | { kind: "perCredit"; pricePerCredit: Decimal }
  /** a business cost per action not served (the work a paused agent did not do) */
  | { kind: "perAction"; costPerAction: Decimal };

export interface LedgerAssumptions {
  /** assumed yearly increase of the vendor's list price beyond the rate card versions given,
   *  applied per contract year (year 0 = none); default 0 */
  listEscalationPctPerYear?: Decimal;
  /** default { kind: "list" } */
  unserved?: UnservedPricing;
}

/** A clause that validates but changes no figure (volume tiers with nothing bought at the contract
 *  price, an allotment never granted within the term); `at` is its path within the terms. */
export interface LedgerWarning {
  at: readonly (string | number)[];
  message: string;
}

export interface LedgerOptions {
  /** how exhaustion and alert dates are placed inside a period; default "workingDays" */
  interpolation?: "workingDays" | "calendarDays";
  /** false: rows carry an empty `demand.byUnit`, every other figure unchanged. For callers that
   *  read only totals (Monte Carlo re-runs, ask valuation), which would otherwise build and drop
   *  two decimals per unit and period. Default true. */
  unitBreakdown?: boolean;
}

export interface LedgerInput {
  demand: DemandPath;
  /** versions of one rate card; the version effective at each period start applies */
  rateCard: RateCardVersion[];
  terms: ContractTerms;
  assumptions?: LedgerAssumptions;
  perUser?: PerUserTerms;
  options?: LedgerOptions;
}

// ─── output ────────────────────────────────────────────────────────────────────────────────

/** Source id under which automatically bought packs appear. */
export const AUTO_PACK_SOURCE_ID = "auto-pack";

export type SourceKind = "complimentary" | "allocation" | "pack" | "autoPack";

/** One source's credit movements in a period. */
export interface SourceMovement {
  kind: SourceKind;
  /** credits granted by an allotment this period */
  granted: Decimal;
  /** credits bought (scheduled or automatic pack) this period */
  purchased: Decimal;
  drawn: Decimal;
  /** credits lost at the end of this period (reset, rollover share/cap, expiry) */
  expired: Decimal;
  /** unused credits moved into a rollover lot at the end of this period (they stay in the balance) */
  rolledOver: Decimal;
  /** balance of this source at the end of the period */
  closing: Decimal;
}

export interface LedgerCredits {
  opening: Decimal;
  granted: Decimal;
  purchased: Decimal;
  /** drawn from the balance to serve demand */
  drawn: Decimal;
  expired: Decimal;
  /** moved into rollover lots at the end of this period; part of `closing` */
  rolledOver: Decimal;
  /** balance carried into the next period. Invariant:
   *  opening + granted + purchased = drawn + expired + closing */
  closing: Decimal;
  /** served beyond the balance, billed as overage */
  overage: Decimal;
  /** served beyond the balance, billed later by true-up */
  arrears: Decimal;
  /** not served. Invariant: demand = drawn + overage + arrears + unserved */
  unserved: Decimal;
  unservedByReason: { ceiling: Decimal; exhausted: Decimal; overageCap: Decimal };
  /** overage above the overage cap (served if pre-approved, otherwise part of unserved) */
  preApprovalCredits: Decimal;
  bySource: Record<string, SourceMovement>;
}

export interface LedgerDemand {
  /** total credits demanded = Σ byUnit credits + directCredits */
  credits: Decimal;
  actions: Decimal;
  byUnit: Record<string, { actions: Decimal; credits: Decimal }>;
  /** credits by environment (directCredits count as production) */
  byEnvironment: Record<Environment, Decimal>;
  directCredits: Decimal;
}

/** Money in the period, each component rounded once (see lib/engine/money.ts). */
export interface LedgerCost {
  /** allotment fees (allocations, commitments) */
  fixed: Decimal | null;
  /** scheduled pack purchases */
  packs: Decimal | null;
  /** packs bought automatically at exhaustion */
  autoPacks: Decimal | null;
  overage: Decimal | null;
  trueUp: Decimal | null;
  /** sum of the rounded components */
  total: Decimal | null;
}

export interface LedgerRow {
  period: Period;
  rateCardVersionId: string;
  /** rate card list price (escalation assumption included); null when unknown */
  listPricePerCredit: Decimal | null;
  /** contract price before discount (rate policy applied) */
  contractPricePerCredit: Decimal | null;
  /** contract price after discount; for volume tiers, the marginal price at the period start */
  effectivePricePerCredit: Decimal | null;
  demand: LedgerDemand;
  credits: LedgerCredits;
  cost: LedgerCost;
  /** true-up billed this period: credits, and the amount waived above the cap */
  trueUp: { billedCredits: Decimal; waived: Decimal | null };
  /** arrears not yet billed at the end of the period */
  arrearsOutstanding: Decimal;
  cumulativeCost: Decimal | null;
  /** served actions, assuming unserved demand falls pro rata on every unit */
  actionsServed: Decimal;
  /** actions demanded − actions served */
  unservedActions: Decimal;
  /** what the unserved demand costs by the plan's unserved rule, rounded once; null when unknown */
  unservedCost: Decimal | null;
  /** cost.total + unservedCost: what serving all of the period's demand costs */
  costToServe: Decimal | null;
}

export type InterpolationBasis = "workingDays" | "calendarDays";

export interface DatedEvent {
  periodIndex: number;
  /** the day the event happens, interpolated inside the period */
  date: IsoDate;
}

export interface AlertCrossing extends DatedEvent {
  allotmentId: string;
  /** first date of the allotment cycle whose grant is measured */
  cycleStart: IsoDate;
  thresholdPct: number;
  /** credits granted in the cycle (the 100 % mark) */
  grantCredits: Decimal;
}

export interface PerUserComparison {
  /** users × price per user per month over the term */
  totalCost: Decimal;
  /** per-user cost per served action; null when no action is served */
  costPerAction: Decimal | null;
  /** per-user price ÷ consumption effective price per action; null when the latter is unknown or 0 */
  breakEvenActionsPerUserPerMonth: Decimal | null;
  /** per-user total − consumption cost to serve (positive: consumption is cheaper); null when unknown */
  savingsOfConsumption: Decimal | null;
  cheaper: "consumption" | "perUser" | "equal" | "unknown";
}

export interface LedgerSummary {
  currency: string;
  /** true when some money figure (total cost or cost to serve) is unknown for want of a price */
  priceUnpinned: boolean;
  /** what the terms bill over the term */
  totalCost: Decimal | null;
  costByComponent: Omit<LedgerCost, "total">;
  /** demand not served (ceiling, overage cap awaiting pre-approval, pause at exhaustion) */
  unservedCredits: Decimal;
  unservedActions: Decimal;
  /** what the unserved demand costs (see unservedRule); 0 when all is served */
  unservedCost: Decimal | null;
  /** totalCost + unservedCost: the figure scenarios are compared on */
  costToServe: Decimal | null;
  unservedRule: string;
  unservedByReason: { ceiling: Decimal; exhausted: Decimal; overageCap: Decimal };
  demandCredits: Decimal;
  servedCredits: Decimal;
  actionsDemanded: Decimal;
  actionsServed: Decimal;
  /** total cost ÷ actions served (not rounded) */
  effectivePricePerAction: Decimal | null;
  /** total cost ÷ credits served (not rounded) */
  effectivePricePerCredit: Decimal | null;
  /** first day on which the balance cannot serve demand (before any pack, overage or true-up
   *  remedy; a ceiling is not exhaustion), a shortfall of less than half a credit not counting;
   *  null if it never happens */
  exhaustion: DatedEvent | null;
  interpolation: InterpolationBasis;
  alerts: AlertCrossing[];
  /** periods with overage above the cap */
  preApproval: { periodIndex: number; credits: Decimal }[];
  trueUpWaived: Decimal | null;
  closingBalance: Decimal;
  /** clauses that change no figure */
  warnings: LedgerWarning[];
  perUser?: PerUserComparison;
}

export interface LedgerResult {
  rows: LedgerRow[];
  summary: LedgerSummary;
}
