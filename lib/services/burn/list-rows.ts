import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { burnRows } from "@/lib/db/schema/burn";
import type { WorkspaceCtx } from "../context";
import { getContractOrThrow } from "../contracts/get";

export const listRowsInput = z.object({
  contractId: z.string(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(10).max(200).default(50),
});

/** One page of a contract's burn rows, newest period first. Readable by viewers. */
export async function listBurnRows(ctx: WorkspaceCtx, input: z.input<typeof listRowsInput>) {
  const { contractId, page, pageSize } = listRowsInput.parse(input);
  const contract = await getContractOrThrow(ctx, contractId);
  const where = and(eq(burnRows.workspaceId, ctx.workspace.id), eq(burnRows.contractId, contract.id));
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(burnRows).where(where);
  const rows = await ctx.db
    .select({
      id: burnRows.id,
      periodStart: burnRows.periodStart,
      periodEnd: burnRows.periodEnd,
      agent: burnRows.agent,
      unit: burnRows.unit,
      environment: burnRows.environment,
      actions: burnRows.actions,
      credits: burnRows.credits,
      cost: burnRows.cost,
      currency: burnRows.currency,
      manual: sql<boolean>`${burnRows.importId} is null`,
    })
    .from(burnRows)
    .where(where)
    .orderBy(desc(burnRows.periodStart), desc(burnRows.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: Number(count?.n ?? 0), page, pageSize };
}
