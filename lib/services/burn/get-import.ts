import { and, desc, eq } from "drizzle-orm";
import { burnImports } from "@/lib/db/schema/burn";
import { isUuid, type WorkspaceCtx } from "../context";
import { notFound } from "../errors";
import { getContractOrThrow } from "../contracts/get";
import { toImportView, type BurnImportView } from "./view";

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

/** The contract's latest imports, newest first. */
export async function listBurnImports(ctx: WorkspaceCtx, input: { contractId: string; limit?: number }): Promise<BurnImportView[]> {
  const contract = await getContractOrThrow(ctx, input.contractId);
  const rows = await ctx.db
    .select()
    .from(burnImports)
    .where(and(eq(burnImports.workspaceId, ctx.workspace.id), eq(burnImports.contractId, contract.id)))
    .orderBy(desc(burnImports.createdAt))
    .limit(Math.min(50, Math.max(1, input.limit ?? 10)));
  return rows.map((r) => toImportView(r));
}
