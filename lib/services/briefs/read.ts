import { and, asc, desc, eq } from "drizzle-orm";
import { briefs, briefShares, briefVersions } from "@/lib/db/schema/briefs";
import { contracts } from "@/lib/db/schema/contracts";
import { vendors } from "@/lib/db/schema/vendors";
import { isUuid, type WorkspaceCtx } from "../context";
import { notFound } from "../errors";

/** Briefs of the workspace (or of one contract), newest first. Readable by viewers. */
export async function listBriefs(ctx: WorkspaceCtx, filter: { contractId?: string } = {}) {
  if (filter.contractId !== undefined && !isUuid(filter.contractId)) return [];
  return ctx.db
    .select({
      id: briefs.id,
      title: briefs.title,
      contractId: briefs.contractId,
      contractName: contracts.name,
      vendorName: vendors.name,
      latestVersion: briefs.latestVersion,
      updatedAt: briefs.updatedAt,
    })
    .from(briefs)
    .innerJoin(contracts, and(eq(contracts.id, briefs.contractId), eq(contracts.workspaceId, briefs.workspaceId)))
    .innerJoin(vendors, and(eq(vendors.id, contracts.vendorId), eq(vendors.workspaceId, briefs.workspaceId)))
    .where(and(eq(briefs.workspaceId, ctx.workspace.id), ...(filter.contractId ? [eq(briefs.contractId, filter.contractId)] : [])))
    .orderBy(desc(briefs.updatedAt));
}

/** A brief's own row (title, latest version), inside the caller's workspace; for page titles. */
export async function getBriefOrThrow(ctx: WorkspaceCtx, briefId: string) {
  if (!isUuid(briefId)) throw notFound("Brief");
  const [brief] = await ctx.db.select({ id: briefs.id, title: briefs.title, latestVersion: briefs.latestVersion }).from(briefs).where(and(eq(briefs.id, briefId), eq(briefs.workspaceId, ctx.workspace.id)));
  if (!brief) throw notFound("Brief");
  return brief;
}

/** One version of a brief (the latest when `version` is absent) with the list of its versions. */
export async function getBriefVersion(ctx: WorkspaceCtx, briefId: string, version?: number) {
  if (!isUuid(briefId)) throw notFound("Brief");
  const [brief] = await ctx.db.select().from(briefs).where(and(eq(briefs.id, briefId), eq(briefs.workspaceId, ctx.workspace.id)));
  if (!brief) throw notFound("Brief");
  const wanted = version ?? brief.latestVersion;
  if (!Number.isSafeInteger(wanted) || wanted < 1 || wanted > 2_147_483_647) throw notFound("Brief version");
  const [row] = await ctx.db
    .select()
    .from(briefVersions)
    .where(and(eq(briefVersions.briefId, brief.id), eq(briefVersions.workspaceId, ctx.workspace.id), eq(briefVersions.version, wanted)));
  if (!row) throw notFound("Brief version");
  const versions = await ctx.db
    .select({ version: briefVersions.version, createdAt: briefVersions.createdAt, note: briefVersions.note, burnThrough: briefVersions.burnThrough })
    .from(briefVersions)
    .where(and(eq(briefVersions.briefId, brief.id), eq(briefVersions.workspaceId, ctx.workspace.id)))
    .orderBy(desc(briefVersions.version));
  return { brief, version: row, versions };
}

/** Share links of a brief, newest first; never their tokens (only hashes are stored). */
export async function listBriefShares(ctx: WorkspaceCtx, briefId: string) {
  if (!isUuid(briefId)) throw notFound("Brief");
  return ctx.db
    .select({
      id: briefShares.id,
      version: briefVersions.version,
      expiresAt: briefShares.expiresAt,
      revokedAt: briefShares.revokedAt,
      createdAt: briefShares.createdAt,
      lastViewedAt: briefShares.lastViewedAt,
      kind: briefShares.kind,
    })
    .from(briefShares)
    .innerJoin(briefVersions, and(eq(briefVersions.id, briefShares.briefVersionId), eq(briefVersions.workspaceId, briefShares.workspaceId)))
    .where(and(eq(briefShares.workspaceId, ctx.workspace.id), eq(briefVersions.briefId, briefId)))
    .orderBy(desc(briefShares.createdAt), asc(briefShares.id));
}
