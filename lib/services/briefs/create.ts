import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { briefs, briefVersions } from "@/lib/db/schema/briefs";
import { inTransaction, isUuid, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import { lockRateCardVersion } from "../ratecards/lock";
import { computeBriefVersion, settingsOf } from "./compute";
import { createBriefInput, newVersionInput } from "./schema";

/** Creates a brief and its version 1 from the contract's data as it is now. Editors and owners. */
export async function createBrief(ctx: WorkspaceCtx, input: z.input<typeof createBriefInput>) {
  requireRole(ctx, "editor");
  const parsed = createBriefInput.parse(input);
  const settings = settingsOf(parsed.settings);
  return inTransaction(ctx, async (tx) => {
    // The title needs the vendor's name: compute first with a provisional title, then set it.
    const first = await computeBriefVersion(tx, parsed.contractId, settings, { title: parsed.title ?? "", version: 1 });
    const title = parsed.title || `${first.loaded.vendor.name} renewal: ${first.loaded.contract.name}`;
    const content = { ...first.content, title };
    const [brief] = await tx.db
      .insert(briefs)
      .values({ workspaceId: tx.workspace.id, contractId: first.loaded.contract.id, title, latestVersion: 1, createdBy: tx.actor.id })
      .returning();
    if (!brief) throw new Error("insert returned no row");
    const [version] = await tx.db
      .insert(briefVersions)
      .values({
        workspaceId: tx.workspace.id,
        briefId: brief.id,
        version: 1,
        settings,
        rateCardVersionId: first.loaded.rateCardVersion.id,
        burnThrough: content.inputs.burnThrough,
        document: first.document,
        content,
        createdBy: tx.actor.id,
      })
      .returning({ id: briefVersions.id, version: briefVersions.version });
    await lockRateCardVersion(tx, first.loaded.rateCardVersion.id, { type: "brief", id: brief.id });
    await recordAudit(tx, { action: "brief.create", targetType: "brief", targetId: brief.id, details: { title, contractId: brief.contractId, seed: settings.seed } });
    return { brief, version: version! };
  });
}

/**
 * Adds a version to a brief: the previous version's settings (or new ones) on the contract's data as
 * it is now. Earlier versions are never changed. The brief row is locked so two concurrent requests
 * get consecutive numbers.
 */
export async function createBriefVersion(ctx: WorkspaceCtx, input: z.input<typeof newVersionInput>) {
  requireRole(ctx, "editor");
  const parsed = newVersionInput.parse(input);
  if (!isUuid(parsed.briefId)) throw notFound("Brief");
  return inTransaction(ctx, async (tx) => {
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
    const [version] = await tx.db
      .insert(briefVersions)
      .values({
        workspaceId: tx.workspace.id,
        briefId: brief.id,
        version: next,
        settings,
        rateCardVersionId: computed.loaded.rateCardVersion.id,
        burnThrough: computed.content.inputs.burnThrough,
        document: computed.document,
        content: computed.content,
        note: parsed.note ?? null,
        createdBy: tx.actor.id,
      })
      .returning({ id: briefVersions.id, version: briefVersions.version });
    await tx.db.update(briefs).set({ latestVersion: next, updatedAt: sql`now()` }).where(and(eq(briefs.id, brief.id), eq(briefs.workspaceId, tx.workspace.id)));
    await lockRateCardVersion(tx, computed.loaded.rateCardVersion.id, { type: "brief", id: brief.id });
    await recordAudit(tx, { action: "brief.version.create", targetType: "brief", targetId: brief.id, details: { version: next, seed: settings.seed } });
    return { brief: { ...brief, latestVersion: next }, version: version! };
  });
}
