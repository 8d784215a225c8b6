import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { contracts } from "@/lib/db/schema/contracts";
import { rateCards, rateCardVersions } from "@/lib/db/schema/ratecards";
import { vendors } from "@/lib/db/schema/vendors";
import { isUuid, type WorkspaceCtx } from "../context";
import { containsPattern, type ListParams } from "../list-params";

export const CONTRACT_SORTS = ["renewal", "name", "vendor", "termEnd", "scenarios"] as const;
export type ContractSort = (typeof CONTRACT_SORTS)[number];

export interface ContractSearch extends ListParams<ContractSort> {
  /** only this vendor's contracts (an id of this workspace) */
  vendorId?: string;
  pageSize: number;
}

/** Every contract of the workspace, renewing soonest first. */
export async function listContracts(ctx: WorkspaceCtx) {
  return selectContracts(ctx, undefined, [asc(contracts.renewalDate), asc(contracts.name)]);
}

/**
 * One page of the workspace's contracts matching `search` (name, product or vendor containing its
 * text, any case; one vendor), in its order, with how many match and how many there are.
 */
export async function searchContracts(ctx: WorkspaceCtx, search: ContractSearch) {
  const filters: (SQL | undefined)[] = [];
  if (search.q) {
    const p = containsPattern(search.q);
    filters.push(or(ilike(contracts.name, p), ilike(contracts.product, p), ilike(vendors.name, p)));
  }
  if (search.vendorId) filters.push(isUuid(search.vendorId) ? eq(contracts.vendorId, search.vendorId) : sql`false`);
  const dir = search.dir === "asc" ? asc : desc;
  const column = { renewal: contracts.renewalDate, name: contracts.name, vendor: vendors.name, termEnd: contracts.termEnd, scenarios: scenarioCount(ctx) }[search.sort];
  const where = filters.length ? and(...filters) : undefined;
  const page = { limit: search.pageSize, offset: (search.page - 1) * search.pageSize };
  const [rows, [counts]] = await Promise.all([
    selectContracts(ctx, where, [dir(column), asc(contracts.name), asc(contracts.id)], page),
    ctx.db
      .select({ total: sql<number>`count(*)::int`, matching: where ? sql<number>`(count(*) filter (where ${where}))::int` : sql<number>`count(*)::int` })
      .from(contracts)
      .innerJoin(vendors, and(eq(vendors.id, contracts.vendorId), eq(vendors.workspaceId, ctx.workspace.id)))
      .where(eq(contracts.workspaceId, ctx.workspace.id)),
  ]);
  return { rows, matching: Number(counts?.matching ?? 0), total: Number(counts?.total ?? 0) };
}

const scenarioCount = (ctx: WorkspaceCtx) => sql<number>`(select count(*) from "scenarios" s where s.contract_id = "contracts"."id" and s.workspace_id = ${ctx.workspace.id})`;

async function selectContracts(ctx: WorkspaceCtx, where: SQL | undefined, order: SQL[], page?: { limit: number; offset: number }) {
  const query = ctx.db
    .select({
      id: contracts.id,
      name: contracts.name,
      product: contracts.product,
      currency: contracts.currency,
      termStart: contracts.termStart,
      termEnd: contracts.termEnd,
      renewalDate: contracts.renewalDate,
      noticeDays: contracts.noticeDays,
      vendorId: contracts.vendorId,
      vendorName: vendors.name,
      rateCardId: rateCards.id,
      rateCardName: rateCards.name,
      rateCardVersionNo: rateCardVersions.versionNo,
      scenarios: scenarioCount(ctx),
      updatedAt: contracts.updatedAt,
    })
    .from(contracts)
    .innerJoin(vendors, and(eq(vendors.id, contracts.vendorId), eq(vendors.workspaceId, ctx.workspace.id)))
    .innerJoin(rateCardVersions, and(eq(rateCardVersions.id, contracts.rateCardVersionId), eq(rateCardVersions.workspaceId, ctx.workspace.id)))
    .innerJoin(rateCards, and(eq(rateCards.id, rateCardVersions.rateCardId), eq(rateCards.workspaceId, ctx.workspace.id)))
    .where(and(eq(contracts.workspaceId, ctx.workspace.id), where))
    .orderBy(...order);
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  return rows.map((r) => ({ ...r, scenarios: Number(r.scenarios) }));
}
