// The model document a brief rests on: the contract's document (lib/workbench/model.ts) with the
// chosen scenarios, the horizon, a scenario "at the observed rate" for the current position, and the
// analysis part (Monte Carlo with its seed, the asks taken clause by clause from the asks scenario,
// the walk-away alternatives and the burn diagnostics). Stored whole with each brief version.
import { evaluateModel, ModelEvaluationError, type ModelResult } from "@/lib/engine/model/evaluate";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import { buildModelDocument, type ContractBundle } from "@/lib/workbench/model";
import { bundleForHorizon, documentOnLaterTerm, laterStart } from "@/lib/workbench/horizon";
import type { ScenarioRole } from "./types";
import { describeClause } from "./clauses";

export const OBSERVED_RATE_SCENARIO = { id: "brief-observed-rate", name: "Current terms at the observed rate" } as const;

/**
 * Burn diagnostics as a brief reads them. A month of a looping agent is already the money the
 * domain warns about (one case burned $50,000 in 14 days), so on monthly data one period above the
 * line is a runaway; and sandbox usage billed at the production rate is worth naming from 5% of all
 * credits. Weekly data keeps the engine's defaults (two weeks in a row, 10%).
 */
export const BRIEF_DIAGNOSTIC_THRESHOLDS = {
  month: { runawayMinPeriods: 1, nonProductionSharePct: 5 },
  week: {},
} as const;

export interface BriefRoles {
  vendor: string;
  asks: string;
  walkAway: string | null;
}

export interface BriefOptions {
  horizonPeriods: number;
  seed: number;
  paths: number;
  /** first day of the horizon when it is not the contract's term start: the renewal date */
  startsOn?: string | null;
}

export interface UsageRowInput {
  period: string;
  agent: string;
  unit?: string;
  environment: "production" | "nonProduction";
  actions?: string;
  credits: string;
}

export function rolesInOrder(roles: BriefRoles): { role: ScenarioRole; id: string }[] {
  return [
    { role: "vendor" as const, id: roles.vendor },
    { role: "asks" as const, id: roles.asks },
    ...(roles.walkAway ? [{ role: "walkAway" as const, id: roles.walkAway }] : []),
  ];
}

/**
 * One ask per clause in which our asks' terms differ from the vendor's. Both sides are the clauses
 * the engine applies: the contract's, overridden by the scenario's (a clause the asks scenario
 * inherits from the contract is still an ask when the vendor's scenario replaces it).
 */
export function asksFromScenarios(
  vendorClauses: Record<string, unknown> | undefined,
  asksClauses: Record<string, unknown> | undefined,
  currency: string,
  contractClauses: Record<string, unknown> = {},
) {
  const vendor: Record<string, unknown> = { ...contractClauses, ...(vendorClauses ?? {}) };
  const asks: Record<string, unknown> = { ...contractClauses, ...(asksClauses ?? {}) };
  return Object.keys(asks)
    .filter((key) => key !== "termStart" && asks[key] !== undefined && JSON.stringify(asks[key]) !== JSON.stringify(vendor[key]))
    .map((key) => {
      const d = describeClause(key, asks[key], currency);
      return { id: key, name: d.name, description: d.clause, clauses: { [key]: asks[key] } };
    });
}

/**
 * The brief's document. `bundle.scenarios` must hold the role scenarios (any order); the document
 * lists them vendor, asks, walk-away, then the observed-rate scenario when burn was observed.
 */
