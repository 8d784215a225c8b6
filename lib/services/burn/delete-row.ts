import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { burnRows } from "@/lib/db/schema/burn";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { enqueueForecast } from "../forecast/recompute";
import { conflict, notFound } from "../errors";
import { getContractOrThrow } from "../contracts/get";

export const deleteRowInput = z.object({ contractId: z.string(), rowId: z.coerce.number().int().positive() });

/**
 * Deletes one burn row typed by hand. An imported row is removed by rolling its import back, so
 * that an import is never left half there.
 */
export async function deleteBurnRow(ctx: WorkspaceCtx, input: z.input<typeof deleteRowInput>) {
  requireRole(ctx, "editor");
  const { contractId, rowId } = deleteRowInput.parse(input);
  const contract = await getContractOrThrow(ctx, contractId);
  return inTransaction(ctx, async (tx) => {
    const where = and(eq(burnRows.id, rowId), eq(burnRows.contractId, contract.id), eq(burnRows.workspaceId, tx.workspace.id));
    const [row] = await tx.db.select().from(burnRows).where(where).limit(1);
    if (!row) throw notFound("Burn row");
    if (row.importId !== null || !row.rowKey.startsWith("manual:")) {
      throw conflict("This row came from an imported file: roll that import back to remove it, so the import is never left half there.");
    }
    await tx.db.delete(burnRows).where(and(where, sql`${burnRows.importId} is null`));
    await enqueueForecast(tx.db, tx.workspace.id, input.contractId);
    await recordAudit(tx, {
      action: "burn.delete",
      targetType: "contract",
      targetId: contract.id,
      details: { rowId: row.id, periodStart: row.periodStart, agent: row.agent, unit: row.unit, credits: row.credits, actions: row.actions, cost: row.cost },
    });
    return { id: row.id };
  });
}
