// Saved scenarios side by side on ONE demand: the forecast of record's (the default), or one chosen
// scenario's. Evaluated by a job and stored under the key of its inputs; the page reads the stored
// result or shows that it is being computed.
import { createHash } from "node:crypto";
import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { Scenario } from "@/lib/db/schema/contracts";
import { scenarioComparisons } from "@/lib/db/schema/forecasts";
import { enqueue, type JobInfo } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import { buildModelDocument } from "@/lib/workbench/model";
import type { WorkspaceCtx } from "../context";
import { DomainError, notFound } from "../errors";
import { listScenarios } from "../scenarios/list";
import { evaluateDocument } from "../scenarios/evaluate";
import { availability, demandOf, documentOnBasis, resolveBasis } from "./compute";
import { loadForecastInputs, systemCtx, todayIso, type ForecastInputs } from "./inputs";
import type { ComparisonResult } from "./types";

export interface ComparisonRequest {
  contractId: string;
  /** saved scenarios in column order (the first is the baseline) */
  scenarioIds: string[];
  /** "forecast": the forecast of record's demand; otherwise the id of the scenario whose demand every column takes */
  demand: string;
}

type ScenarioDemand = { source?: "drivers" | "observedBurn"; band?: "point" | "low" | "high"; drivers?: Record<string, unknown> };

/** How a scenario's own demand reads, for the page's choice and its label. */
export function scenarioDemandLabel(s: Pick<Scenario, "name" | "doc">): string {
  const d = (s.doc as { demand?: ScenarioDemand }).demand;
  const source = d?.source ?? "drivers";
  if (source === "observedBurn") return `"${s.name}": the observed trend${d?.band && d.band !== "point" ? ` (${d.band} edge of its band)` : ""}`;
  const changed = Object.keys(d?.drivers ?? {});
  return `"${s.name}": the drivers${changed.length ? `, with its own ${changed.join(", ")}` : ""}`;
}

interface Prepared {
  inputs: ForecastInputs;
  key: string;
  scenarios: Scenario[];
  demand: ComparisonResult["demand"];
}

async function prepare(ctx: WorkspaceCtx, req: ComparisonRequest, today: string): Promise<Prepared | null> {
  const inputs = await loadForecastInputs(ctx, req.contractId, today);
  if (!inputs) return null;
  const all = await listScenarios(ctx, req.contractId);
  const scenarios = req.scenarioIds.map((id) => all.find((s) => s.id === id));
  if (scenarios.some((s) => !s)) throw notFound("Scenario");
  let demand: ComparisonResult["demand"];
  if (req.demand === "forecast") {
    const { basis } = resolveBasis(inputs.contract.forecastBasis, availability(inputs.bundle));
    if (!basis) throw new DomainError("invalid", "There is no forecast of record to compare on yet: import observed burn, or enter demand drivers on the Terms tab.");
    demand = { kind: "forecast", basis };
  } else {
    const s = all.find((x) => x.id === req.demand);
    if (!s) throw notFound("Scenario");
    demand = { kind: "scenario", scenarioId: s.id, scenarioName: s.name, label: scenarioDemandLabel(s) };
  }
  const key = createHash("sha256")
    .update(JSON.stringify({ forecast: inputs.key, demand, scenarios: (scenarios as Scenario[]).map((s) => ({ id: s.id, version: s.version, doc: s.doc })) }))
    .digest("hex")
    .slice(0, 40);
  return { inputs, key, scenarios: scenarios as Scenario[], demand };
}

/** Every column on the chosen demand, by the engine. */
export function evaluateComparison(p: Prepared): ComparisonResult {
  const docs = p.scenarios.map((s) => ({ id: s.id, name: s.name, doc: s.doc }));
  let doc;
  if (p.demand.kind === "forecast") {
    const demand = demandOf(p.demand.basis);
    doc = documentOnBasis(p.inputs, p.demand.basis, docs.map((s) => ({ ...s, doc: { ...s.doc, demand } })));
  } else {
    const chosen = p.scenarios.find((s) => s.id === (p.demand as { scenarioId: string }).scenarioId)!;
    const demand = (chosen.doc as { demand?: ScenarioDemand }).demand ?? { source: "drivers" as const };
    doc = buildModelDocument({ ...p.inputs.bundle, scenarios: docs.map((s) => ({ ...s, doc: { ...s.doc, demand } as never })) });
  }
  const result = evaluateDocument(doc);
  return { demand: p.demand, asOf: p.inputs.today, scenarios: result.scenarios, comparison: result.comparison };
}

