import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { briefs, briefShares, briefVersions } from "@/lib/db/schema/briefs";
import { burnImports, burnRows } from "@/lib/db/schema/burn";
import { scenarios } from "@/lib/db/schema/contracts";
import type { WorkspaceCtx } from "../context";
import { getContractOrThrow } from "./get";

export interface ContractDeletionImpact {
  name: string;
  scenarios: number;
  burnRows: number;
  imports: number;
  briefs: { title: string; versions: number }[];
  /** read-only links that still work today and would stop */
  liveShareLinks: number;
}

/** Everything deleting a contract takes with it, for the confirmation that asks first. */
export async function contractDeletionImpact(ctx: WorkspaceCtx, contractId: string, now = new Date()): Promise<ContractDeletionImpact> {
  const contract = await getContractOrThrow(ctx, contractId);
  const ws = ctx.workspace.id;
  const [[sc], [rows], [imp], briefList, [links]] = await Promise.all([
    ctx.db.select({ n: count() }).from(scenarios).where(and(eq(scenarios.workspaceId, ws), eq(scenarios.contractId, contract.id))),
    ctx.db.select({ n: count() }).from(burnRows).where(and(eq(burnRows.workspaceId, ws), eq(burnRows.contractId, contract.id))),
    ctx.db.select({ n: count() }).from(burnImports).where(and(eq(burnImports.workspaceId, ws), eq(burnImports.contractId, contract.id))),
    ctx.db
      .select({ title: briefs.title, versions: briefs.latestVersion })
      .from(briefs)
      .where(and(eq(briefs.workspaceId, ws), eq(briefs.contractId, contract.id)))
      .orderBy(briefs.title),
    ctx.db
      .select({ n: count() })
      .from(briefShares)
      .innerJoin(briefVersions, eq(briefVersions.id, briefShares.briefVersionId))
      .innerJoin(briefs, eq(briefs.id, briefVersions.briefId))
      .where(
        and(
          eq(briefShares.workspaceId, ws),
          eq(briefs.contractId, contract.id),
          isNull(briefShares.revokedAt),
          gt(briefShares.expiresAt, sql`${now.toISOString()}::timestamptz`),
        ),
      ),
  ]);
  return {
    name: contract.name,
    scenarios: sc?.n ?? 0,
    burnRows: rows?.n ?? 0,
    imports: imp?.n ?? 0,
    briefs: briefList,
    liveShareLinks: links?.n ?? 0,
  };
}
