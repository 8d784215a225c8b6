// The model document's `analysis` part: builds the Monte Carlo cases of its scenarios and runs what
// the document asks for (percentiles, ask values, alternatives, commitment sizing, diagnostics).
// Called by evaluateParsedModel with each scenario's deterministic ledger input; returns Decimals.
import Decimal from "@/lib/engine/decimal";
import { demandFromDrivers } from "@/lib/engine/demand/drivers";
import { evaluateLedger } from "@/lib/engine/ledger/evaluate";
import { compileContractPlan, type ContractPlan } from "@/lib/engine/ledger/plan";
import type { ContractTerms, LedgerInput, LedgerResult } from "@/lib/engine/ledger/types";
import { pricePerCredit, sortVersions, versionAt } from "@/lib/engine/ratecard";
import type { DemandPath } from "@/lib/engine/types";
import { contractTermsOf, dec, perUserOf, rateCardOf, rolloverOf, type ModelTerm } from "@/lib/engine/model/map";
import type { DriversDocParsed, ModelDocumentParsed, ScenarioDocParsed } from "@/lib/engine/model/schema";
import { packsAtListTerms, perUserWalkAway, type PerUserWalkAway } from "@/lib/engine/analysis/alternatives";
import { AskInputError, valueAsks, type Ask, type AskValuation } from "@/lib/engine/analysis/asks";
import { EngineInputError } from "@/lib/engine/errors";
import { askClausePath } from "@/lib/engine/model/paths";
import { sizeCommitment, type CommitmentResult } from "@/lib/engine/analysis/commitment";
import { diagnoseUsage, type DiagnosticsResult } from "@/lib/engine/analysis/diagnostics";
import { compileFastLedger } from "@/lib/engine/analysis/fastledger";
import { nearestRank } from "@/lib/engine/analysis/quantiles";
import { runMonteCarlo, type MonteCarloResult, type ScenarioCase, type ScenarioMonteCarlo } from "@/lib/engine/analysis/montecarlo";
import { compileDemandSampler, constantSampler, drawPaths, driverInputsForPath, likelyDraws, type DemandSampler, type Draws } from "@/lib/engine/analysis/ranges";

/** One scenario as evaluated deterministically. */
export interface ScenarioContext {
  scenario: ScenarioDocParsed;
  input: LedgerInput;
  /** merged drivers when demand comes from drivers */
  drivers: DriversDocParsed | null;
  ledger: LedgerResult;
}

type McOut = Omit<MonteCarloResult, "scenarios"> & { scenarios: Omit<ScenarioMonteCarlo, "pathTotals" | "pathOrder">[] };

export interface AnalysisOut {
  monteCarlo?: McOut;
  asks?: AskValuation & { vendorScenario: string };
  alternatives?: {
    scenario: string;
    perUser: PerUserWalkAway | null;
    packsAtList: { rule: string; totalCost: ScenarioMonteCarlo["totalCost"]; meanTotalCost: Decimal | null } | null;
    /** scenario cost to serve − packs-at-list cost to serve per percentile: negative means the scenario beats doing nothing */
    scenarioVsPacksAtList: { pct: number; difference: Decimal | null }[];
  };
  commitment?: CommitmentResult & { baseScenario: string };
  diagnostics?: DiagnosticsResult;
}

