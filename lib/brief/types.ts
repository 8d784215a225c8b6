// The negotiation brief as plain JSON: what the screen, the PDF, the deck, the workbook and the
// Markdown all render. Composed once on the server from the engine's result (lib/brief/compose.ts)
// and stored with the brief version, so the same version always shows the same figures.
// Money and credits are the engine's decimal strings (never re-computed by a renderer); dates are
// ISO yyyy-mm-dd. A renderer formats them with lib/brief/format.ts and adds nothing of its own.

export type ScenarioRole = "vendor" | "asks" | "walkAway";

export type Authority = "none" | "accountExecutive" | "dealDesk" | "vp" | "beyondVp" | "unknown";

/** Cost of one scenario at the reported percentiles of the Monte Carlo (exact ledger re-runs). Since
 *  schema version 2, the cost to serve (billed + the cost of demand left unserved) on the vendor's
 *  percentile paths: one demand per column for every scenario. */
export interface CostPercentiles {
  p10: string | null;
  p50: string | null;
  p90: string | null;
}

/** Demand a scenario leaves unserved on one percentile path, and what serving it would cost. */
export interface UnservedAt {
  credits: string;
  actions: string;
  cost: string | null;
}

export interface BriefScenario {
  role: ScenarioRole;
  id: string;
  name: string;
  description: string | null;
  /** deterministic ledger on the likely drivers (what the terms bill) */
  totalCost: string | null;
  cost: CostPercentiles;
  /** what the terms bill on the same paths (schema 2) */
  billed?: CostPercentiles;
  /** demand left unserved on the same paths (schema 2) */
  unserved?: { p10: UnservedAt | null; p50: UnservedAt | null; p90: UnservedAt | null };
  /** the deterministic forecast's cost to serve, shown only inside the P10–P90 band, else explained (schema 2) */
  likely?: { costToServe: string | null; inBand: boolean; note: string | null };
  overageP50: string | null;
  trueUpP50: string | null;
  demandCredits: string;
  unservedCredits: string;
  /** first day the balance cannot serve demand, deterministic run; null: never */
  exhaustionDate: string | null;
  /** share of Monte Carlo paths on which the balance runs out, 0–100 */
  exhaustionProbabilityPct: number | null;
  priceUnpinned: boolean;
}

export interface BriefAsk {
  rank: number;
  id: string;
  name: string;
  /** the clause asked for, in words */
  clause: string;
  /** what the ask alone saves against the vendor's terms, at P50 and P90 */
  savingP50: string | null;
  savingP90: string | null;
  /** what is lost if only this ask is dropped from the full package, at P50 */
  removeAloneP50: string | null;
  savingPctOfVendorP50: string | null;
  authority: Authority;
  authorityLabel: string;
  /** the ask's own saving as a share of the vendor's cost where that share is largest, and there (schema 2) */
  authorityShare?: { pct: number | null; sharePct: string | null };
  /** what is lost if only this ask is dropped, at P90 (schema 2) */
  removeAloneP90?: string | null;
  /** one sentence from the numbers */
  justification: string;
}

export interface BriefRisk {
  kind: "runaway" | "nonProduction" | "spike" | "acceleration";
  title: string;
  agent: string | null;
  periods: string[];
  credits: string;
  /** money impact at the list price; null when no price per credit is known */
  amount: string | null;
  sentence: string;
}

export interface TimelineEvent {
  date: string;
  kind: "termStart" | "measurementStart" | "burnThrough" | "exhaustion" | "notice" | "renewal" | "termEnd" | "prepared";
  label: string;
}

export interface ForecastPoint {
  label: string;
  start: string;
  /** cumulative cost per scenario role at P10/P50/P90 */
  vendor: CostPercentiles;
  asks: CostPercentiles;
  walkAway: CostPercentiles | null;
}

export interface LedgerLine {
  label: string;
  start: string;
  demandCredits: string;
  grantedCredits: string;
  purchasedCredits: string;
  drawnCredits: string;
  overageCredits: string;
  unservedCredits: string;
  closingCredits: string;
  cost: string | null;
  cumulativeCost: string | null;
}

