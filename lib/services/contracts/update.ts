import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { contracts } from "@/lib/db/schema/contracts";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict, invalid } from "../errors";
import { getRateCardVersionOrThrow } from "../ratecards/get";
import { getVendorOrThrow } from "../vendors/get";
import { parseOrInvalid } from "../validation";
import { enqueueForecast } from "../forecast/recompute";
import { getContractOrThrow } from "./get";
import { contractFields } from "./schema";

export const updateContractInput = z.object({
  contractId: z.string(),
  /** the version the editor read; a save against an older version is a conflict, never an overwrite */
  version: z.coerce.number().int().positive(),
  fields: z.unknown(),
});

export const CONTRACT_CONFLICT =
  "Someone else saved this contract after you opened it. Reload to see their changes, then apply yours again.";

/** Saves the contract's header (vendor, product, term, renewal, notice, currency, fixed lines). */
export async function updateContract(ctx: WorkspaceCtx, input: z.input<typeof updateContractInput>) {
  requireRole(ctx, "editor");
  const { contractId, version, fields: raw } = updateContractInput.parse(input);
  const fields = parseOrInvalid(contractFields, raw, "Contract");
  return inTransaction(ctx, async (tx) => {
    const before = await getContractOrThrow(tx, contractId);
    await getVendorOrThrow(tx, fields.vendorId);
    const rcv = await getRateCardVersionOrThrow(tx, before.rateCardVersionId);
    if (rcv.currency !== fields.currency) {
      throw invalid(`The contract's rate card is priced in ${rcv.currency}.`, { currency: [`Use ${rcv.currency}, the rate card's currency.`] });
    }
    const [row] = await tx.db
      .update(contracts)
      .set({ ...fields, version: sql`${contracts.version} + 1`, updatedAt: new Date() })
      .where(and(eq(contracts.id, before.id), eq(contracts.workspaceId, tx.workspace.id), eq(contracts.version, version)))
      .returning();
    if (!row) throw conflict(CONTRACT_CONFLICT);
    await recordAudit(tx, {
      action: "contract.update",
      targetType: "contract",
      targetId: row.id,
      details: { name: row.name, version: row.version },
    });
    await enqueueForecast(tx.db, tx.workspace.id, row.id);
    return row;
  });
}
