import { z } from "zod";
import { rateCards, rateCardVersions } from "@/lib/db/schema/ratecards";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { getVendorOrThrow } from "../vendors/get";
import { parseOrInvalid } from "../validation";
import { currencyCode, rateCardName, versionFields } from "./schema";

export const createRateCardInput = z.object({
  name: rateCardName,
  vendorId: z.string().nullable().optional(),
  currency: currencyCode,
  version: versionFields,
});

/** A new card with a draft version 1. `templateId` records the built-in template it came from. */
export async function insertRateCard(
  tx: WorkspaceCtx,
  input: z.output<typeof createRateCardInput> & { templateId?: string | null },
) {
  if (input.vendorId) await getVendorOrThrow(tx, input.vendorId);
  const [card] = await tx.db
    .insert(rateCards)
    .values({ workspaceId: tx.workspace.id, vendorId: input.vendorId ?? null, name: input.name, templateId: input.templateId ?? null })
    .returning();
  if (!card) throw new Error("insert returned no row");
  const v = input.version;
  const [version] = await tx.db
    .insert(rateCardVersions)
    .values({
      workspaceId: tx.workspace.id,
      rateCardId: card.id,
      versionNo: 1,
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo ?? null,
      currency: input.currency,
      source: v.source,
      units: v.units,
      creditPrice: v.creditPrice,
      createdBy: tx.actor.id,
    })
    .returning();
  if (!version) throw new Error("insert returned no row");
  await recordAudit(tx, {
    action: "ratecard.create",
    targetType: "rate_card",
    targetId: card.id,
    details: { name: card.name, templateId: card.templateId, versionId: version.id },
  });
  return { card, version };
}

export async function createRateCard(ctx: WorkspaceCtx, input: z.input<typeof createRateCardInput>) {
  requireRole(ctx, "editor");
  const parsed = parseOrInvalid(createRateCardInput, input, "Rate card");
  return inTransaction(ctx, (tx) => insertRateCard(tx, parsed));
}
