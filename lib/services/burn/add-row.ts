import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { burnRows } from "@/lib/db/schema/burn";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { getContractOrThrow } from "../contracts/get";
import { enqueueForecast } from "../forecast/recompute";
import { manualRowInput } from "./schema";

/** Adds one burn row typed by hand; values left empty are stored as missing (null), never 0. */
export async function addBurnRow(ctx: WorkspaceCtx, input: z.input<typeof manualRowInput>) {
  requireRole(ctx, "editor");
  const v = manualRowInput.parse(input);
  const contract = await getContractOrThrow(ctx, v.contractId);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(burnRows)
      .values({
        workspaceId: tx.workspace.id,
        contractId: contract.id,
        // a manual row is its own fact: two identical entries are two rows
        rowKey: `manual:${randomUUID()}`,
        periodStart: v.periodStart,
        periodEnd: v.periodEnd,
        agent: v.agent,
        unit: v.unit,
        environment: v.environment,
        actions: v.actions,
        credits: v.credits,
        cost: v.cost,
        currency: v.currency ?? (v.cost !== null ? contract.currency : null),
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, {
      action: "burn.add",
      targetType: "contract",
      targetId: contract.id,
      details: { rowId: row.id, periodStart: row.periodStart, agent: row.agent, unit: row.unit, credits: row.credits, actions: row.actions, cost: row.cost },
    });
    await enqueueForecast(tx.db, tx.workspace.id, contract.id);
    return row;
  });
}
