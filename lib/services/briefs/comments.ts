import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { users } from "@/lib/db/schema/auth";
import { briefComments } from "@/lib/db/schema/briefs";
import { inTransaction, isUuid, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { forbidden, notFound } from "../errors";
import { commentInput } from "./schema";
import { versionIdOf } from "./version-ref";

/** Any member, viewers included, comments on a version of a brief. */
export async function addBriefComment(ctx: WorkspaceCtx, input: z.input<typeof commentInput>) {
  const parsed = commentInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const versionId = await versionIdOf(tx, parsed.briefId, parsed.version);
    const [row] = await tx.db
      .insert(briefComments)
      .values({ workspaceId: tx.workspace.id, briefVersionId: versionId, authorId: tx.actor.id, body: parsed.body })
      .returning({ id: briefComments.id, createdAt: briefComments.createdAt });
    await recordAudit(tx, { action: "brief.comment.add", targetType: "brief", targetId: parsed.briefId, details: { version: parsed.version, commentId: row!.id } });
    return row!;
  });
}

/** Deletes a comment; only its author may. */
export async function deleteBriefComment(ctx: WorkspaceCtx, commentId: string) {
  if (!isUuid(commentId)) throw notFound("Comment");
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ id: briefComments.id, authorId: briefComments.authorId })
      .from(briefComments)
      .where(and(eq(briefComments.id, commentId), eq(briefComments.workspaceId, tx.workspace.id)));
    if (!row) throw notFound("Comment");
    if (row.authorId !== tx.actor.id) throw forbidden("Only the author of a comment can delete it.");
    await tx.db.delete(briefComments).where(and(eq(briefComments.id, commentId), eq(briefComments.workspaceId, tx.workspace.id)));
    await recordAudit(tx, { action: "brief.comment.delete", targetType: "brief_comment", targetId: commentId });
  });
}

/** Comments on a version, oldest first, with their author's name (null once the account is gone). */
export async function listBriefComments(ctx: WorkspaceCtx, briefId: string, version: number) {
  const versionId = await versionIdOf(ctx, briefId, version);
  return ctx.db
    .select({ id: briefComments.id, authorId: briefComments.authorId, authorName: users.name, body: briefComments.body, createdAt: briefComments.createdAt })
    .from(briefComments)
    .leftJoin(users, eq(users.id, briefComments.authorId))
    .where(and(eq(briefComments.briefVersionId, versionId), eq(briefComments.workspaceId, ctx.workspace.id)))
    .orderBy(asc(briefComments.createdAt), asc(briefComments.id));
}
