import { and, eq, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import { briefs, briefVersions, type Brief, type BriefSettings } from "@/lib/db/schema/briefs";
import { briefJobs } from "@/lib/db/schema/forecasts";
import { inTransaction, isUuid, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict, notFound } from "../errors";
import { lockRateCardVersion } from "../ratecards/lock";
import { computeBriefFromInputs, loadBriefInputs, settingsOf } from "./compute";
import { createBriefInput, newVersionInput } from "./schema";

/**
 * The reads a version rests on (contract, scenarios, burn per period, usage rows) come from one
 * read-only snapshot: an import committing half-way through cannot give the trend and the
 * diagnostics different burn. The snapshot holds no row lock, and ends before the engine runs.
 */
async function inSnapshot<T>(ctx: WorkspaceCtx, fn: (tx: WorkspaceCtx) => Promise<T>): Promise<T> {
  return inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`set transaction isolation level repeatable read, read only`);
    return fn(tx);
  });
}

/** What a brief job passes in: its row (marked done in the write's own transaction) and a progress callback. */
export interface BriefJobHooks {
  jobId?: string;
  onStage?: (stage: string, progressPct: number) => Promise<void>;
}

/** A job whose result is already stored (a run after a crash or an expiry): the write is rolled back. */
export class BriefJobAlreadyDone extends Error {}

async function claimJob(tx: WorkspaceCtx, jobId: string | undefined, result: { briefId: string; version: number }) {
  if (!jobId) return;
  const done = await tx.db
    .update(briefJobs)
    .set({ status: "succeeded", stage: "Done", progressPct: 100, briefId: result.briefId, resultVersion: result.version, error: null, fieldErrors: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(briefJobs.id, jobId), eq(briefJobs.workspaceId, tx.workspace.id), ne(briefJobs.status, "succeeded")))
    .returning({ id: briefJobs.id });
  if (done.length === 0) throw new BriefJobAlreadyDone();
}

type Computed = ReturnType<typeof computeBriefFromInputs>;

async function insertVersion(tx: WorkspaceCtx, brief: Brief, version: number, settings: BriefSettings, computed: Computed, note: string | null) {
  const [row] = await tx.db
    .insert(briefVersions)
    .values({
      workspaceId: tx.workspace.id,
      briefId: brief.id,
      version,
      settings,
      rateCardVersionId: computed.loaded.rateCardVersion.id,
      burnThrough: computed.content.inputs.burnThrough,
      document: computed.document,
      positionDocument: computed.positionDocument,
      content: computed.content,
      note,
      createdBy: tx.actor.id,
    })
    .returning({ id: briefVersions.id, version: briefVersions.version });
  await lockRateCardVersion(tx, computed.loaded.rateCardVersion.id, { type: "brief", id: brief.id });
  return row!;
}

const preparedBy = (ctx: WorkspaceCtx) => ctx.actor.name?.trim() || null;

/**
 * Creates a brief and its version 1 from the contract's data as it is now: reads in a snapshot, the
 * engine outside any transaction, then one short transaction writes the brief, its version and the
 * audit row. Editors and owners.
 */
export async function createBriefFromSettings(ctx: WorkspaceCtx, input: { contractId: string; title?: string; settings: BriefSettings }, hooks: BriefJobHooks = {}) {
  requireRole(ctx, "editor");
  const { settings } = input;
  const inputs = await inSnapshot(ctx, (tx) => loadBriefInputs(tx, input.contractId, settings));
  const title = input.title || `${inputs.loaded.vendor.name} renewal: ${inputs.loaded.contract.name}`;
  await hooks.onStage?.(`Simulating ${settings.paths.toLocaleString("en-US")} demand paths per scenario`, 25);
  const computed = computeBriefFromInputs(inputs, settings, { title, version: 1, preparedBy: preparedBy(ctx) });
  await hooks.onStage?.("Saving the brief", 90);
  return inTransaction(ctx, async (tx) => {
    const [brief] = await tx.db
      .insert(briefs)
      .values({ workspaceId: tx.workspace.id, contractId: computed.loaded.contract.id, title, latestVersion: 1, createdBy: tx.actor.id })
      .returning();
    if (!brief) throw new Error("insert returned no row");
    const version = await insertVersion(tx, brief, 1, settings, computed, null);
    await claimJob(tx, hooks.jobId, { briefId: brief.id, version: 1 });
    await recordAudit(tx, { action: "brief.create", targetType: "brief", targetId: brief.id, details: { title, contractId: brief.contractId, seed: settings.seed } });
    return { brief, version };
  });
}

