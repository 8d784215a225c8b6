import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { burnImports } from "@/lib/db/schema/burn";
import { inTransaction, isUuid, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { enqueueForecast } from "../forecast/recompute";
import { conflict, notFound } from "../errors";
import { getContractOrThrow } from "../contracts/get";
import { lockContractImports } from "./import-file";
import { executeRows } from "./raw";

export const rollbackInput = z.object({ contractId: z.string(), importId: z.string() });

export interface RollbackOutcome {
  importId: string;
  fileName: string;
  /** rows of the import removed (consumption, and rows kept apart) */
  rowsRemoved: number;
  chargesRemoved: number;
  /** rows the import had replaced (a restated billing period), put back */
  rowsRestored: number;
  /** consumption removed with the import */
  credits: string | null;
  cost: string | null;
}

/**
 * Rolls a stored import back: every row it added is removed and every row it replaced is put back,
 * in one transaction with the audit row. An import whose rows a later import restated must wait for
 * that one to be rolled back first, so that nothing is restored twice or over a newer statement.
 */
export async function rollbackBurnImport(ctx: WorkspaceCtx, input: z.input<typeof rollbackInput>): Promise<RollbackOutcome> {
  requireRole(ctx, "editor");
  const { contractId, importId } = rollbackInput.parse(input);
  if (!isUuid(importId)) throw notFound("Import");
  const contract = await getContractOrThrow(ctx, contractId);
  return inTransaction(ctx, async (tx) => {
    // The same lock as an import of this contract: a roll-back never runs beside one.
    if (!(await lockContractImports(tx.db, contract.id, false))) {
      throw conflict("A file is being imported into this contract; roll back when it has finished.");
    }
    const [imp] = await tx.db
      .select()
      .from(burnImports)
      .where(and(eq(burnImports.id, importId), eq(burnImports.contractId, contract.id), eq(burnImports.workspaceId, tx.workspace.id)))
      .for("update");
    if (!imp) throw notFound("Import");
    if (imp.status === "rolled_back") throw conflict(`${imp.fileName} was already rolled back.`);
    if (imp.status !== "succeeded") throw conflict(`${imp.fileName} stored nothing, so there is nothing to roll back.`);
    const later = await executeRows<{ file_name: string }>(
      tx.db,
      sql`select distinct i.file_name from burn_replaced r join burn_imports i on i.id = r.import_id
          where r.workspace_id = ${tx.workspace.id} and r.contract_id = ${contract.id} and r.original_import_id = ${imp.id} and i.status = 'succeeded'`,
    );
    if (later.length > 0) {
      throw conflict(`${later.map((l) => l.file_name).join(", ")}, imported later, restated rows of ${imp.fileName}: roll ${later.length === 1 ? "it" : "them"} back first.`);
    }
    const target = { ws: tx.workspace.id, contract: contract.id, id: imp.id };
    const [removed] = await executeRows<{ n: number; credits: string | null; cost: string | null }>(
      tx.db,
      sql`with gone as (delete from burn_rows where workspace_id = ${target.ws} and contract_id = ${target.contract} and import_id = ${target.id} returning credits, cost)
          select count(*)::int as n, sum(credits)::text as credits, sum(cost)::text as cost from gone`,
    );
    const [charges] = await executeRows<{ n: number }>(
      tx.db,
      sql`with gone as (delete from burn_charges where workspace_id = ${target.ws} and contract_id = ${target.contract} and import_id = ${target.id} returning 1)
          select count(*)::int as n from gone`,
    );
    // Rows this import replaced go back as they were (their own ids and import), unless the same row
    // (same key) has since been stored again.
    const [restoredRows] = await executeRows<{ n: number }>(
      tx.db,
      sql`with back as (
            insert into burn_rows overriding system value
            select (jsonb_populate_record(null::burn_rows, data)).* from burn_replaced
            where workspace_id = ${target.ws} and contract_id = ${target.contract} and import_id = ${target.id} and source = 'burn_rows'
            on conflict do nothing returning 1)
          select count(*)::int as n from back`,
    );
    const [restoredCharges] = await executeRows<{ n: number }>(
      tx.db,
      sql`with back as (
            insert into burn_charges overriding system value
            select (jsonb_populate_record(null::burn_charges, data)).* from burn_replaced
            where workspace_id = ${target.ws} and contract_id = ${target.contract} and import_id = ${target.id} and source = 'burn_charges'
            on conflict do nothing returning 1)
          select count(*)::int as n from back`,
    );
    await tx.db.execute(sql`delete from burn_replaced where workspace_id = ${target.ws} and contract_id = ${target.contract} and import_id = ${target.id}`);
    await tx.db
      .update(burnImports)
      .set({ status: "rolled_back", rolledBackAt: sql`now()`, rolledBackBy: tx.actor.id, updatedAt: sql`now()` })
      .where(and(eq(burnImports.id, imp.id), eq(burnImports.workspaceId, tx.workspace.id)));
    const outcome: RollbackOutcome = {
      importId: imp.id,
      fileName: imp.fileName,
      rowsRemoved: Number(removed?.n ?? 0),
      chargesRemoved: Number(charges?.n ?? 0),
      rowsRestored: Number(restoredRows?.n ?? 0) + Number(restoredCharges?.n ?? 0),
      credits: removed?.credits ?? null,
      cost: removed?.cost ?? null,
    };
    await enqueueForecast(tx.db, tx.workspace.id, input.contractId);
    await recordAudit(tx, {
      action: "burn.import.rollback",
      targetType: "contract",
      targetId: contract.id,
      details: { ...outcome },
    });
    return outcome;
  });
}
