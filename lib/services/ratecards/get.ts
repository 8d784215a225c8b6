import { and, desc, eq } from "drizzle-orm";
import { rateCards, rateCardVersions } from "@/lib/db/schema/ratecards";
import { isUuid, type WorkspaceCtx } from "../context";
import { notFound } from "../errors";

/** Fetch-or-throw inside the caller's workspace: another workspace's rate card is "not found". */
export async function getRateCardOrThrow(ctx: WorkspaceCtx, rateCardId: string) {
  if (!isUuid(rateCardId)) throw notFound("Rate card");
  const [row] = await ctx.db
    .select()
    .from(rateCards)
    .where(and(eq(rateCards.id, rateCardId), eq(rateCards.workspaceId, ctx.workspace.id)))
    .limit(1);
  if (!row) throw notFound("Rate card");
  return row;
}

export async function getRateCardVersionOrThrow(ctx: WorkspaceCtx, versionId: string) {
  if (!isUuid(versionId)) throw notFound("Rate card version");
  const [row] = await ctx.db
    .select()
    .from(rateCardVersions)
    .where(and(eq(rateCardVersions.id, versionId), eq(rateCardVersions.workspaceId, ctx.workspace.id)))
    .limit(1);
  if (!row) throw notFound("Rate card version");
  return row;
}

/** The highest version number of a card (the version an edit of a locked version must start from). */
export async function latestVersionNo(ctx: WorkspaceCtx, rateCardId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ versionNo: rateCardVersions.versionNo })
    .from(rateCardVersions)
    .where(and(eq(rateCardVersions.rateCardId, rateCardId), eq(rateCardVersions.workspaceId, ctx.workspace.id)))
    .orderBy(desc(rateCardVersions.versionNo))
    .limit(1);
  return row?.versionNo ?? 0;
}