export type ComparisonView =
  | { state: "ready"; result: ComparisonResult; computedAt: string }
  | { state: "pending"; demand: ComparisonResult["demand"] }
  | { state: "unavailable"; message: string; demand: ComparisonResult["demand"] | null };

/**
 * The stored comparison for these inputs, or "pending" after asking for it (once: the job is keyed
 * by the inputs). Readable by viewers: it only reads, and the job it asks for writes derived figures.
 */
export async function getComparison(ctx: WorkspaceCtx, req: ComparisonRequest, options: { today?: string } = {}): Promise<ComparisonView> {
  const today = options.today ?? todayIso();
  let p: Prepared | null;
  try {
    p = await prepare(ctx, req, today);
  } catch (e) {
    if (e instanceof DomainError && e.code === "invalid") return { state: "unavailable", message: e.message, demand: null };
    throw e;
  }
  if (!p) throw notFound("Contract");
  const [row] = await ctx.db
    .select()
    .from(scenarioComparisons)
    .where(and(eq(scenarioComparisons.contractId, req.contractId), eq(scenarioComparisons.workspaceId, ctx.workspace.id), eq(scenarioComparisons.key, p.key)));
  if (row?.status === "ready" && row.result) return { state: "ready", result: row.result, computedAt: row.computedAt!.toISOString() };
  if (row?.status === "unavailable") return { state: "unavailable", message: row.message ?? "These scenarios cannot be evaluated.", demand: p.demand };
  if (!row) {
    await ctx.db.insert(scenarioComparisons).values({ contractId: req.contractId, workspaceId: ctx.workspace.id, key: p.key }).onConflictDoNothing();
    await enqueue(ctx.db, QUEUES.comparisonCompute.name, { workspaceId: ctx.workspace.id, ...req, key: p.key, today }, { singletonKey: `${req.contractId}:${p.key}` });
  }
  return { state: "pending", demand: p.demand };
}

export interface ComparisonJobData extends ComparisonRequest {
  workspaceId: string;
  key: string;
  today: string;
}

/** The job: evaluates the comparison on the inputs as they are now and stores it under their key. */
export async function runComparisonJob(db: Db, data: ComparisonJobData, job?: JobInfo): Promise<void> {
  const ctx = systemCtx(db, data.workspaceId);
  const where = and(eq(scenarioComparisons.contractId, data.contractId), eq(scenarioComparisons.workspaceId, data.workspaceId), eq(scenarioComparisons.key, data.key));
  try {
    const p = await prepare(ctx, data, data.today);
    if (!p) return;
    // Inputs changed since the page asked: that page's next view asks under the new key.
    if (p.key !== data.key) {
      await db.delete(scenarioComparisons).where(and(where, ne(scenarioComparisons.status, "ready")));
      return;
    }
    const result = evaluateComparison(p);
    await db.update(scenarioComparisons).set({ status: "ready", result, message: null, computedAt: sql`now()` }).where(where);
  } catch (e) {
    if (e instanceof DomainError) {
      await db.update(scenarioComparisons).set({ status: "unavailable", message: e.message, computedAt: sql`now()` }).where(where);
      return;
    }
    if (!job || job.retryCount >= job.retryLimit) {
      await db.update(scenarioComparisons).set({ status: "unavailable", message: "The comparison could not be computed because of a problem on our side.", computedAt: sql`now()` }).where(where);
    }
    throw e;
  } finally {
    // Comparisons of inputs long replaced are of no use to anyone.
    await db.delete(scenarioComparisons).where(and(eq(scenarioComparisons.contractId, data.contractId), lt(scenarioComparisons.createdAt, sql`now() - interval '30 days'`))).catch(() => {});
  }
}
