import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { briefShares, briefVersions, briefs, type ShareKind } from "@/lib/db/schema/briefs";
import { vendorSafeContent } from "@/lib/brief/audience";
import type { BriefContent } from "@/lib/brief/types";
import { inTransaction, isUuid, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import { hashLinkToken, newLinkToken } from "../link-token";
import { createShareInput } from "./schema";
import { signOffLines } from "./signoff";

/** Creates a read-only link to one version; the token is returned once and only its hash is kept. */
export async function createBriefShare(ctx: WorkspaceCtx, input: z.input<typeof createShareInput>, now = new Date()) {
  requireRole(ctx, "editor");
  const parsed = createShareInput.parse(input);
  if (!isUuid(parsed.briefId)) throw notFound("Brief");
  return inTransaction(ctx, async (tx) => {
    const [v] = await tx.db
      .select({ id: briefVersions.id })
      .from(briefVersions)
      .innerJoin(briefs, and(eq(briefs.id, briefVersions.briefId), eq(briefs.workspaceId, briefVersions.workspaceId)))
      .where(and(eq(briefs.id, parsed.briefId), eq(briefs.workspaceId, tx.workspace.id), eq(briefVersions.version, parsed.version)));
    if (!v) throw notFound("Brief version");
    const token = newLinkToken();
    const expiresAt = new Date(now.getTime() + parsed.expiresInDays * 86_400_000);
    const [share] = await tx.db
      .insert(briefShares)
      .values({ workspaceId: tx.workspace.id, briefVersionId: v.id, tokenHash: hashLinkToken(token), expiresAt, createdBy: tx.actor.id, kind: parsed.kind })
      .returning({ id: briefShares.id, expiresAt: briefShares.expiresAt, kind: briefShares.kind });
    await recordAudit(tx, {
      action: "brief.share.create",
      targetType: "brief",
      targetId: parsed.briefId,
      details: { shareId: share!.id, version: parsed.version, expiresAt: expiresAt.toISOString(), kind: parsed.kind },
    });
    return { id: share!.id, token, expiresAt: share!.expiresAt, kind: share!.kind };
  });
}

export async function revokeBriefShare(ctx: WorkspaceCtx, shareId: string) {
  requireRole(ctx, "editor");
  if (!isUuid(shareId)) throw notFound("Share link");
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(briefShares)
      .set({ revokedAt: sql`coalesce(${briefShares.revokedAt}, now())` })
      .where(and(eq(briefShares.id, shareId), eq(briefShares.workspaceId, tx.workspace.id)))
      .returning({ id: briefShares.id, briefVersionId: briefShares.briefVersionId });
    if (!row) throw notFound("Share link");
    await recordAudit(tx, { action: "brief.share.revoke", targetType: "brief_share", targetId: row.id });
  });
}

/**
 * The content behind a share token, for anyone holding it: only while the link is neither expired
 * nor revoked, and only that version's content (no workspace, contract or other brief data). A
 * vendor-safe link's content leaves out the walk-away, authority levels, risks and sign-offs; an
 * internal link's carries the version's sign-offs.
 */
export async function contentForShareToken(db: Db, token: string, now = new Date()): Promise<{ content: BriefContent; kind: ShareKind } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({ id: briefShares.id, content: briefVersions.content, kind: briefShares.kind, versionId: briefVersions.id, workspaceId: briefShares.workspaceId })
    .from(briefShares)
    .innerJoin(briefVersions, and(eq(briefVersions.id, briefShares.briefVersionId), eq(briefVersions.workspaceId, briefShares.workspaceId)))
    .where(and(eq(briefShares.tokenHash, hashLinkToken(token)), isNull(briefShares.revokedAt), gt(briefShares.expiresAt, now)));
  if (!row) return null;
  await db.update(briefShares).set({ lastViewedAt: now }).where(eq(briefShares.id, row.id));
  if (row.kind === "vendorSafe") return { content: vendorSafeContent(row.content), kind: row.kind };
  return { content: { ...row.content, signOffs: await signOffLines(db, row.workspaceId, row.versionId) }, kind: row.kind };
}
