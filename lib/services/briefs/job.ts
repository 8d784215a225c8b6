// Briefs are computed by a job (the Monte Carlo takes seconds): the builder asks for one, polls its
// progress and opens the result. The request checks what it can at once (role, scenarios, settings);
// the job checks the role again when it runs, as the user who asked.
import { and, eq, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/auth";
import { briefs, briefVersions } from "@/lib/db/schema/briefs";
import { briefJobs, type BriefJob } from "@/lib/db/schema/forecasts";
import { enqueue, type JobInfo } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import { inTransaction, isUuid, requireRole, resolveWorkspace, type WorkspaceCtx } from "../context";
import { DomainError, notFound } from "../errors";
import { getContractOrThrow } from "../contracts/get";
import { listScenarios } from "../scenarios/list";
import { settingsOf } from "./compute";
import { BriefJobAlreadyDone, createBriefFromSettings, createBriefVersionFrom } from "./create";
import { createBriefInput, newVersionInput } from "./schema";

export interface BriefJobView {
  id: string;
  kind: "create" | "version";
  status: BriefJob["status"];
  stage: string;
  progressPct: number;
  error: string | null;
  fieldErrors: Record<string, string[]> | null;
  briefId: string | null;
  version: number | null;
}

function view(j: BriefJob): BriefJobView {
  return { id: j.id, kind: j.kind, status: j.status, stage: j.stage, progressPct: j.progressPct, error: j.error, fieldErrors: j.fieldErrors ?? null, briefId: j.briefId, version: j.resultVersion };
}

async function checkScenarios(ctx: WorkspaceCtx, contractId: string, ids: (string | null)[]) {
  const known = new Set((await listScenarios(ctx, contractId)).map((s) => s.id));
  for (const id of ids) if (id !== null && !known.has(id)) throw notFound("Scenario");
}

async function queueJob(ctx: WorkspaceCtx, values: Pick<BriefJob, "contractId" | "kind" | "briefId" | "input">) {
  return inTransaction(ctx, async (tx) => {
    const [job] = await tx.db
      .insert(briefJobs)
      .values({ ...values, workspaceId: tx.workspace.id, createdBy: tx.actor.id })
      .returning();
    if (!job) throw new Error("insert returned no row");
    await enqueue(tx.db, QUEUES.briefCompute.name, { jobId: job.id, workspaceId: tx.workspace.id });
    return view(job);
  });
}

/** Asks for a new brief; the job builds it. The seed is drawn now, so a retried job draws the same paths. */
export async function requestBrief(ctx: WorkspaceCtx, input: z.input<typeof createBriefInput>): Promise<BriefJobView> {
  requireRole(ctx, "editor");
  const parsed = createBriefInput.parse(input);
  const contract = await getContractOrThrow(ctx, parsed.contractId);
  const settings = settingsOf(parsed.settings);
  await checkScenarios(ctx, contract.id, [settings.roles.vendor, settings.roles.asks, settings.roles.walkAway]);
  return queueJob(ctx, { contractId: contract.id, kind: "create", briefId: null, input: { ...(parsed.title ? { title: parsed.title } : {}), settings } });
}

/** Asks for a new version of a brief (new settings, or the latest version's). */
export async function requestBriefVersion(ctx: WorkspaceCtx, input: z.input<typeof newVersionInput>): Promise<BriefJobView> {
  requireRole(ctx, "editor");
  const parsed = newVersionInput.parse(input);
  if (!isUuid(parsed.briefId)) throw notFound("Brief");
  const [brief] = await ctx.db.select().from(briefs).where(and(eq(briefs.id, parsed.briefId), eq(briefs.workspaceId, ctx.workspace.id)));
  if (!brief) throw notFound("Brief");
  const settings = parsed.settings ? settingsOf(parsed.settings) : null;
  if (settings) await checkScenarios(ctx, brief.contractId, [settings.roles.vendor, settings.roles.asks, settings.roles.walkAway]);
  return queueJob(ctx, { contractId: brief.contractId, kind: "version", briefId: brief.id, input: { ...(parsed.note ? { note: parsed.note } : {}), settings } });
}

/** A brief job of the caller's workspace, for the builder's progress. Readable by viewers. */
export async function getBriefJob(ctx: WorkspaceCtx, jobId: string): Promise<BriefJobView> {
  if (!isUuid(jobId)) throw notFound("Brief job");
  const [job] = await ctx.db.select().from(briefJobs).where(and(eq(briefJobs.id, jobId), eq(briefJobs.workspaceId, ctx.workspace.id)));
  if (!job) throw notFound("Brief job");
  return view(job);
}

/** The job's latest version number still stored (a brief deleted since: null). */
export async function briefJobResult(ctx: WorkspaceCtx, job: BriefJobView): Promise<{ briefId: string; version: number } | null> {
  if (job.status !== "succeeded" || !job.briefId || job.version === null) return null;
  const [row] = await ctx.db
    .select({ id: briefVersions.id })
    .from(briefVersions)
    .where(and(eq(briefVersions.briefId, job.briefId), eq(briefVersions.workspaceId, ctx.workspace.id), eq(briefVersions.version, job.version)));
  return row ? { briefId: job.briefId, version: job.version } : null;
}

const GENERIC = "The brief could not be computed because of a problem on our side. Try again; if it keeps failing, tell your administrator.";

/**
 * The job: as the user who asked (their role checked again now), reads, computes outside any
 * transaction and writes the version with the job row marked done in the same transaction. A job
 * already done (a run after a crash) changes nothing; a refusal (bad settings, a model the engine
 * cannot compute, a role lost) ends the job with the reason, without retries.
 */
export async function runBriefJob(db: Db, data: { jobId: string }, job?: JobInfo): Promise<void> {
  const [row] = await db.select().from(briefJobs).where(eq(briefJobs.id, data.jobId));
  if (!row || row.status === "succeeded" || row.status === "failed") return;
  const progress = async (stage: string, progressPct: number) => {
    await db.update(briefJobs).set({ stage, progressPct, status: "running", updatedAt: sql`now()` }).where(and(eq(briefJobs.id, row.id), ne(briefJobs.status, "succeeded")));
  };
  const fail = async (error: string, fieldErrors: Record<string, string[]> | null) => {
    await db
      .update(briefJobs)
      .set({ status: "failed", stage: "Stopped", error, fieldErrors, finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(briefJobs.id, row.id), ne(briefJobs.status, "succeeded")));
  };
  try {
    await progress("Reading the contract, its scenarios and burn", 10);
    const [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, row.createdBy ?? "00000000-0000-0000-0000-000000000000"));
    if (!user) return fail("The person who asked for this brief no longer has an account.", null);
    const ctx = await resolveWorkspace({ db, actor: user }, row.workspaceId, "editor");
    const hooks = { jobId: row.id, onStage: progress };
    const settings = row.input.settings;
    if (row.kind === "create") {
      if (!settings) throw new Error("a new brief's job carries its settings");
      await createBriefFromSettings(ctx, { contractId: row.contractId, ...(row.input.title ? { title: row.input.title } : {}), settings }, hooks);
    } else {
      await createBriefVersionFrom(ctx, { briefId: row.briefId!, note: row.input.note ?? null, settings }, hooks);
    }
  } catch (e) {
    if (e instanceof BriefJobAlreadyDone) return;
    if (e instanceof DomainError) return fail(e.message, e.fieldErrors ?? null);
    if (!job || job.retryCount >= job.retryLimit) await fail(GENERIC, null).catch(() => {});
    else await progress("Retrying after a problem", 5).catch(() => {});
    throw e;
  }
}