export interface BriefLedger {
  role: ScenarioRole;
  scenarioName: string;
  lines: LedgerLine[];
  totals: { demandCredits: string; overageCredits: string; unservedCredits: string; cost: string | null; unservedCost?: string | null; costToServe?: string | null };
}

/** Who a rendering of the brief is for: the whole brief (internal), or one safe to send to the vendor. */
export type BriefAudience = "internal" | "vendorSafe";

/** A sign-off of the version, added when it is rendered (sign-offs change; the stored content does not). */
export interface BriefSignOffLine {
  name: string;
  /** ISO timestamp */
  signedAt: string;
  note: string | null;
}

export interface BriefContent {
  /** set when rendered for a vendor-safe link (lib/brief/audience.ts); never stored */
  audience?: BriefAudience;
  /** the version's sign-offs when rendered; never stored */
  signOffs?: BriefSignOffLine[];
  /** 1: costs billed, asks and unserved demand as the engine gave them before cost to serve; 2: every comparison on cost to serve */
  schemaVersion: 1 | 2;
  title: string;
  vendor: string;
  contractName: string;
  currency: string;
  /** the day the version was made (UTC) */
  preparedOn: string;
  preparedBy: string | null;
  version: number;

  /** every input the figures rest on */
  inputs: {
    rateCardVersion: { id: string; label: string; effectiveFrom: string };
    /** last day of observed burn used; null when none */
    burnThrough: string | null;
    /** a trailing period of burn left out because its rows do not cover it to the end */
    partialPeriod?: { start: string; through: string } | null;
    /** the contract's renewal date and notice period when the version was made */
    renewalDate?: string | null;
    noticeDays?: number | null;
    seed: number;
    paths: number;
    horizonPeriods: number;
    granularity: "month" | "week" | "year";
    horizonStart: string;
    horizonEnd: string;
    scenarios: { role: ScenarioRole; id: string; name: string }[];
  };

  summary: {
    vendor: CostPercentiles;
    asks: CostPercentiles;
    walkAway: CostPercentiles | null;
    /** vendor − asks: what the asks are worth, at P50 and P90 */
    atStakeP50: string | null;
    atStakeP90: string | null;
    recommendation: string;
    /** two to four short sentences, each with its figure */
    points: string[];
  };

  position: {
    asOf: string;
    quantity: "credits" | "amount";
    observed: { label: string; start: string; value: string }[];
    /** the fit's own sentence (trend and model) */
    trend: string;
    /** credits left at the end of the last observed period, at current terms */
    balanceCredits: string | null;
    /** first day the balance cannot serve demand at the observed rate; null: not within the term */
    exhaustionDate: string | null;
    runway: string;
  } | null;

  forecast: { granularity: "month" | "week" | "year"; points: ForecastPoint[] };

  scenarios: BriefScenario[];

  asks: BriefAsk[];
  asksPackage: {
    savingP50: string | null;
    savingP90: string | null;
    authority: Authority;
    authorityLabel: string;
    /** the asks' table adds up (schema 2): Σ saving alone + overlap = package saving, per column */
    sums?: {
      aloneP50: string | null;
      aloneP90: string | null;
      removeP50: string | null;
      removeP90: string | null;
      /** package saving − Σ saving alone: negative when asks overlap, positive when they reinforce */
      overlapAloneP50: string | null;
      overlapAloneP90: string | null;
      overlapRemoveP50: string | null;
      overlapRemoveP90: string | null;
    };
    /** what the asks table's columns mean (schema 2) */
    columns?: { label: string; meaning: string }[];
  } | null;

  walkAway: {
    scenarioName: string | null;
    cost: CostPercentiles | null;
    perUser: {
      users: string;
      pricePerUserPerMonth: string;
      totalCost: string;
      listPricePerAction: string | null;
      breakEvenActionsPerUserPerMonth: string | null;
      sentence: string;
    } | null;
    packsAtList: CostPercentiles | null;
    sentence: string;
  };

  risks: BriefRisk[];
  timeline: TimelineEvent[];
  assumptions: { label: string; value: string }[];
  ledgers: BriefLedger[];
}
