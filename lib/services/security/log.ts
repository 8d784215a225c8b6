// The security log: what happened to accounts and access, in PostgreSQL (every instance writes the
// same table). A record never carries a secret: no password, no token, no link.
import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/auth";
import { securityEvents } from "@/lib/db/schema/security";
import { memberships } from "@/lib/db/schema/workspaces";
import { requireRole, type ActorCtx, type WorkspaceCtx } from "../context";

export const SECURITY_EVENT_KINDS = {
  sign_in: "Signed in",
  email_confirmed: "E-mail address confirmed",
  sign_up_unconfirmed: "Sign-in refused: e-mail not confirmed yet",
  sign_in_failed: "Sign-in failed",
  sign_in_throttled: "Sign-in delayed after repeated failures",
  sign_up_throttled: "Sign-up delayed: too many accounts from one address",
  password_changed: "Password changed",
  password_reset_requested: "Password reset requested",
  password_reset: "Password reset by e-mail link",
  password_reset_refused: "Password reset link refused",
  sessions_ended: "Signed out everywhere else",
  access_denied: "Access refused",
  role_changed: "Role changed",
} as const;
export type SecurityEventKind = keyof typeof SECURITY_EVENT_KINDS;

export interface SecurityEventInput {
  kind: SecurityEventKind;
  userId?: string | null;
  email?: string | null;
  workspaceId?: string | null;
  address?: string | null;
  detail?: string;
}

/** How long events are kept (the daily job deletes older ones). */
export const SECURITY_LOG_DAYS = 180;

/**
 * Writes one event. Pass the transaction when the event belongs to a write (a role change, a
 * password change) so both commit together. For refusals, pass the plain database: the refused
 * request's own transaction rolls back. A failure to log is reported, never turned into an outage.
 */
export async function recordSecurityEvent(db: Db, e: SecurityEventInput): Promise<void> {
  try {
    await db.insert(securityEvents).values({
      kind: e.kind,
      userId: e.userId ?? null,
      email: e.email ? e.email.slice(0, 320) : null,
      workspaceId: e.workspaceId ?? null,
      address: e.address ?? null,
      detail: (e.detail ?? "").slice(0, 500),
    });
  } catch (err) {
    console.error(`[security] could not record ${e.kind}`, err);
  }
}

export interface SecurityEventRow {
  id: string;
  at: Date;
  kind: SecurityEventKind;
  label: string;
  who: string | null;
  email: string | null;
  address: string | null;
  detail: string;
}

const PAGE = 200;

function rows(list: (typeof securityEvents.$inferSelect & { who: string | null; whoEmail: string | null })[]): SecurityEventRow[] {
  return list.map((r) => ({
    id: r.id,
    at: r.at,
    kind: r.kind as SecurityEventKind,
    label: SECURITY_EVENT_KINDS[r.kind as SecurityEventKind] ?? r.kind,
    who: r.who,
    email: r.whoEmail ?? r.email,
    address: r.address,
    detail: r.detail,
  }));
}

/**
 * For owners: the workspace's own events (refused access, role changes) and the account events of
 * its current members (sign-ins, failures, password changes), newest first.
 */
export async function listWorkspaceSecurityEvents(ctx: WorkspaceCtx, limit = PAGE): Promise<SecurityEventRow[]> {
  requireRole(ctx, "owner");
  const members = ctx.db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.workspaceId, ctx.workspace.id));
  const memberEmails = ctx.db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ctx.workspace.id));
  const list = await ctx.db
    .select({ ...columns(), who: users.name, whoEmail: users.email })
    .from(securityEvents)
    .leftJoin(users, eq(users.id, securityEvents.userId))
    .where(
      or(
        eq(securityEvents.workspaceId, ctx.workspace.id),
        and(sql`${securityEvents.workspaceId} is null`, or(inArray(securityEvents.userId, members), inArray(securityEvents.email, memberEmails))),
      ),
    )
    .orderBy(desc(securityEvents.at), desc(securityEvents.id))
    .limit(Math.min(limit, 1000));
  return rows(list);
}

/** For everyone: the events of one's own account, newest first. */
export async function listOwnSecurityEvents(ctx: ActorCtx, limit = 50): Promise<SecurityEventRow[]> {
  const list = await ctx.db
    .select({ ...columns(), who: users.name, whoEmail: users.email })
    .from(securityEvents)
    .leftJoin(users, eq(users.id, securityEvents.userId))
    .where(and(sql`${securityEvents.workspaceId} is null`, or(eq(securityEvents.userId, ctx.actor.id), eq(securityEvents.email, ctx.actor.email))))
    .orderBy(desc(securityEvents.at), desc(securityEvents.id))
    .limit(Math.min(limit, 500));
  return rows(list);
}

function columns() {
  return {
    id: securityEvents.id,
    at: securityEvents.at,
    kind: securityEvents.kind,
    userId: securityEvents.userId,
    email: securityEvents.email,
    workspaceId: securityEvents.workspaceId,
    address: securityEvents.address,
    detail: securityEvents.detail,
  };
}

export async function pruneSecurityEvents(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - SECURITY_LOG_DAYS * 86_400_000);
  const gone = await db
    .delete(securityEvents)
    .where(lt(securityEvents.at, sql`${cutoff.toISOString()}::timestamptz`))
    .returning({ id: securityEvents.id });
  return gone.length;
}
