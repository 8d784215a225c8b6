import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { users } from "@/lib/db/schema/auth";
import { burnImports } from "@/lib/db/schema/burn";
import { isUuid, type WorkspaceCtx } from "../context";
import { notFound } from "../errors";
import { getContractOrThrow } from "../contracts/get";
import type { ImportTotals } from "./import-file";
import type { Restatement } from "./restate";
import { toImportView, type BurnImportView } from "./view";

/** An import as the Burn tab lists it: who imported (and rolled back) it, and what it stored. */
export interface BurnImportListItem extends BurnImportView {
  createdByName: string | null;
  rolledBackByName: string | null;
  /** the sums stored with a succeeded import (consumption, and what was kept apart) */
  totals: ImportTotals | null;
  /** billing periods this import restated: the consumption before and after */
  restated: Restatement[];
}

/**
 * An import's progress or outcome, read from burn_imports so that any app instance can answer the
 * browser's polling, whichever instance is running the import. Readable by viewers.
 */
export async function getBurnImport(ctx: WorkspaceCtx, input: { contractId: string; importId: string }): Promise<BurnImportView> {
  if (!isUuid(input.importId) || !isUuid(input.contractId)) throw notFound("Import");
  const [row] = await ctx.db
    .select()
    .from(burnImports)
    .where(and(eq(burnImports.id, input.importId), eq(burnImports.contractId, input.contractId), eq(burnImports.workspaceId, ctx.workspace.id)))
    .limit(1);
  if (!row) throw notFound("Import");
  return toImportView(row);
}

/** The contract's latest imports, newest first, with the names of who imported and rolled them back. */
export async function listBurnImports(ctx: WorkspaceCtx, input: { contractId: string; limit?: number }): Promise<BurnImportListItem[]> {
  const contract = await getContractOrThrow(ctx, input.contractId);
  const creator = alias(users, "creator");
  const undoer = alias(users, "undoer");
  const rows = await ctx.db
    .select({ imp: burnImports, createdByName: creator.name, rolledBackByName: undoer.name })
    .from(burnImports)
    .leftJoin(creator, eq(creator.id, burnImports.createdBy))
    .leftJoin(undoer, eq(undoer.id, burnImports.rolledBackBy))
    .where(and(eq(burnImports.workspaceId, ctx.workspace.id), eq(burnImports.contractId, contract.id)))
    .orderBy(desc(burnImports.createdAt))
    .limit(Math.min(50, Math.max(1, input.limit ?? 10)));
  return rows.map((r) => {
    const totals = r.imp.detail?.totals;
    return {
      ...toImportView(r.imp),
      createdByName: r.createdByName ?? null,
      rolledBackByName: r.rolledBackByName ?? null,
      totals: totals && typeof totals === "object" && "consumption" in totals ? (totals as ImportTotals) : null,
      restated: Array.isArray(r.imp.detail?.restated) ? (r.imp.detail.restated as Restatement[]) : [],
    };
  });
}
