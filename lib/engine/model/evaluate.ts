// Evaluates a whole model document: every scenario's ledger and summary, and the observed-burn fit
// with its projection and runway. The result is plain JSON (decimals as strings).
import Decimal from "@/lib/engine/decimal";
import { demandFromDrivers } from "@/lib/engine/demand/drivers";
import { demandFromBurn, fitBurn, projectBurn, runway, toLedgerDecimal, type BurnFit, type Runway } from "@/lib/engine/demand/burn";
import { evaluateLedger } from "@/lib/engine/ledger/evaluate";
import type { LedgerInput, LedgerResult } from "@/lib/engine/ledger/types";
import { minorUnits } from "@/lib/engine/money";
import { pricePerCredit, sortVersions, versionAt } from "@/lib/engine/ratecard";
import type { DemandPath, Granularity, Period } from "@/lib/engine/types";
import {
  assumptionsOf,
  burnSeriesOf,
  dec,
  contractTermsOf,
  driverInputsOf,
  mergedClauses,
  mergedDrivers,
  perUserOf,
  rateCardOf,
  termOf,
  type ModelTerm,
} from "@/lib/engine/model/map";
import { parseModelDocument, type DocumentIssue, type ModelDocumentParsed, type ScenarioDocParsed } from "@/lib/engine/model/schema";
import { serialise, type Serialised } from "@/lib/engine/model/serialise";
import { AnalysisInputError, AnalysisReferenceError, runAnalysis, type AnalysisOut, type ScenarioContext } from "@/lib/engine/analysis/document";
import { EngineInputError } from "@/lib/engine/errors";
import { clausePath } from "@/lib/engine/model/paths";
import { RateCardError } from "@/lib/engine/ratecard";

/** A document that validates but cannot be evaluated (a spend series with no price to convert it,
 *  a clause the ledger rejects); `path` points at the part to fix. Only the engine's own input
 *  errors become this: anything else thrown while evaluating is a defect and propagates as it is. */
