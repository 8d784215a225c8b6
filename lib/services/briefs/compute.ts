import { randomInt } from "node:crypto";
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { composeBrief } from "@/lib/brief/compose";
import { evaluateBriefDocument, type UsageRowInput } from "@/lib/brief/document";
import type { BriefSettings } from "@/lib/db/schema/briefs";
import { burnRows } from "@/lib/db/schema/burn";
import { ModelDocumentError, ModelEvaluationError } from "@/lib/engine/model/evaluate";
import type { WorkspaceCtx } from "../context";
import { isUuid } from "../context";
import { invalid, notFound } from "../errors";
import { burnPeriodStart, loadContractBundle } from "../contracts/load-bundle";
import { renewalStartOf } from "../contracts/renewal";
import { todayIso, trailingPartialPeriod } from "../forecast/inputs";
import type { briefSettingsInput } from "./schema";

/** Usage rows for the burn diagnostics: per period of the contract's granularity, agent, unit and environment. */
async function loadUsage(ctx: WorkspaceCtx, contractId: string, granularity: "month" | "week"): Promise<UsageRowInput[]> {
  const period = burnPeriodStart(granularity);
  const rows = await ctx.db
    .select({
      period,
      agent: burnRows.agent,
      unit: burnRows.unit,
      environment: sql<"production" | "nonProduction">`coalesce(${burnRows.environment}, 'production')`,
      actions: sql<string | null>`sum(${burnRows.actions})::text`,
      credits: sql<string>`sum(${burnRows.credits})::text`,
    })
    .from(burnRows)
    .where(and(eq(burnRows.workspaceId, ctx.workspace.id), eq(burnRows.contractId, contractId), isNotNull(burnRows.credits), isNotNull(burnRows.agent)))
    .groupBy(period, burnRows.agent, burnRows.unit, sql`coalesce(${burnRows.environment}, 'production')`)
    .orderBy(asc(period), asc(burnRows.agent));
  return rows.map((r) => ({
    period: r.period,
    agent: r.agent ?? "",
    ...(r.unit ? { unit: r.unit } : {}),
    environment: r.environment,
    ...(r.actions !== null ? { actions: r.actions } : {}),
    credits: r.credits,
  }));
}

export function settingsOf(input: z.output<typeof briefSettingsInput>): BriefSettings {
  return {
    roles: { vendor: input.vendorScenarioId, asks: input.asksScenarioId, walkAway: input.walkAwayScenarioId ?? null },
    ...(input.horizonStart === "renewal" ? { horizonStart: "renewal" as const } : {}),
    horizonPeriods: input.horizonPeriods,
    seed: input.seed ?? randomInt(0, 2147483647),
    paths: input.paths,
  };
}

/** Everything a brief version is computed from, read in one snapshot (see create.ts). */
export type BriefInputs = Awaited<ReturnType<typeof loadBriefInputs>>;

/**
 * Reads the contract, its rate card version, the chosen scenarios and the observed burn as they are
 * now, and checks what can be checked without the engine.
 */
export async function loadBriefInputs(ctx: WorkspaceCtx, contractId: string, settings: BriefSettings, today = todayIso()) {
  const ids = [settings.roles.vendor, settings.roles.asks, ...(settings.roles.walkAway ? [settings.roles.walkAway] : [])];
  if (!ids.every(isUuid)) throw notFound("Scenario");
  const loaded = await loadContractBundle(ctx, contractId, { scenarios: ids });
  if (loaded.scenarios.length !== ids.length) throw notFound("Scenario");
  let usage = await loadUsage(ctx, loaded.contract.id, loaded.contract.granularity);
  // A trailing period the rows do not cover to its end is left out of the trend and the
  // diagnostics, and the brief says so.
  let bundle = loaded.bundle;
  const partialPeriod = trailingPartialPeriod(bundle.burn, loaded.contract.granularity, today);
  if (partialPeriod) {
    bundle = { ...bundle, burn: bundle.burn.slice(0, -1) };
    usage = usage.filter((u) => u.period !== partialPeriod.start);
  }
  const startsOn = settings.horizonStart === "renewal" ? renewalStartOf(loaded.contract, loaded.scenarios, "horizonStart", "start the horizon at the term start") : null;
  return { loaded, bundle, usage, partialPeriod, startsOn, today };
}

/**
 * Evaluates the brief's document with the engine (the Monte Carlo runs here) and composes the
 * content of version `version`. Pure CPU: never call it inside a transaction that holds a lock.
 */
export function computeBriefFromInputs(inputs: BriefInputs, settings: BriefSettings, meta: { title: string; version: number; preparedBy: string | null }) {
  const { loaded, bundle, usage, partialPeriod, startsOn } = inputs;
  const options = { horizonPeriods: settings.horizonPeriods, seed: settings.seed, paths: settings.paths, startsOn };
  let evaluated;
  try {
    evaluated = evaluateBriefDocument(bundle, settings.roles, options, usage);
  } catch (e) {
    if (e instanceof ModelEvaluationError) throw invalid(`The brief cannot be computed: ${e.path}: ${e.detail}`, { [e.path]: [e.detail] });
    if (e instanceof ModelDocumentError) throw invalid(`The brief cannot be computed: ${e.issues[0]?.path}: ${e.issues[0]?.message}`);
    throw e;
  }
  const v = loaded.rateCardVersion;
  const content = composeBrief(evaluated.doc, evaluated.result, settings.roles, options, {
    title: meta.title,
    vendor: loaded.vendor.name,
    contractName: loaded.contract.name,
    currency: loaded.contract.currency,
    preparedOn: inputs.today,
    // The display name only: a brief can be shared outside the workspace, an e-mail address should not travel with it.
    preparedBy: meta.preparedBy,
    version: meta.version,
    renewalDate: loaded.contract.renewalDate,
    noticeDays: loaded.contract.noticeDays,
    rateCardVersion: { id: v.id, label: `${loaded.rateCard.name} v${v.versionNo}`, effectiveFrom: v.effectiveFrom },
    partialPeriod,
  }, evaluated.position?.result ?? null);
  return { loaded, document: evaluated.doc, positionDocument: evaluated.position?.doc ?? null, content };
}
