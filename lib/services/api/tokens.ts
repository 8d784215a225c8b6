// Workspace API tokens: created and revoked by owners, shown once (only the sha-256 is stored),
// scoped read or write, expiring (at most API_TOKEN_MAX_DAYS), every creation, revocation and
// refused use audited. A token acts for the owner who created it: a request is served with the
// lesser of the token's scope (read ≈ viewer, write ≈ editor) and that person's current role in the
// workspace, so removing the person (or demoting them to viewer) stops (or narrows) their tokens.
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { apiTokens, type ApiScope } from "@/lib/db/schema/api";
import { users } from "@/lib/db/schema/auth";
import { auditLog, memberships, workspaces, type Role } from "@/lib/db/schema/workspaces";
import { hasRole, inTransaction, isUuid, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import { hashLinkToken, newLinkToken } from "../link-token";
import { text } from "../validation";

export const API_TOKEN_PREFIX = "wbk_";
export const API_TOKEN_MAX_DAYS = 365;
const DAY_MS = 86_400_000;

export const createApiTokenInput = z.object({
  name: text().trim().min(1, "Give the token a name (what will use it).").max(100, "Use at most 100 characters."),
  scope: z.enum(["read", "write"], { error: "Choose read or write." }),
  expiresInDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(1, "A token lasts at least 1 day.")
    .max(API_TOKEN_MAX_DAYS, `A token lasts at most ${API_TOKEN_MAX_DAYS} days.`),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

export interface ApiTokenView {
  id: string;
  name: string;
  scope: ApiScope;
  prefix: string;
  createdAt: string;
  createdByName: string | null;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  status: "active" | "expired" | "revoked";
}

/** Every token of the workspace, newest first (never the token). Any member may read the list. */
export async function listApiTokens(ctx: WorkspaceCtx, now = new Date()): Promise<ApiTokenView[]> {
  const rows = await ctx.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      prefix: apiTokens.tokenPrefix,
      createdAt: apiTokens.createdAt,
      createdByName: users.name,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.workspaceId, ctx.workspace.id))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    status: r.revokedAt ? "revoked" : r.expiresAt <= now ? "expired" : "active",
  }));
}

/** A new token; the returned `token` is the only time it exists outside the caller's hands. Owners only. */
export async function createApiToken(ctx: WorkspaceCtx, input: CreateApiTokenInput, now = new Date()): Promise<{ id: string; token: string; expiresAt: string }> {
  requireRole(ctx, "owner");
  const v = createApiTokenInput.parse(input);
  const token = `${API_TOKEN_PREFIX}${newLinkToken()}`;
  const expiresAt = new Date(now.getTime() + v.expiresInDays * DAY_MS);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(apiTokens)
      .values({
        workspaceId: tx.workspace.id,
        name: v.name,
        scope: v.scope,
        tokenHash: hashLinkToken(token),
        tokenPrefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        createdBy: tx.actor.id,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, { action: "api.token.create", targetType: "api_token", targetId: row!.id, details: { name: v.name, scope: v.scope, expiresAt: expiresAt.toISOString() } });
    return { id: row!.id, token, expiresAt: expiresAt.toISOString() };
  });
}

/** Revokes a token at once (every instance reads the row on every request). Owners only. */
export async function revokeApiToken(ctx: WorkspaceCtx, tokenId: string): Promise<void> {
  requireRole(ctx, "owner");
  if (!isUuid(tokenId)) throw notFound("API token");
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(apiTokens)
      .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.workspaceId, tx.workspace.id)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    if (!row) throw notFound("API token");
    await recordAudit(tx, { action: "api.token.revoke", targetType: "api_token", targetId: row.id, details: { name: row.name } });
  });
}

/** Why a token was refused, as the audit log records it. */
export type DenialReason = "expired" | "revoked" | "creator_not_member" | "scope" | "other_workspace" | "rate_limited";

export interface AuthenticatedToken {
  tokenId: string;
  tokenName: string;
  scope: ApiScope;
  /** the token's own workspace */
  workspaceId: string;
  /** the creator, as the audit log's actor, and the lesser of scope and membership as the role */
  ctx: WorkspaceCtx | null;
}

export type TokenCheck =
  | { ok: true; token: AuthenticatedToken & { ctx: WorkspaceCtx } }
  | { ok: false; reason: "missing" | "malformed" | "unknown" | Extract<DenialReason, "expired" | "revoked" | "creator_not_member"> };

const TOKEN_SHAPE = new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{40,60}$`);

/** The token of an `Authorization: Bearer …` header, checked against the database. */
export async function authenticateApiToken(db: Db, authorization: string | null, now = new Date()): Promise<TokenCheck> {
  if (!authorization) return { ok: false, reason: "missing" };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m || !TOKEN_SHAPE.test(m[1]!)) return { ok: false, reason: "malformed" };
  const [row] = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      workspaceId: apiTokens.workspaceId,
      workspaceName: workspaces.name,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      userId: users.id,
      email: users.email,
      userName: users.name,
      role: memberships.role,
    })
    .from(apiTokens)
    .innerJoin(workspaces, eq(workspaces.id, apiTokens.workspaceId))
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .leftJoin(memberships, and(eq(memberships.workspaceId, apiTokens.workspaceId), eq(memberships.userId, apiTokens.createdBy)))
    .where(eq(apiTokens.tokenHash, hashLinkToken(m[1]!)));
  if (!row) return { ok: false, reason: "unknown" };
  const refuse = async (reason: "expired" | "revoked" | "creator_not_member"): Promise<TokenCheck> => {
    await recordDenial(db, { workspaceId: row.workspaceId, tokenId: row.id, tokenName: row.name, actorId: row.userId }, reason);
    return { ok: false, reason };
  };
  if (row.revokedAt) return refuse("revoked");
  if (row.expiresAt <= now) return refuse("expired");
  if (!row.userId || !row.role) return refuse("creator_not_member");
  const scopeRole: Role = row.scope === "write" ? "editor" : "viewer";
  const role: Role = hasRole(row.role, scopeRole) ? scopeRole : row.role;
  // One write a minute at most per token for "last used", not one per request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return {
    ok: true,
    token: {
      tokenId: row.id,
      tokenName: row.name,
      scope: row.scope,
      workspaceId: row.workspaceId,
      ctx: { db, actor: { id: row.userId, email: row.email!, name: row.userName! }, workspace: { id: row.workspaceId, name: row.workspaceName }, role },
    },
  };
}

/** A refused use of a real token, in its workspace's audit log (outside any request transaction). */
export async function recordDenial(
  db: Db,
  token: { workspaceId: string; tokenId: string; tokenName: string; actorId: string | null },
  reason: DenialReason,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId: token.workspaceId,
    actorId: token.actorId,
    action: "api.token.denied",
    targetType: "api_token",
    targetId: token.tokenId,
    details: { name: token.tokenName, reason, ...details },
  });
}
