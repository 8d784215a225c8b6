import { and, asc, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { burnRows } from "@/lib/db/schema/burn";
import type { WorkspaceCtx } from "../context";
import { getContractOrThrow } from "../contracts/get";
import { containsPattern } from "../list-params";

export const BURN_ROW_SORTS = ["period", "agent", "unit", "actions", "credits", "cost"] as const;
export type BurnRowSort = (typeof BURN_ROW_SORTS)[number];

export const listRowsInput = z.object({
  contractId: z.string(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(10).max(200).default(50),
  /** agent or metered unit containing this text, any case */
  q: z.string().max(100).default(""),
  environment: z.enum(["production", "nonProduction"]).optional(),
  source: z.enum(["imported", "manual"]).optional(),
  sort: z.enum(BURN_ROW_SORTS).default("period"),
  dir: z.enum(["asc", "desc"]).default("desc"),
});

/**
 * One page of a contract's burn rows matching the search, in the order asked (newest period first by
 * default; missing figures last), with how many match and how many the contract has. Readable by viewers.
 */
export async function listBurnRows(ctx: WorkspaceCtx, input: z.input<typeof listRowsInput>) {
  const { contractId, page, pageSize, q, environment, source, sort, dir } = listRowsInput.parse(input);
  const contract = await getContractOrThrow(ctx, contractId);
  const where = and(eq(burnRows.workspaceId, ctx.workspace.id), eq(burnRows.contractId, contract.id));
  const filters: (SQL | undefined)[] = [];
  if (q) filters.push(or(ilike(burnRows.agent, containsPattern(q)), ilike(burnRows.unit, containsPattern(q))));
  if (environment) filters.push(eq(burnRows.environment, environment));
  if (source) filters.push(source === "manual" ? isNull(burnRows.importId) : isNotNull(burnRows.importId));
  const match = filters.length ? and(...filters) : undefined;
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int`, matching: match ? sql<number>`(count(*) filter (where ${match}))::int` : sql<number>`count(*)::int` })
    .from(burnRows)
    .where(where);
  const column = { period: burnRows.periodStart, agent: burnRows.agent, unit: burnRows.unit, actions: burnRows.actions, credits: burnRows.credits, cost: burnRows.cost }[sort];
  const order = dir === "asc" ? sql`${column} asc nulls last` : sql`${column} desc nulls last`;
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
    .where(and(where, match))
    .orderBy(order, sort === "period" ? (dir === "asc" ? asc(burnRows.id) : desc(burnRows.id)) : desc(burnRows.periodStart), desc(burnRows.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: Number(count?.n ?? 0), matching: Number(count?.matching ?? 0), page, pageSize };
}
