import { and, asc, eq, sql } from "drizzle-orm";
import { contracts } from "@/lib/db/schema/contracts";
import { rateCards, rateCardVersions } from "@/lib/db/schema/ratecards";
import { vendors } from "@/lib/db/schema/vendors";
import type { WorkspaceCtx } from "../context";

export async function listContracts(ctx: WorkspaceCtx) {
  const rows = await ctx.db
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
      scenarios: sql<number>`(select count(*) from "scenarios" s where s.contract_id = "contracts"."id" and s.workspace_id = ${ctx.workspace.id})`,
      updatedAt: contracts.updatedAt,
    })
    .from(contracts)
    .innerJoin(vendors, and(eq(vendors.id, contracts.vendorId), eq(vendors.workspaceId, ctx.workspace.id)))
    .innerJoin(rateCardVersions, and(eq(rateCardVersions.id, contracts.rateCardVersionId), eq(rateCardVersions.workspaceId, ctx.workspace.id)))
    .innerJoin(rateCards, and(eq(rateCards.id, rateCardVersions.rateCardId), eq(rateCards.workspaceId, ctx.workspace.id)))
    .where(eq(contracts.workspaceId, ctx.workspace.id))
    .orderBy(asc(contracts.renewalDate), asc(contracts.name));
  return rows.map((r) => ({ ...r, scenarios: Number(r.scenarios) }));
}
