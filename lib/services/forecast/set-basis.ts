import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { contracts, FORECAST_BASES } from "@/lib/db/schema/contracts";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict, invalid } from "../errors";
import { loadContractBundle } from "../contracts/load-bundle";
import { CONTRACT_CONFLICT } from "../contracts/update";
import { availability, basisProblem } from "./compute";
import { enqueueForecast } from "./recompute";
import { BASIS_LABEL } from "./types";

export const setBasisInput = z.object({
  contractId: z.string(),
  version: z.coerce.number().int().positive(),
  /** null: the default for the contract's data */
  basis: z.enum(FORECAST_BASES, { error: "Choose drivers, the observed trend, or observed then drivers." }).nullable(),
});

/**
 * Chooses how the contract's forecast of record takes its demand, and asks for it to be recomputed.
 * A basis the contract's data cannot support is refused with the reason. Editors and owners.
 */
export async function setForecastBasis(ctx: WorkspaceCtx, input: z.input<typeof setBasisInput>) {
  requireRole(ctx, "editor");
  const parsed = setBasisInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const { contract, bundle } = await loadContractBundle(tx, parsed.contractId, { scenarios: "none" });
    if (parsed.basis) {
      const problem = basisProblem(parsed.basis, availability(bundle));
      if (problem) throw invalid(`"${BASIS_LABEL[parsed.basis]}" is not possible for this contract: ${problem}.`, { basis: [problem] });
    }
    const [row] = await tx.db
      .update(contracts)
      .set({ forecastBasis: parsed.basis, version: sql`${contracts.version} + 1`, updatedAt: new Date() })
      .where(and(eq(contracts.id, contract.id), eq(contracts.workspaceId, tx.workspace.id), eq(contracts.version, parsed.version)))
      .returning();
    if (!row) throw conflict(CONTRACT_CONFLICT);
    await recordAudit(tx, { action: "contract.forecast_basis.update", targetType: "contract", targetId: row.id, details: { from: contract.forecastBasis, to: parsed.basis, version: row.version } });
    await enqueueForecast(tx.db, tx.workspace.id, row.id);
    return row;
  });
}
