import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { briefs, briefVersions, type Brief, type BriefSettings } from "@/lib/db/schema/briefs";
import { inTransaction, isUuid, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict, notFound } from "../errors";
import { lockRateCardVersion } from "../ratecards/lock";
import { computeBriefVersion, settingsOf } from "./compute";
import { createBriefInput, newVersionInput } from "./schema";

/**
 * The reads a version rests on (contract, scenarios, burn per period, usage rows) come from one
 * snapshot: an import committing half-way through cannot give the trend and the diagnostics
 * different burn. Must be the transaction's first statement.
 */
async function snapshotReads(tx: WorkspaceCtx) {
  await tx.db.execute(sql`set transaction isolation level repeatable read`);
}

/** PostgreSQL's "could not serialize access" (a concurrent version of the same brief won). */
function isSerializationFailure(e: unknown): boolean {
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause) if ((x as { code?: string }).code === "40001") return true;
  return false;
}

async function insertVersion(tx: WorkspaceCtx, brief: Brief, version: number, settings: BriefSettings, computed: Awaited<ReturnType<typeof computeBriefVersion>>, note: string | null) {
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

/** Creates a brief and its version 1 from the contract's data as it is now. Editors and owners. */
export async function createBrief(ctx: WorkspaceCtx, input: z.input<typeof createBriefInput>) {
  requireRole(ctx, "editor");
  const parsed = createBriefInput.parse(input);
  const settings = settingsOf(parsed.settings);
  return inTransaction(ctx, async (tx) => {
    await snapshotReads(tx);
    const computed = await computeBriefVersion(tx, parsed.contractId, settings, { title: parsed.title ?? "", version: 1 });
    const title = parsed.title || `${computed.loaded.vendor.name} renewal: ${computed.loaded.contract.name}`;
    computed.content.title = title;
    const [brief] = await tx.db
      .insert(briefs)
      .values({ workspaceId: tx.workspace.id, contractId: computed.loaded.contract.id, title, latestVersion: 1, createdBy: tx.actor.id })
      .returning();
    if (!brief) throw new Error("insert returned no row");
    const version = await insertVersion(tx, brief, 1, settings, computed, null);
    await recordAudit(tx, { action: "brief.create", targetType: "brief", targetId: brief.id, details: { title, contractId: brief.contractId, seed: settings.seed } });
    return { brief, version };
  });
}

/**
 * Adds a version to a brief: new settings, or the latest version's (scenarios, horizon, seed,
 * paths), on the contract's data as it is now. Earlier versions are never changed. The brief row is
 * locked so two concurrent requests cannot both take the next number.
 */
export async function createBriefVersion(ctx: WorkspaceCtx, input: z.input<typeof newVersionInput>) {
  requireRole(ctx, "editor");
  const parsed = newVersionInput.parse(input);
  if (!isUuid(parsed.briefId)) throw notFound("Brief");
  try {
    return await inTransaction(ctx, async (tx) => {
      await snapshotReads(tx);
      const [brief] = await tx.db
        .select()
        .from(briefs)
        .where(and(eq(briefs.id, parsed.briefId), eq(briefs.workspaceId, tx.workspace.id)))
        .for("update");
      if (!brief) throw notFound("Brief");
      const [previous] = await tx.db
        .select({ settings: briefVersions.settings })
        .from(briefVersions)
        .where(and(eq(briefVersions.briefId, brief.id), eq(briefVersions.workspaceId, tx.workspace.id), eq(briefVersions.version, brief.latestVersion)));
      const settings = parsed.settings ? settingsOf(parsed.settings) : previous!.settings;
      const next = brief.latestVersion + 1;
      const computed = await computeBriefVersion(tx, brief.contractId, settings, { title: brief.title, version: next });
      const version = await insertVersion(tx, brief, next, settings, computed, parsed.note ?? null);
      await tx.db.update(briefs).set({ latestVersion: next, updatedAt: sql`now()` }).where(and(eq(briefs.id, brief.id), eq(briefs.workspaceId, tx.workspace.id)));
      await recordAudit(tx, { action: "brief.version.create", targetType: "brief", targetId: brief.id, details: { version: next, seed: settings.seed } });
      return { brief: { ...brief, latestVersion: next }, version };
    });
  } catch (e) {
    if (isSerializationFailure(e)) throw conflict("Someone made a version of this brief at the same time. Reload to see it, then try again.");
    throw e;
  }
}