/** An engine input error met while running the analysis, with the document path of the field at fault. */
export class AnalysisInputError extends EngineInputError {
  override name = "AnalysisInputError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** An analysis names a scenario the document does not have; `path` points at the name. */
export class AnalysisReferenceError extends Error {
  override name = "AnalysisReferenceError";
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** The per-path totals stay inside the engine: they are not part of the result. */
function strip(s: ScenarioMonteCarlo): Omit<ScenarioMonteCarlo, "pathTotals" | "pathOrder"> {
  const rest: Partial<ScenarioMonteCarlo> = { ...s };
  delete rest.pathTotals;
  delete rest.pathOrder;
  return rest as Omit<ScenarioMonteCarlo, "pathTotals" | "pathOrder">;
}

export function runAnalysis(doc: ModelDocumentParsed, term: ModelTerm, contexts: readonly ScenarioContext[]): AnalysisOut | undefined {
  const a = doc.analysis;
  if (!a) return undefined;
  const mc = a.monteCarlo;
  const draws: Draws = mc ? drawPaths(mc.paths, mc.seed) : likelyDraws();
  const periods = term.periods;
  const pcts = mc?.percentiles ?? [10, 50, 90];
  const byId = new Map(contexts.map((c) => [c.scenario.id, c]));
  const ctxOf = (id: string | undefined, path: string): ScenarioContext => {
    const ctx = id === undefined ? contexts[0] : byId.get(id);
    if (!ctx) throw new AnalysisReferenceError(path, `no scenario with id "${id}"`);
    return ctx;
  };

  // Scenarios that differ only in clauses have equal drivers, hence the same exact demand per path.
  const driverKeys = new Map<ScenarioContext, string>();
  const driversKeyOf = (ctx: ScenarioContext, drivers: DriversDocParsed): string => {
    let key = driverKeys.get(ctx);
    if (key === undefined) {
      key = JSON.stringify(drivers);
      driverKeys.set(ctx, key);
    }
    return key;
  };
  // One exact demand is kept, the last one built. Its users read it without the per-unit rows, so
  // its cells are lazy (demandFromDrivers' lazyCells): the ledger reads them straight from the
  // drivers into its registers instead of building a Decimal per unit, period and environment.
  // Its users ask for the same path in a row: Monte Carlo groups its re-runs by drivers and path
  // (ScenarioCase.exactKey), ask valuation works point by point.
  let lastDemand: { key: string; demand: DemandPath } | null = null;
  const exactDemand = (ctx: ScenarioContext, path: number): DemandPath => {
    if (!ctx.drivers) return ctx.input.demand;
    const key = `${driversKeyOf(ctx, ctx.drivers)}#${path}`;
    if (lastDemand?.key !== key) {
      lastDemand = null; // free the previous demand before the next is built
      lastDemand = { key, demand: demandFromDrivers(term, driverInputsForPath(ctx.drivers, ctx.drivers.start ?? doc.term.start, draws, path), { lazyCells: true }) };
    }
    return lastDemand.demand;
  };
  const samplers = new Map<string, DemandSampler>();
  const samplerFor = (ctx: ScenarioContext, terms: ContractTerms): DemandSampler => {
    if (!ctx.drivers) return constantSampler(ctx.input.demand, ctx.input.rateCard, terms);
    // Demand depends on the drivers, the rate card and the per-unit clauses only: scenarios that
    // agree on those share a sampler and so their sampled paths.
    const key = JSON.stringify([ctx.drivers, ctx.scenario.rateCard ?? null, terms.creditsPerUnit ?? null, terms.environmentMultipliers ?? null]);
    let s = samplers.get(key);
    if (!s) {
      s = compileDemandSampler(ctx.drivers, term, ctx.drivers.start ?? doc.term.start, ctx.input.rateCard, terms);
      samplers.set(key, s);
    }
    return s;
  };
  const caseFor = (ctx: ScenarioContext, terms: ContractTerms, id: string, name: string): ScenarioCase => {
    const sampler = samplerFor(ctx, terms);
    const input: LedgerInput = { ...ctx.input, terms };
    const deterministic = terms === ctx.input.terms && (!ctx.drivers || !sampler.uncertain);
    // The contract plan of the re-runs depends on the periods, rate card and terms only: compiled
    // once for all of this case's re-runs (the demand paths have the term's periods).
    let plan: ContractPlan | null = null;
    const planOf = (): ContractPlan =>
      (plan ??= compileContractPlan({ periods, rateCard: input.rateCard, terms, ...(input.assumptions ? { assumptions: input.assumptions } : {}) }));
    return {
      id,
      name,
      sampler,
      fast: compileFastLedger({ periods, rateCard: input.rateCard, terms, ...(input.assumptions ? { assumptions: input.assumptions } : {}) }),
      // Monte Carlo reads only the summary of a re-run: no per-unit rows.
      exact: (path) =>
        deterministic
          ? ctx.ledger
          : evaluateLedger({ ...input, demand: exactDemand(ctx, sampler.uncertain ? path : 0), options: { ...input.options, unitBreakdown: false } }, planOf()),
      ...(!deterministic && ctx.drivers ? { exactKey: driversKeyOf(ctx, ctx.drivers) } : {}),
    };
  };
  const mcCache = new Map<string, ScenarioMonteCarlo>();
  const mcOptions = { percentiles: pcts, band: mc?.band ?? true };
  const mcOf = (ctx: ScenarioContext): ScenarioMonteCarlo => {
    let r = mcCache.get(ctx.scenario.id);
    if (!r) {
      r = runMonteCarlo([caseFor(ctx, ctx.input.terms, ctx.scenario.id, ctx.scenario.name)], draws, periods, mcOptions).scenarios[0]!;
      mcCache.set(ctx.scenario.id, r);
    }
    return r;
  };

  const out: AnalysisOut = {};
  if (mc) {
    const chosen = mc.scenarios ? mc.scenarios.map((id, i) => ctxOf(id, `$.analysis.monteCarlo.scenarios[${i}]`)) : contexts;
    // One run for all of them, so that their exact re-runs are grouped (see exactDemand).
    const todo = [...new Map(chosen.map((ctx) => [ctx.scenario.id, ctx])).values()];
    let pairedBy: number | undefined;
    if (mc.pairedBy !== undefined) {
      const lead = ctxOf(mc.pairedBy, "$.analysis.monteCarlo.pairedBy");
      pairedBy = todo.indexOf(lead);
      if (pairedBy < 0) throw new AnalysisReferenceError("$.analysis.monteCarlo.pairedBy", `scenario "${mc.pairedBy}" is not among the simulated scenarios`);
    }
    const run = runMonteCarlo(
      todo.map((ctx) => caseFor(ctx, ctx.input.terms, ctx.scenario.id, ctx.scenario.name)),
      draws,
      periods,
      { ...mcOptions, ...(pairedBy !== undefined ? { pairedBy } : {}) },
    );
    run.scenarios.forEach((r, i) => mcCache.set(todo[i]!.scenario.id, r));
    const scenarios = chosen.map((ctx) => mcOf(ctx));
    out.monteCarlo = { ...run, scenarios: scenarios.map(strip) };
  }

  if (a.asks) {
    const vendor = ctxOf(a.asks.vendorScenario, "$.analysis.asks.vendorScenario");
    const vendorMc = mcOf(vendor);
    const askPcts = a.asks.percentiles ?? [50, 90];
    const order = (pct: number) => vendorMc.pathOrder[nearestRank(pct, vendorMc.pathOrder.length)]!;
    const points = askPcts.map((pct) => {
      const path = order(pct);
      return {
        pct,
        path,
        // ask valuation reads only total costs: no per-unit rows
        evaluate: (terms: ContractTerms) =>
          evaluateLedger({ ...vendor.input, demand: exactDemand(vendor, path), terms, options: { ...vendor.input.options, unitBreakdown: false } }),
      };
    });
    const asks: Ask[] = a.asks.asks.map((ask) => {
      const clauses: Partial<ContractTerms> = contractTermsOf(ask.clauses, doc.term.start);
      // contractTermsOf always fills termStart; an ask that does not move it must not replace the vendor's.
      if (ask.clauses.termStart === undefined) delete clauses.termStart;
      return { id: ask.id, name: ask.name, clauses };
    });
    try {
      out.asks = { vendorScenario: vendor.scenario.id, ...valueAsks(vendor.input.terms, asks, points) };
    } catch (e) {
      if (!(e instanceof AskInputError)) throw e;
      const index = contexts.indexOf(vendor);
      throw new AnalysisInputError(askClausePath(doc, vendor.scenario, index, e.ask, e.at), e.ask === "all" ? `with every ask applied: ${e.message}` : e.message);
    }
  }

  if (a.alternatives) {
    const ctx = ctxOf(a.alternatives.scenario ?? a.asks?.vendorScenario, a.alternatives.scenario ? "$.analysis.alternatives.scenario" : "$.analysis.asks.vendorScenario");
    const scenarioMc = mcOf(ctx);
    const perUserTerms = a.alternatives.perUser ? perUserOf({ ...doc, perUser: a.alternatives.perUser }, { ...ctx.scenario, perUser: undefined }) : perUserOf(doc, ctx.scenario);
    const summary = ctx.ledger.summary;
    const creditsPerAction = summary.actionsDemanded.isZero() ? null : summary.demandCredits.div(summary.actionsDemanded);
    const perUser = perUserTerms
      ? perUserWalkAway({
          perUser: perUserTerms,
          periods,
          granularity: term.granularity,
          rateCard: ctx.input.rateCard,
          currency: doc.case.currency,
          creditsPerAction,
          // consumption at what it costs to serve the demand: per-user pricing serves all of it
          consumption: scenarioMc.totalCost.map((p) => ({ pct: p.pct, totalCost: p.costToServe, actionsDemanded: p.actionsDemanded })),
        })
      : null;
    let packs: NonNullable<AnalysisOut["alternatives"]>["packsAtList"] = null;
    if (a.alternatives.packsAtList ?? true) {
      const terms = packsAtListTerms(ctx.input.rateCard, ctx.input.terms.termStart ?? doc.term.start);
      const r = runMonteCarlo([caseFor(ctx, terms, "packs-at-list", "Buy packs at list when needed")], draws, periods, { percentiles: pcts, band: false }).scenarios[0]!;
      packs = {
        rule: "No commitment, no discount, no pin: credits bought in the rate card's own packs (or per credit) at list price whenever the balance runs out, on the same demand paths.",
        totalCost: r.totalCost,
        meanTotalCost: r.meanTotalCost,
      };
    }
    out.alternatives = {
      scenario: ctx.scenario.id,
      perUser,
      packsAtList: packs,
      scenarioVsPacksAtList: scenarioMc.totalCost.map((p, j) => {
        const floor = packs?.totalCost[j]?.costToServe ?? null;
        return { pct: p.pct, difference: p.costToServe === null || floor === null ? null : p.costToServe.sub(floor) };
      }),
    };
  }

  if (a.commitment) {
    const c = a.commitment;
    const ctx = ctxOf(c.baseScenario, "$.analysis.commitment.baseScenario");
    const sampler = samplerFor(ctx, ctx.input.terms);
    const n = periods.length;
    const demand = new Float64Array(draws.paths * n);
    const actions = new Float64Array(draws.paths * n);
    const row = new Float64Array(n);
    const acts = new Float64Array(n);
    for (let k = 0; k < draws.paths; k++) {
      sampler.sample(draws, k, row, acts);
      demand.set(row, k * n);
      actions.set(acts, k * n);
    }
    const result = sizeCommitment({
      periods,
      rateCard: ctx.input.rateCard,
      baseTerms: ctx.input.terms,
      ...(ctx.input.assumptions ? { assumptions: ctx.input.assumptions } : {}),
      demand,
      actions,
      paths: draws.paths,
      spec: {
        cadence: c.cadence,
        ...(c.anchor ? { anchor: c.anchor } : {}),
        prepayPricePerCredit: dec(c.prepayPricePerCredit),
        ...(c.spotPricePerCredit !== undefined ? { spotPricePerCredit: dec(c.spotPricePerCredit) } : {}),
        ...(c.rollover ? { rollover: rolloverOf(c.rollover) } : {}),
        ...(c.packCredits !== undefined ? { packCredits: dec(c.packCredits) } : {}),
        ...(c.levels !== undefined ? { levels: c.levels } : {}),
        ...(c.maxCredits !== undefined ? { maxCredits: dec(c.maxCredits) } : {}),
      },
    });
    out.commitment = { baseScenario: ctx.scenario.id, ...result };
  }

  if (a.diagnostics && doc.usage) {
    const rows = doc.usage.map((r) => ({
      period: r.period,
      agent: r.agent,
      ...(r.unit ? { unit: r.unit } : {}),
      environment: r.environment,
      ...(r.actions !== undefined ? { actions: dec(r.actions) } : {}),
      credits: dec(r.credits),
    }));
    let price: Decimal | null = a.diagnostics.pricePerCredit === undefined ? null : dec(a.diagnostics.pricePerCredit);
    if (price === null) {
      const last = rows.reduce((m, r) => (r.period > m ? r.period : m), rows[0]?.period ?? doc.term.start);
      const versions = sortVersions(rateCardOf(doc, undefined).versions);
      const v = versionAt(versions, last) ?? versions[0]!;
      price = pricePerCredit(v.creditPrice);
    }
    const multipliers = contractTermsOf(doc.contract ?? {}, doc.term.start).environmentMultipliers;
    out.diagnostics = diagnoseUsage(rows, {
      pricePerCredit: price,
      currency: doc.case.currency,
      ...(a.diagnostics.thresholds ? { thresholds: a.diagnostics.thresholds } : {}),
      ...(multipliers ? { environmentMultipliers: multipliers } : {}),
    });
  }
  return out;
}

