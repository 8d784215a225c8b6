import { and, asc, eq, sql } from "drizzle-orm";
import { burnCharges, burnImports } from "@/lib/db/schema/burn";
import type { WorkspaceCtx } from "../context";
import { getContractOrThrow } from "../contracts/get";

export interface BurnChargeView {
  id: number;
  importId: string;
  fileName: string;
  category: string;
  groupLabel: string;
  excluded: boolean;
  periodStart: string;
  periodEnd: string | null;
  agent: string | null;
  credits: string | null;
  cost: string | null;
  billedCost: string | null;
  currency: string | null;
  recordedAs: string | null;
}

/**
 * What a contract's imports kept apart from the burn, grouped as the preview groups them (category
 * and description) with their sums; purchases one by one, to be recorded in the terms. Readable by viewers.
 */
export async function listBurnCharges(ctx: WorkspaceCtx, input: { contractId: string }) {
  const contract = await getContractOrThrow(ctx, input.contractId);
  const where = and(eq(burnCharges.workspaceId, ctx.workspace.id), eq(burnCharges.contractId, contract.id));
  const groups = await ctx.db
    .select({
      category: burnCharges.category,
      groupLabel: burnCharges.groupLabel,
      excluded: burnCharges.excluded,
      rows: sql<number>`count(*)::int`,
      credits: sql<string | null>`sum(${burnCharges.credits})::text`,
      cost: sql<string | null>`sum(${burnCharges.cost})::text`,
      billedCost: sql<string | null>`sum(${burnCharges.billedCost})::text`,
    })
    .from(burnCharges)
    .where(where)
    .groupBy(burnCharges.category, burnCharges.groupLabel, burnCharges.excluded)
    .orderBy(asc(burnCharges.category), asc(burnCharges.groupLabel));
  const purchases: BurnChargeView[] = await ctx.db
    .select({
      id: burnCharges.id,
      importId: burnCharges.importId,
      fileName: burnImports.fileName,
      category: burnCharges.category,
      groupLabel: burnCharges.groupLabel,
      excluded: burnCharges.excluded,
      periodStart: burnCharges.periodStart,
      periodEnd: burnCharges.periodEnd,
      agent: burnCharges.agent,
      credits: burnCharges.credits,
      cost: burnCharges.cost,
      billedCost: burnCharges.billedCost,
      currency: burnCharges.currency,
      recordedAs: burnCharges.recordedAs,
    })
    .from(burnCharges)
    .innerJoin(burnImports, and(eq(burnImports.id, burnCharges.importId), eq(burnImports.workspaceId, ctx.workspace.id)))
    .where(and(where, eq(burnCharges.category, "purchase")))
    .orderBy(asc(burnCharges.periodStart), asc(burnCharges.id))
    .limit(200);
  return { groups: groups.map((g) => ({ ...g, rows: Number(g.rows) })), purchases };
}
