import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { contracts } from "@/lib/db/schema/contracts";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict } from "../errors";
import { getContractOrThrow } from "./get";

export const deleteContractInput = z.object({ contractId: z.string(), version: z.coerce.number().int().positive() });

/** Deletes a contract with its scenarios and observed burn. Its rate card versions stay (locked). */
export async function deleteContract(ctx: WorkspaceCtx, input: z.input<typeof deleteContractInput>) {
  requireRole(ctx, "editor");
  const { contractId, version } = deleteContractInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getContractOrThrow(tx, contractId);
    const deleted = await tx.db
      .delete(contracts)
      .where(and(eq(contracts.id, before.id), eq(contracts.workspaceId, tx.workspace.id), eq(contracts.version, version)))
      .returning({ id: contracts.id });
    if (deleted.length === 0) throw conflict("Someone else changed this contract after you opened it. Reload before deleting it.");
    await recordAudit(tx, { action: "contract.delete", targetType: "contract", targetId: before.id, details: { name: before.name } });
  });
}
