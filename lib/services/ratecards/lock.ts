import { and, eq, isNull } from "drizzle-orm";
import { rateCardVersions } from "@/lib/db/schema/ratecards";
import type { WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { getRateCardVersionOrThrow } from "./get";

/**
 * Locks a version because a contract, saved scenario or brief now uses it. Call inside the
 * transaction that records the use: the UPDATE holds the row until commit, so a concurrent draft
 * save (conditional on `locked_at is null`) either commits first or finds the version locked.
 */
export async function lockRateCardVersion(ctx: WorkspaceCtx, versionId: string, usedBy: { type: string; id: string }) {
  const version = await getRateCardVersionOrThrow(ctx, versionId);
  const [locked] = await ctx.db
    .update(rateCardVersions)
    .set({ lockedAt: new Date() })
    .where(and(eq(rateCardVersions.id, version.id), eq(rateCardVersions.workspaceId, ctx.workspace.id), isNull(rateCardVersions.lockedAt)))
    .returning({ id: rateCardVersions.id });
  if (locked) {
    await recordAudit(ctx, {
      action: "ratecard.version.lock",
      targetType: "rate_card_version",
      targetId: version.id,
      details: { rateCardId: version.rateCardId, versionNo: version.versionNo, usedBy },
    });
  }
  return version;
}
