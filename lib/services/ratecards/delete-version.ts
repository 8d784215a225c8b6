import { and, count, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { rateCardVersions } from "@/lib/db/schema/ratecards";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict } from "../errors";
import { getRateCardVersionOrThrow } from "./get";

export const discardVersionInput = z.object({ versionId: z.string(), revision: z.coerce.number().int().positive() });

/** Discards a draft version. Locked versions are in use and stay; a card keeps at least one version. */
export async function discardRateCardVersion(ctx: WorkspaceCtx, input: z.input<typeof discardVersionInput>) {
  requireRole(ctx, "editor");
  const { versionId, revision } = discardVersionInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const v = await getRateCardVersionOrThrow(tx, versionId);
    if (v.lockedAt) throw conflict(`Version ${v.versionNo} is locked because something uses it; it cannot be discarded.`);
    const [n] = await tx.db
      .select({ n: count() })
      .from(rateCardVersions)
      .where(and(eq(rateCardVersions.rateCardId, v.rateCardId), eq(rateCardVersions.workspaceId, tx.workspace.id)));
    if ((n?.n ?? 0) <= 1) throw conflict("This is the only version of the rate card; edit it instead of discarding it.");
    const deleted = await tx.db
      .delete(rateCardVersions)
      .where(
        and(
          eq(rateCardVersions.id, v.id),
          eq(rateCardVersions.workspaceId, tx.workspace.id),
          eq(rateCardVersions.revision, revision),
          isNull(rateCardVersions.lockedAt),
        ),
      )
      .returning({ id: rateCardVersions.id });
    if (deleted.length === 0) throw conflict("This draft changed (or was locked) after you opened it. Reload before discarding it.");
    await recordAudit(tx, {
      action: "ratecard.version.discard",
      targetType: "rate_card_version",
      targetId: v.id,
      details: { rateCardId: v.rateCardId, versionNo: v.versionNo },
    });
  });
}
