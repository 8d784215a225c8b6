import { and, desc, eq, sql } from "drizzle-orm";
import { rateCardVersions } from "@/lib/db/schema/ratecards";
import type { WorkspaceCtx } from "../context";
import { getRateCardOrThrow } from "./get";

/** Every version of a card, newest first, with what uses it (the reason it is locked). */
export async function listRateCardVersions(ctx: WorkspaceCtx, rateCardId: string) {
  const card = await getRateCardOrThrow(ctx, rateCardId);
  const rows = await ctx.db
    .select({
      version: rateCardVersions,
      contracts: sql<number>`(select count(*) from "contracts" c where c.rate_card_version_id = "rate_card_versions"."id" and c.workspace_id = ${ctx.workspace.id})`,
      scenarios: sql<number>`(select count(*) from "scenarios" s where s.rate_card_version_id = "rate_card_versions"."id" and s.workspace_id = ${ctx.workspace.id})`,
    })
    .from(rateCardVersions)
    .where(and(eq(rateCardVersions.rateCardId, card.id), eq(rateCardVersions.workspaceId, ctx.workspace.id)))
    .orderBy(desc(rateCardVersions.versionNo));
  return { card, versions: rows.map((r) => ({ ...r.version, usedByContracts: Number(r.contracts), usedByScenarios: Number(r.scenarios) })) };
}
