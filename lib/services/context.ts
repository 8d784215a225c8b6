import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { memberships, workspaces, type Role } from "@/lib/db/schema/workspaces";
import { forbidden, notFound } from "./errors";
import { recordSecurityEvent } from "./security/log";

export interface Actor {
  id: string;
  email: string;
  name: string;
}

export interface ActorCtx {
  db: Db;
  actor: Actor;
}

export interface WorkspaceCtx extends ActorCtx {
  workspace: { id: string; name: string };
  /** the caller's role, read from their membership of this workspace */
  role: Role;
  /**
   * A page render's memo of rows read by id (set only for server-rendered pages, which write
   * nothing while they render): the layout, the title and every service a page calls read the
   * contract once. Used only while `ctx.db` is the handle it was made for (never inside a
   * transaction or snapshot of its own).
   */
  renderReads?: { db: Db; rows: Map<string, Promise<unknown>> };
}

/** `load()` once per page render for `key` (see WorkspaceCtx.renderReads); a failed read is not kept. */
export function readOncePerRender<T>(ctx: WorkspaceCtx, key: string, load: () => Promise<T>): Promise<T> {
  const memo = ctx.renderReads;
  if (!memo || memo.db !== ctx.db) return load();
  let p = memo.rows.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    memo.rows.set(key, p);
    p.catch(() => memo.rows.delete(key));
  }
  return p;
}

const rank: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return rank[role] >= rank[atLeast];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => uuidPattern.test(value);

/**
 * Resolves the workspace a request acts on from the caller's membership. A workspace the caller does
 * not belong to is "not found", exactly like one that does not exist, so ids cannot be probed.
 */
export async function resolveWorkspace(ctx: ActorCtx, workspaceId: string, atLeast: Role = "viewer"): Promise<WorkspaceCtx> {
  if (!isUuid(workspaceId)) throw notFound("Workspace");
  const [row] = await ctx.db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, ctx.actor.id)))
    .limit(1);
  if (!row) {
    // Refused access to a workspace that exists goes in its security log; the caller hears "not found" either way.
    const [exists] = await ctx.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
    if (exists) {
      await recordSecurityEvent(ctx.db, { kind: "access_denied", userId: ctx.actor.id, workspaceId, detail: `${ctx.actor.email} is not a member` });
    }
    throw notFound("Workspace");
  }
  const wctx: WorkspaceCtx = { ...ctx, workspace: { id: row.id, name: row.name }, role: row.role };
  if (!hasRole(row.role, atLeast)) {
    await recordSecurityEvent(ctx.db, {
      kind: "access_denied",
      userId: ctx.actor.id,
      workspaceId,
      detail: `${ctx.actor.email} (${row.role}) tried an action that needs ${atLeast}`,
    });
  }
  requireRole(wctx, atLeast);
  return wctx;
}

export function requireRole(ctx: WorkspaceCtx, atLeast: Role): void {
  if (!hasRole(ctx.role, atLeast)) {
    throw forbidden(
      atLeast === "owner"
        ? "Only an owner of this workspace can do that."
        : "Viewers can read this workspace but not change it.",
    );
  }
}

/** Runs `fn` in one transaction with the same context, so a write and its audit row commit together. */
export async function inTransaction<C extends ActorCtx, T>(ctx: C, fn: (tx: C) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx as unknown as Db }));
}
