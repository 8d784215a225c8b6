import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { rateCardVersions } from "@/lib/db/schema/ratecards";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict } from "../errors";
import { isUniqueViolation, parseOrInvalid } from "../validation";
import { getRateCardVersionOrThrow, latestVersionNo } from "./get";
import { versionFields } from "./schema";

export const saveVersionInput = versionFields.extend({
  versionId: z.string(),
  /** the revision the editor read; a save against an older revision is a conflict, never an overwrite */
  revision: z.coerce.number().int().positive(),
});

/**
 * Saves an edit of a rate card version. A draft is updated in place (if nobody saved it since it
 * was read); a locked version is never changed: the edit becomes a new draft version after it.
 */
export async function saveRateCardVersion(ctx: WorkspaceCtx, input: z.input<typeof saveVersionInput>) {
  requireRole(ctx, "editor");
  const { versionId, revision, ...fields } = parseOrInvalid(saveVersionInput, input, "Rate card");
  return inTransaction(ctx, async (tx) => {
    const before = await getRateCardVersionOrThrow(tx, versionId);
    if (before.lockedAt) {
      const latest = await latestVersionNo(tx, before.rateCardId);
      if (latest !== before.versionNo) {
        throw conflict(
          `Version ${before.versionNo} is locked and version ${latest} has been created from it since you opened it. Open version ${latest} and apply your changes there.`,
        );
      }
      let created;
      try {
        [created] = await tx.db
          .insert(rateCardVersions)
          .values({
            workspaceId: tx.workspace.id,
            rateCardId: before.rateCardId,
            versionNo: before.versionNo + 1,
            effectiveFrom: fields.effectiveFrom,
            effectiveTo: fields.effectiveTo ?? null,
            currency: before.currency,
            source: fields.source,
            units: fields.units,
            creditPrice: fields.creditPrice,
            createdBy: tx.actor.id,
          })
          .returning();
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict("Someone else created a new version of this rate card at the same moment. Reload to see it, then apply your changes again.");
        throw e;
      }
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        action: "ratecard.version.create",
        targetType: "rate_card_version",
        targetId: created.id,
        details: { rateCardId: created.rateCardId, versionNo: created.versionNo, from: before.versionNo },
      });
      return { version: created, created: true as const };
    }
    const [row] = await tx.db
      .update(rateCardVersions)
      .set({
        effectiveFrom: fields.effectiveFrom,
        effectiveTo: fields.effectiveTo ?? null,
        source: fields.source,
        units: fields.units,
        creditPrice: fields.creditPrice,
        revision: sql`${rateCardVersions.revision} + 1`,
      })
      .where(
        and(
          eq(rateCardVersions.id, before.id),
          eq(rateCardVersions.workspaceId, tx.workspace.id),
          eq(rateCardVersions.revision, revision),
          isNull(rateCardVersions.lockedAt),
        ),
      )
      .returning();
    if (!row) {
      throw conflict(
        before.revision !== revision
          ? `Someone else saved version ${before.versionNo} of this rate card after you opened it. Reload to see their changes, then apply yours again.`
          : `Version ${before.versionNo} was locked while you were editing it. Save again to keep your changes as a new version.`,
      );
    }
    await recordAudit(tx, {
      action: "ratecard.version.update",
      targetType: "rate_card_version",
      targetId: row.id,
      details: { rateCardId: row.rateCardId, versionNo: row.versionNo, revision: row.revision },
    });
    return { version: row, created: false as const };
  });
}
