import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { contracts } from "@/lib/db/schema/contracts";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict, invalid } from "../errors";
import { getRateCardVersionOrThrow } from "../ratecards/get";
import { lockRateCardVersion } from "../ratecards/lock";
import { getContractOrThrow } from "./get";
import { CONTRACT_CONFLICT } from "./update";
import { parseTerms } from "./terms";

export const updateTermsInput = z.object({
  contractId: z.string(),
  version: z.coerce.number().int().positive(),
  /** the whole ClausesDoc as it now stands */
  clauses: z.unknown().optional(),
  /** baseline demand drivers; null removes them */
  drivers: z.unknown().optional(),
  /** move the contract to another rate card version (which is then locked) */
  rateCardVersionId: z.string().optional(),
});

/** Saves the consumption terms as they stand today: rate card version, allotments, packs and clauses, drivers. */
export async function updateContractTerms(ctx: WorkspaceCtx, input: z.input<typeof updateTermsInput>) {
  requireRole(ctx, "editor");
  const parsed = updateTermsInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getContractOrThrow(tx, parsed.contractId);
    const versionId = parsed.rateCardVersionId ?? before.rateCardVersionId;
    const rcv = await getRateCardVersionOrThrow(tx, versionId);
    if (rcv.currency !== before.currency) {
      throw invalid(`That rate card version is priced in ${rcv.currency}, the contract in ${before.currency}.`, { rateCardVersionId: ["Choose a version in the contract's currency."] });
    }
    const terms = parseTerms(
      { clauses: parsed.clauses ?? before.clauses, drivers: parsed.drivers === undefined ? before.drivers : parsed.drivers },
      rcv,
    );
    const [row] = await tx.db
      .update(contracts)
      .set({
        ...(parsed.clauses !== undefined ? { clauses: terms.clauses ?? {} } : {}),
        ...(parsed.drivers !== undefined ? { drivers: terms.drivers ?? null } : {}),
        rateCardVersionId: rcv.id,
        version: sql`${contracts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(contracts.id, before.id), eq(contracts.workspaceId, tx.workspace.id), eq(contracts.version, parsed.version)))
      .returning();
    if (!row) throw conflict(CONTRACT_CONFLICT);
    if (rcv.id !== before.rateCardVersionId) await lockRateCardVersion(tx, rcv.id, { type: "contract", id: row.id });
    await recordAudit(tx, {
      action: "contract.terms.update",
      targetType: "contract",
      targetId: row.id,
      details: {
        version: row.version,
        changed: [
          ...(parsed.clauses !== undefined ? ["clauses"] : []),
          ...(parsed.drivers !== undefined ? ["drivers"] : []),
          ...(rcv.id !== before.rateCardVersionId ? ["rateCardVersion"] : []),
        ],
        ...(rcv.id !== before.rateCardVersionId ? { rateCardVersionId: { from: before.rateCardVersionId, to: rcv.id } } : {}),
      },
    });
    return row;
  });
}