export class ModelEvaluationError extends Error {
  override name = "ModelEvaluationError";
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** Raised by evaluateModel on an invalid document, carrying every problem with its JSON path. */
export class ModelDocumentError extends Error {
  override name = "ModelDocumentError";
  constructor(readonly issues: DocumentIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  }
}

export const DEFAULT_PROJECT_PERIODS = 12;

interface BurnCandidateOut {
  model: string;
  parameters: number;
  coefficients: number[];
  rss: number;
  score: number;
  delta: number;
}

interface ObservedBurnOut {
  quantity: "credits" | "amount";
  granularity: "week" | "month";
  observed: { label: string; start: string; end: string; value: Decimal; cumulative: Decimal }[];
  fit: {
    criterion: "AICc" | "AIC";
    rule: string;
    chosen: string;
    trend: string;
    explanation: string;
    intervalLevelPct: number;
    residualStandardError: number;
    candidates: BurnCandidateOut[];
  };
  /** projected burn per period, rounded by the ledger hand-over rule (whole credits, or cents) */
  projection: { label: string; start: string; end: string; point: Decimal; low: Decimal; high: Decimal }[];
  runway: Runway | null;
}

interface ScenarioOut {
  id: string;
  name: string;
  description?: string;
  rateCard: { id: string; versions: string[] };
  demand: { source: "drivers" | "observedBurn" | "perPeriod"; band?: "point" | "low" | "high"; creditsPerBurnUnit?: Decimal };
  rows: LedgerResult["rows"];
  summary: Omit<LedgerResult["summary"], "warnings"> & { warnings: { path: string; message: string }[] };
}

interface ComparisonRow {
  id: string;
  name: string;
  /** what the terms bill */
  totalCost: Decimal | null;
  /** what the demand they leave unserved costs, and the sum of both: what scenarios compare on */
  unservedCost: Decimal | null;
  costToServe: Decimal | null;
  /** cost to serve minus the first scenario's; null when either is unknown */
  costVsFirst: Decimal | null;
  demandCredits: Decimal;
  unservedCredits: Decimal;
  exhaustionDate: string | null;
  priceUnpinned: boolean;
}

export interface ModelResultRaw {
  version: 1;
  case: ModelDocumentParsed["case"];
  term: { start: string; granularity: Granularity; periods: Period[] };
  observedBurn?: ObservedBurnOut;
  scenarios: ScenarioOut[];
  comparison: ComparisonRow[];
  /** present when the document has an `analysis` part */
  analysis?: AnalysisOut;
}

export type ModelResult = Serialised<ModelResultRaw>;

const RULE =
  "Candidates (flat, linear, exponential, quadratic) are fitted by least squares when the data leave at least one residual degree of freedom; " +
  "they are scored by AICc, or AIC when AICc is undefined for the sample size, and the model with the fewest parameters within 2 points of the best score is chosen.";

function burnOut(doc: ModelDocumentParsed, fit: BurnFit): ObservedBurnOut {
  const b = doc.observedBurn!;
  const quantity = b.quantity;
  const minor = minorUnits(doc.case.currency);
  const round = (x: number) => toLedgerDecimal(x, quantity, minor);
  let cumulative = new Decimal(0);
  const observed = fit.periods.map((p, i) => {
    const value = fit.series.values[i] ?? new Decimal(0);
    cumulative = cumulative.plus(value);
    return { label: p.label, start: p.start, end: p.end, value, cumulative };
  });
  const projection = projectBurn(fit, b.projectPeriods ?? DEFAULT_PROJECT_PERIODS).map((p) => ({
    label: p.period.label,
    start: p.period.start,
    end: p.period.end,
    point: round(p.point),
    low: round(p.low),
    high: round(p.high),
  }));
  const rw =
    b.balance === undefined
      ? null
      : runway(fit, {
          balance: new Decimal(String(b.balance)),
          ...(b.plannedEnd ? { plannedEnd: b.plannedEnd } : {}),
          ...(b.horizonPeriods ? { horizonPeriods: b.horizonPeriods } : {}),
        });
  return {
    quantity,
    granularity: b.granularity,
    observed,
    fit: {
      criterion: fit.criterion,
      rule: RULE,
      chosen: fit.chosen.model,
      trend: fit.trend,
      explanation: fit.explanation,
      intervalLevelPct: fit.level * 100,
      residualStandardError: fit.sigma,
      candidates: fit.candidates.map((c) => ({
        model: c.model,
        parameters: c.parameters,
        coefficients: c.coefficients,
        rss: c.rss,
        score: c.score,
        delta: c.delta,
      })),
    },
    projection,
    runway: rw,
  };
}

/** An engine input error of a scenario's ledger as a document error at the clause at fault. */
function ledgerError(doc: ModelDocumentParsed, scenario: ScenarioDocParsed, index: number, e: unknown): never {
  if (e instanceof RateCardError) {
    const card = scenario.rateCard ?? doc.rateCards[0]!.id;
    throw new ModelEvaluationError(`$.rateCards[${doc.rateCards.findIndex((c) => c.id === card)}]`, e.message);
  }
  if (e instanceof EngineInputError) throw new ModelEvaluationError(clausePath(doc, scenario, index, e.at), e.message);
  throw e;
}

function scenarioDemand(
  doc: ModelDocumentParsed,
  scenario: ScenarioDocParsed,
  index: number,
  term: ModelTerm,
  fit: BurnFit | undefined,
  versions: LedgerInput["rateCard"],
): { demand: DemandPath; meta: ScenarioOut["demand"] } {
  const source = scenario.demand?.source ?? "drivers";
  if (source === "drivers") {
    const drivers = mergedDrivers(doc, scenario);
    if (!drivers) throw new ModelEvaluationError(`$.scenarios[${index}].demand`, "no drivers for this scenario");
    // Caught here rather than in the ledger so that the message can point at the driver to fix.
    const known = new Set([...versions.flatMap((v) => v.units.map((u) => u.id)), ...Object.keys(mergedClauses(doc, scenario).creditsPerUnit ?? {})]);
    const fromScenario = scenario.demand?.drivers?.units !== undefined;
    drivers.units.forEach((u, j) => {
      if (!known.has(u.unit)) {
        const at = fromScenario ? `$.scenarios[${index}].demand.drivers.units[${j}].unit` : `$.drivers.units[${j}].unit`;
        throw new ModelEvaluationError(at, `unit "${u.unit}" is not on rate card "${scenario.rateCard ?? doc.rateCards[0]?.id}" nor in the scenario's creditsPerUnit`);
      }
    });
    const inputs = driverInputsOf(drivers, drivers.start ?? doc.term.start);
    try {
      // Lazy cells: the ledger reads them straight from the drivers, and nothing else of an
      // evaluation reads them (lib/engine/demand/drivers.ts, CellSource).
      return { demand: demandFromDrivers(term, inputs, { lazyCells: true }), meta: { source } };
    } catch (e) {
      if (!(e instanceof EngineInputError)) throw e;
      throw new ModelEvaluationError(fromScenario || scenario.demand?.drivers ? `$.scenarios[${index}].demand.drivers` : "$.drivers", e.message);
    }
  }
  if (source === "perPeriod") {
    const list = scenario.demand!.perPeriod!;
    const known = new Set([...versions.flatMap((v) => v.units.map((u) => u.id)), ...Object.keys(mergedClauses(doc, scenario).creditsPerUnit ?? {})]);
    const periods = term.periods.map((period, i) => {
      const row = list[i]!;
      const actions: DemandPath["periods"][number]["actions"] = {};
      for (const [unit, count] of Object.entries(row.actions ?? {})) {
        if (!known.has(unit)) throw new ModelEvaluationError(`$.scenarios[${index}].demand.perPeriod[${i}].actions.${unit}`, `unit "${unit}" is not on rate card "${scenario.rateCard ?? doc.rateCards[0]?.id}" nor in the scenario's creditsPerUnit`);
        actions[unit] = { production: dec(count), nonProduction: new Decimal(0) };
      }
      return { period, actions, directCredits: dec(row.credits ?? 0) };
    });
    return { demand: { granularity: term.granularity, periods }, meta: { source } };
  }
  if (!fit) throw new ModelEvaluationError(`$.scenarios[${index}].demand.source`, "no observed burn in the document");
  const band = scenario.demand?.band ?? "point";
  let creditsPerUnit = new Decimal(1);
  if (fit.series.quantity === "amount") {
    // Spend converts at the list price the observations were billed at: the version in force when
    // the series starts (or the earliest one, for a series older than the card).
    const sorted = sortVersions(versions);
    const version = versionAt(sorted, fit.series.start) ?? sorted[0]!;
    const price = pricePerCredit(version.creditPrice);
    if (price === null || price.isZero()) {
      throw new ModelEvaluationError(
        `$.scenarios[${index}].demand.source`,
        `observed burn is in ${doc.case.currency} but rate card version "${version.id}" gives no price per credit to convert it to credits`,
      );
    }
    creditsPerUnit = new Decimal(1).div(price);
  }
  return {
    demand: demandFromBurn(fit, term, { band, creditsPerUnit }),
    meta: { source, band, creditsPerBurnUnit: creditsPerUnit },
  };
}

/** Evaluates an already validated document; returns Decimals (see evaluateModel for JSON). */
export function evaluateParsedModel(doc: ModelDocumentParsed): ModelResultRaw {
  const term = termOf(doc);
  const series = burnSeriesOf(doc);
  let fit: BurnFit | undefined;
  if (series) {
    try {
      const level = doc.observedBurn?.intervalLevelPct;
      fit = fitBurn(series, {
        ...(level ? { level: level / 100 } : {}),
        unitLabel: series.quantity === "credits" ? "credits" : doc.case.currency,
      });
    } catch (e) {
      if (!(e instanceof EngineInputError)) throw e;
      throw new ModelEvaluationError("$.observedBurn", e.message);
    }
  }
  const contexts: ScenarioContext[] = [];
  // Scenarios that differ only in clauses have the same demand: computed once, shared read-only.
  const demandByDrivers = new Map<string, ReturnType<typeof scenarioDemand>>();
  const scenarios: ScenarioOut[] = doc.scenarios.map((scenario, index) => {
    const card = rateCardOf(doc, scenario.rateCard);
    const fromDrivers = (scenario.demand?.source ?? "drivers") === "drivers";
    // The unit check in scenarioDemand depends on the card and negotiated units, so they are part of the key.
    const key = fromDrivers
      ? JSON.stringify([mergedDrivers(doc, scenario) ?? null, scenario.rateCard ?? null, mergedClauses(doc, scenario).creditsPerUnit ?? null])
      : null;
    let computed = key === null ? undefined : demandByDrivers.get(key);
    if (!computed) {
      computed = scenarioDemand(doc, scenario, index, term, fit, card.versions);
      if (key !== null) demandByDrivers.set(key, computed);
    }
    const { demand, meta } = computed;
    const perUser = perUserOf(doc, scenario);
    const assumptions = assumptionsOf(doc, scenario);
    const input: LedgerInput = {
      demand,
      rateCard: card.versions,
      terms: contractTermsOf(mergedClauses(doc, scenario), doc.term.start),
      ...(perUser ? { perUser } : {}),
      ...(assumptions ? { assumptions } : {}),
    };
    let ledger: LedgerResult;
    try {
      ledger = evaluateLedger(input);
    } catch (e) {
      ledgerError(doc, scenario, index, e);
    }
    contexts.push({ scenario, input, drivers: (scenario.demand?.source ?? "drivers") === "drivers" ? (mergedDrivers(doc, scenario) ?? null) : null, ledger });
    return {
      id: scenario.id,
      name: scenario.name,
      ...(scenario.description ? { description: scenario.description } : {}),
      rateCard: { id: card.id, versions: card.versions.map((v) => v.id) },
      demand: meta,
      rows: ledger.rows,
      // clauses that change no figure, at their place in the document
      summary: { ...ledger.summary, warnings: ledger.summary.warnings.map((w) => ({ path: clausePath(doc, scenario, index, w.at), message: w.message })) },
    };
  });
  const first = scenarios[0];
  const comparison: ComparisonRow[] = scenarios.map((s) => ({
    id: s.id,
    name: s.name,
    totalCost: s.summary.totalCost,
    unservedCost: s.summary.unservedCost,
    costToServe: s.summary.costToServe,
    costVsFirst:
      s.summary.costToServe !== null && first?.summary.costToServe != null ? s.summary.costToServe.minus(first.summary.costToServe) : null,
    demandCredits: s.summary.demandCredits,
    unservedCredits: s.summary.unservedCredits,
    exhaustionDate: s.summary.exhaustion?.date ?? null,
    priceUnpinned: s.summary.priceUnpinned,
  }));
  let analysis: AnalysisOut | undefined;
  try {
    analysis = runAnalysis(doc, term, contexts);
  } catch (e) {
    if (e instanceof AnalysisReferenceError) throw new ModelEvaluationError(e.path, e.detail);
    if (e instanceof AnalysisInputError) throw new ModelEvaluationError(e.path, e.message);
    if (e instanceof EngineInputError) throw new ModelEvaluationError("$.analysis", e.message);
    throw e;
  }
  return {
    version: 1,
    case: doc.case,
    term: { start: doc.term.start, granularity: term.granularity, periods: term.periods },
    ...(fit ? { observedBurn: burnOut(doc, fit) } : {}),
    scenarios,
    comparison,
    ...(analysis ? { analysis } : {}),
  };
}

/**
 * Validates and evaluates a model document (already parsed from JSON). Throws ModelDocumentError
 * listing every invalid field, or ModelEvaluationError when a valid document cannot be evaluated.
 */
export function evaluateModel(doc: unknown): ModelResult {
  const parsed = parseModelDocument(doc);
  if (!parsed.ok) throw new ModelDocumentError(parsed.issues);
  return serialise(evaluateParsedModel(parsed.doc));
}
