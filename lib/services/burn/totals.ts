import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { burnRows } from "@/lib/db/schema/burn";
import type { WorkspaceCtx } from "../context";
import { getContractOrThrow } from "../contracts/get";
import { TOTAL_DIMENSIONS, type TotalDimension } from "./schema";

export interface BurnTotal {
  /** the group: period start (YYYY-MM-DD), agent, unit or environment; null = not given in the rows */
  key: string | null;
  rows: number;
  /** exact decimal sums as text; null when no row of the group has a value (missing is not 0) */
  actions: string | null;
  credits: string | null;
  cost: string | null;
}

export interface BurnTotals {
  by: TotalDimension;
  granularity: "month" | "week";
  groups: BurnTotal[];
  total: BurnTotal;
}

export const totalsInput = z.object({ contractId: z.string(), by: z.enum(TOTAL_DIMENSIONS) });

/** First day of the row's period in the contract's granularity (a plain timestamp: no time zone can shift it). */
export function periodOf(granularity: "month" | "week"): SQL<string> {
  const unit = granularity === "week" ? sql.raw("'week'") : sql.raw("'month'");
  return sql<string>`to_char(date_trunc(${unit}, ${burnRows.periodStart}::timestamp), 'YYYY-MM-DD')`;
}

const sums = {
  rows: sql<number>`count(*)::int`,
  actions: sql<string | null>`sum(${burnRows.actions})::text`,
  credits: sql<string | null>`sum(${burnRows.credits})::text`,
  cost: sql<string | null>`sum(${burnRows.cost})::text`,
};

/** Burn of a contract summed per period, agent, metered unit or environment, in SQL. Readable by viewers. */
export async function burnTotals(ctx: WorkspaceCtx, input: z.input<typeof totalsInput>): Promise<BurnTotals> {
  const { contractId, by } = totalsInput.parse(input);
  const contract = await getContractOrThrow(ctx, contractId);
  const key: SQL<string | null> =
    by === "period" ? periodOf(contract.granularity) : by === "agent" ? sql`${burnRows.agent}` : by === "unit" ? sql`${burnRows.unit}` : sql`${burnRows.environment}`;
  const where = and(eq(burnRows.workspaceId, ctx.workspace.id), eq(burnRows.contractId, contract.id));
  const groups = await ctx.db
    .select({ key, ...sums })
    .from(burnRows)
    .where(where)
    .groupBy(key)
    .orderBy(by === "period" ? asc(key) : sql`sum(${burnRows.credits}) desc nulls last, ${key} asc nulls last`);
  const [total] = await ctx.db.select(sums).from(burnRows).where(where);
  const norm = (r: { key?: string | null; rows: number; actions: string | null; credits: string | null; cost: string | null }): BurnTotal => ({
    key: r.key ?? null,
    rows: Number(r.rows),
    actions: r.actions ?? null,
    credits: r.credits ?? null,
    cost: r.cost ?? null,
  });
  return {
    by,
    granularity: contract.granularity,
    groups: groups.map(norm),
    total: norm({ key: null, ...(total ?? { rows: 0, actions: null, credits: null, cost: null }) }),
  };
}

/** Credits per period and metered unit: the skill mix over time. */
export async function burnMixByPeriod(ctx: WorkspaceCtx, input: { contractId: string }): Promise<{ period: string; unit: string | null; credits: string | null }[]> {
  const contract = await getContractOrThrow(ctx, input.contractId);
  const period = periodOf(contract.granularity);
  const rows = await ctx.db
    .select({ period, unit: burnRows.unit, credits: sql<string | null>`sum(${burnRows.credits})::text` })
    .from(burnRows)
    .where(and(eq(burnRows.workspaceId, ctx.workspace.id), eq(burnRows.contractId, contract.id)))
    .groupBy(period, burnRows.unit)
    .orderBy(asc(period), asc(burnRows.unit));
  return rows.map((r) => ({ period: r.period, unit: r.unit ?? null, credits: r.credits ?? null }));
}