export async function createBrief(ctx: WorkspaceCtx, input: z.input<typeof createBriefInput>) {
  requireRole(ctx, "editor");
  const parsed = createBriefInput.parse(input);
  return createBriefFromSettings(ctx, { contractId: parsed.contractId, ...(parsed.title ? { title: parsed.title } : {}), settings: settingsOf(parsed.settings) });
}

/**
 * Adds a version to a brief: new settings, or the latest version's (scenarios, horizon, seed,
 * paths), on the contract's data as it is now. Earlier versions are never changed. The version
 * number is taken under a lock of the brief row in the short write transaction; a version made by
 * someone else meanwhile is a conflict.
 */
export async function createBriefVersionFrom(ctx: WorkspaceCtx, input: { briefId: string; note?: string | null; settings: BriefSettings | null }, hooks: BriefJobHooks = {}) {
  requireRole(ctx, "editor");
  if (!isUuid(input.briefId)) throw notFound("Brief");
  const read = await inSnapshot(ctx, async (tx) => {
    const [brief] = await tx.db.select().from(briefs).where(and(eq(briefs.id, input.briefId), eq(briefs.workspaceId, tx.workspace.id)));
    if (!brief) throw notFound("Brief");
    const [previous] = await tx.db
      .select({ settings: briefVersions.settings })
      .from(briefVersions)
      .where(and(eq(briefVersions.briefId, brief.id), eq(briefVersions.workspaceId, tx.workspace.id), eq(briefVersions.version, brief.latestVersion)));
    const settings = input.settings ?? previous!.settings;
    return { brief, settings, inputs: await loadBriefInputs(tx, brief.contractId, settings) };
  });
  const { brief, settings } = read;
  const next = brief.latestVersion + 1;
  await hooks.onStage?.(`Simulating ${settings.paths.toLocaleString("en-US")} demand paths per scenario`, 25);
  const computed = computeBriefFromInputs(read.inputs, settings, { title: brief.title, version: next, preparedBy: preparedBy(ctx) });
  await hooks.onStage?.("Saving the version", 90);
  return inTransaction(ctx, async (tx) => {
    const [locked] = await tx.db
      .select()
      .from(briefs)
      .where(and(eq(briefs.id, brief.id), eq(briefs.workspaceId, tx.workspace.id)))
      .for("update");
    if (!locked) throw notFound("Brief");
    if (locked.latestVersion !== brief.latestVersion) throw conflict("Someone made a version of this brief at the same time. Reload to see it, then try again.");
    const version = await insertVersion(tx, locked, next, settings, computed, input.note ?? null);
    await tx.db.update(briefs).set({ latestVersion: next, updatedAt: sql`now()` }).where(and(eq(briefs.id, brief.id), eq(briefs.workspaceId, tx.workspace.id)));
    await claimJob(tx, hooks.jobId, { briefId: brief.id, version: next });
    await recordAudit(tx, { action: "brief.version.create", targetType: "brief", targetId: brief.id, details: { version: next, seed: settings.seed } });
    return { brief: { ...locked, latestVersion: next }, version };
  });
}

export async function createBriefVersion(ctx: WorkspaceCtx, input: z.input<typeof newVersionInput>) {
  requireRole(ctx, "editor");
  const parsed = newVersionInput.parse(input);
  return createBriefVersionFrom(ctx, { briefId: parsed.briefId, note: parsed.note ?? null, settings: parsed.settings ? settingsOf(parsed.settings) : null });
}
