import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { ClausesJson } from "@/lib/db/schema/json";
import { burnCharges } from "@/lib/db/schema/burn";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict, invalid, notFound } from "../errors";
import { getContractOrThrow } from "../contracts/get";
import { updateContractTerms } from "../contracts/update-terms";

export const recordPurchaseInput = z.object({
  contractId: z.string(),
  chargeId: z.coerce.number().int().positive(),
  as: z.enum(["pack", "allocation"]),
});

/**
 * Records an imported purchase in the contract's terms, through the terms service: as a pack
 * (credits bought on a date at a price, valid to the end of its period) or as an allocation of
 * those credits over the purchase's period. The purchase row remembers what it was recorded as.
 */
export async function recordPurchase(ctx: WorkspaceCtx, input: z.input<typeof recordPurchaseInput>) {
  requireRole(ctx, "editor");
  const { contractId, chargeId, as } = recordPurchaseInput.parse(input);
  const contract = await getContractOrThrow(ctx, contractId);
  return inTransaction(ctx, async (tx) => {
    const where = and(eq(burnCharges.id, chargeId), eq(burnCharges.contractId, contract.id), eq(burnCharges.workspaceId, tx.workspace.id));
    const [charge] = await tx.db.select().from(burnCharges).where(where).for("update");
    if (!charge || charge.category !== "purchase") throw notFound("Purchase");
    if (charge.recordedAs) throw conflict(`This purchase is already recorded as ${charge.recordedAs === "pack" ? "a pack" : "an allocation"}.`);
    if (charge.credits === null || Number(charge.credits) <= 0) {
      throw invalid("This purchase names no credits bought (its pricing unit is not credits or tokens), so it cannot become a pack or an allocation; enter it in the terms by hand.");
    }
    const price = charge.billedCost ?? charge.cost;
    const id = `import-${charge.id}`;
    const clauses: ClausesJson = { ...((contract.clauses ?? {}) as ClausesJson) };
    if (as === "pack") {
      clauses.packs = [
        ...(clauses.packs ?? []),
        { id, credits: charge.credits, ...(price !== null ? { price } : {}), purchaseDate: charge.periodStart, ...(charge.periodEnd ? { expiresOn: charge.periodEnd } : {}) },
      ];
    } else {
      clauses.allotments = [
        ...(clauses.allotments ?? []),
        {
          id,
          kind: "allocation",
          cadence: "term",
          size: { kind: "fixed", credits: charge.credits },
          ...(price !== null ? { feePerCycle: price } : {}),
          from: charge.periodStart,
          ...(charge.periodEnd ? { until: charge.periodEnd } : {}),
        },
      ];
    }
    const updated = await updateContractTerms(tx, { contractId: contract.id, version: contract.version, clauses });
    await tx.db.update(burnCharges).set({ recordedAs: as, recordedAt: sql`now()` }).where(where);
    await recordAudit(tx, {
      action: "burn.purchase.record",
      targetType: "contract",
      targetId: contract.id,
      details: { chargeId: charge.id, as, credits: charge.credits, price, from: charge.periodStart, until: charge.periodEnd, clauseId: id },
    });
    return { contract: updated, clauseId: id };
  });
}