export function buildBriefDocument(original: ContractBundle, roles: BriefRoles, options: BriefOptions, usage: UsageRowInput[]): ModelDocumentInput {
  const bundle = bundleForHorizon(original, options.startsOn);
  const ordered = rolesInOrder(roles).map(({ id }) => {
    const s = bundle.scenarios.find((x) => x.id === id);
    if (!s) throw new Error(`scenario ${id} is not in the bundle`);
    return s;
  });
  const base = buildModelDocument({ ...bundle, scenarios: ordered });
  let doc: ModelDocumentInput = { ...base, term: { ...base.term, periods: options.horizonPeriods } };
  const later = laterStart(bundle, options.startsOn);
  if (later) {
    // The next term, with no current-position scenario (that one runs on the current term:
    // buildPositionDocument).
    doc = documentOnLaterTerm(doc, bundle.contract.termStart, later);
  } else if (doc.observedBurn) {
    doc.scenarios = [...doc.scenarios, { id: OBSERVED_RATE_SCENARIO.id, name: OBSERVED_RATE_SCENARIO.name, demand: { source: "observedBurn" } }];
  }
  const vendorDoc = ordered[0]!.doc as { clauses?: Record<string, unknown> };
  const asksDoc = ordered[1]!.doc as { clauses?: Record<string, unknown> };
  const asks = asksFromScenarios(vendorDoc.clauses, asksDoc.clauses, bundle.contract.currency, (bundle.contract.clauses ?? {}) as Record<string, unknown>);
  const usable = usage.filter((u) => u.agent);
  doc.analysis = {
    // Every scenario read on the vendor's percentile paths: a column of the brief is one demand, so
    // the difference of two figures in it is a saving on the same demand.
    monteCarlo: { paths: options.paths, seed: options.seed, scenarios: rolesInOrder(roles).map((r) => r.id), band: true, pairedBy: roles.vendor },
    ...(asks.length > 0 ? { asks: { vendorScenario: roles.vendor, asks } } : {}),
    alternatives: { scenario: roles.vendor },
    ...(usable.length > 0 ? { diagnostics: { thresholds: BRIEF_DIAGNOSTIC_THRESHOLDS[bundle.contract.granularity] } } : {}),
  };
  if (usable.length > 0) {
    doc.usage = usable.map((u) => ({
      period: u.period,
      agent: u.agent,
      ...(u.unit ? { unit: u.unit } : {}),
      environment: u.environment,
      ...(u.actions !== undefined ? { actions: u.actions } : {}),
      credits: u.credits,
    }));
  }
  return doc;
}

/**
 * For a horizon that starts later than the current term (a renewal), the current position is read
 * on the current term: the contract's document with only the observed-rate scenario. Null when the
 * brief's own document carries that scenario, or when no burn was observed.
 */
export function buildPositionDocument(bundle: ContractBundle, options: BriefOptions): ModelDocumentInput | null {
  if (!laterStart(bundle, options.startsOn)) return null;
  const base = buildModelDocument({ ...bundle, scenarios: [] });
  if (!base.observedBurn) return null;
  return { ...base, scenarios: [{ id: OBSERVED_RATE_SCENARIO.id, name: OBSERVED_RATE_SCENARIO.name, demand: { source: "observedBurn" } }] };
}

/** Id of the single ask the asks are folded into when they cannot be valued one by one. */
export const PACKAGE_ASK_ID = "package";

/**
 * Builds and evaluates the brief's document. When the asks cannot be valued clause by clause (a
 * clause that only makes sense with another, e.g. a true-up cap as a share of a contract value that
 * only the asked price defines), they are valued as one package, and the package ask says why in its
 * description (the brief shows it); the returned document is the one that was evaluated, so a stored
 * brief re-evaluates to the same figures.
 */
export function evaluateBriefDocument(
  bundle: ContractBundle,
  roles: BriefRoles,
  options: BriefOptions,
  usage: UsageRowInput[],
): { doc: ModelDocumentInput; result: ModelResult; position: { doc: ModelDocumentInput; result: ModelResult } | null } {
  const positionDoc = buildPositionDocument(bundle, options);
  const position = positionDoc ? { doc: positionDoc, result: evaluateModel(positionDoc) } : null;
  return { ...evaluateMain(bundle, roles, options, usage), position };
}

function evaluateMain(bundle: ContractBundle, roles: BriefRoles, options: BriefOptions, usage: UsageRowInput[]): { doc: ModelDocumentInput; result: ModelResult } {
  const doc = buildBriefDocument(bundle, roles, options, usage);
  try {
    return { doc, result: evaluateModel(doc) };
  } catch (e) {
    const asks = doc.analysis?.asks;
    if (!(e instanceof ModelEvaluationError) || !e.path.startsWith("$.analysis") || !asks || asks.asks.length < 2) throw e;
    const clauses = Object.assign({}, ...asks.asks.map((a) => a.clauses)) as Record<string, unknown>;
    const packaged: ModelDocumentInput = {
      ...doc,
      analysis: {
        ...doc.analysis,
        asks: {
          ...asks,
          asks: [
            {
              id: PACKAGE_ASK_ID,
              name: "Our asks as one package",
              description: `Valued together because one at a time they cannot be costed (${e.detail}). ${asks.asks.map((a) => a.description).join(" ")}`,
              clauses,
            },
          ],
        },
      },
    };
    return { doc: packaged, result: evaluateModel(packaged) };
  }
}
