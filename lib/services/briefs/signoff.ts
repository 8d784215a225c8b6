import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/auth";
import { briefSignOffs } from "@/lib/db/schema/briefs";
import type { BriefSignOffLine } from "@/lib/brief/types";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict, notFound } from "../errors";
import { signOffInput, versionRefInput } from "./schema";
import { versionIdOf } from "./version-ref";

/** An owner or editor signs off one version of a brief: once per version and person, with an optional note. */
export async function signOffBriefVersion(ctx: WorkspaceCtx, input: z.input<typeof signOffInput>) {
  requireRole(ctx, "editor");
  const parsed = signOffInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const versionId = await versionIdOf(tx, parsed.briefId, parsed.version);
    const [row] = await tx.db
      .insert(briefSignOffs)
      .values({ workspaceId: tx.workspace.id, briefVersionId: versionId, userId: tx.actor.id, note: parsed.note ? parsed.note : null })
      .onConflictDoNothing({ target: [briefSignOffs.briefVersionId, briefSignOffs.userId] })
      .returning({ id: briefSignOffs.id, createdAt: briefSignOffs.createdAt });
    if (!row) throw conflict(`You have already signed off version ${parsed.version} of this brief.`);
    await recordAudit(tx, { action: "brief.signoff", targetType: "brief", targetId: parsed.briefId, details: { version: parsed.version, ...(parsed.note ? { note: parsed.note } : {}) } });
    return row;
  });
}

/** Withdraws the caller's own sign-off of a version (nobody withdraws another's). */
export async function withdrawBriefSignOff(ctx: WorkspaceCtx, input: z.input<typeof versionRefInput>) {
  requireRole(ctx, "editor");
  const parsed = versionRefInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const versionId = await versionIdOf(tx, parsed.briefId, parsed.version);
    const [gone] = await tx.db
      .delete(briefSignOffs)
      .where(and(eq(briefSignOffs.briefVersionId, versionId), eq(briefSignOffs.workspaceId, tx.workspace.id), eq(briefSignOffs.userId, tx.actor.id)))
      .returning({ id: briefSignOffs.id });
    if (!gone) throw notFound("Your sign-off");
    await recordAudit(tx, { action: "brief.signoff.withdraw", targetType: "brief", targetId: parsed.briefId, details: { version: parsed.version } });
  });
}

/** Sign-offs of a version, oldest first. Readable by every member. */
export async function listBriefSignOffs(ctx: WorkspaceCtx, briefId: string, version: number) {
  const versionId = await versionIdOf(ctx, briefId, version);
  return ctx.db
    .select({ id: briefSignOffs.id, userId: briefSignOffs.userId, name: users.name, note: briefSignOffs.note, createdAt: briefSignOffs.createdAt })
    .from(briefSignOffs)
    .innerJoin(users, eq(users.id, briefSignOffs.userId))
    .where(and(eq(briefSignOffs.briefVersionId, versionId), eq(briefSignOffs.workspaceId, ctx.workspace.id)))
    .orderBy(asc(briefSignOffs.createdAt), asc(briefSignOffs.id));
}

/** The sign-offs as the exports print them, for a version already resolved in its workspace. */
export async function signOffLines(db: Db, workspaceId: string, versionId: string): Promise<BriefSignOffLine[]> {
  const rows = await db
    .select({ name: users.name, note: briefSignOffs.note, createdAt: briefSignOffs.createdAt })
    .from(briefSignOffs)
    .innerJoin(users, eq(users.id, briefSignOffs.userId))
    .where(and(eq(briefSignOffs.briefVersionId, versionId), eq(briefSignOffs.workspaceId, workspaceId)))
    .orderBy(asc(briefSignOffs.createdAt), asc(briefSignOffs.id));
  return rows.map((r) => ({ name: r.name, signedAt: r.createdAt.toISOString(), note: r.note }));
}
