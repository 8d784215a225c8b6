import { and, asc, desc, eq, gt, ilike, inArray, lt, or } from "drizzle-orm";
import { users } from "@/lib/db/schema/auth";
import { briefs } from "@/lib/db/schema/briefs";
import { contracts, scenarios } from "@/lib/db/schema/contracts";
import { rateCards } from "@/lib/db/schema/ratecards";
import { vendors } from "@/lib/db/schema/vendors";
import { auditLog, memberships } from "@/lib/db/schema/workspaces";
import { isUuid } from "../context";
import { requireRole, type WorkspaceCtx } from "../context";
import { containsPattern } from "../list-params";

export interface AuditRow {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown> | null;
  createdAt: Date;
  seq: number;
  actorEmail: string | null;
  actorName: string | null;
}

/** The `seq` of the last row shown: the next page starts below it. */
export type AuditCursor = number;

/** What an entry is about, as the log's filter offers it: each kind and the target types it covers. */
export const AUDIT_KINDS = {
  contracts: { label: "Contracts and burn", types: ["contract"] },
  scenarios: { label: "Scenarios", types: ["scenario"] },
  briefs: { label: "Briefs and share links", types: ["brief", "brief_share"] },
  ratecards: { label: "Rate cards", types: ["rate_card", "rate_card_version"] },
  vendors: { label: "Vendors", types: ["vendor"] },
  people: { label: "Members and invitations", types: ["invitation", "user"] },
  workspace: { label: "Workspace and settings", types: ["workspace", "calendar_feed"] },
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;

export interface AuditFilter {
  /** who did it or what was done (the action's name) containing this text, any case */
  q?: string;
  /** entries by this member (a user id) */
  actorId?: string;
  kind?: AuditKind;
}

/**
 * Owners browse the audit log, newest first, a page at a time, in the order rows were written (rows
 * of one transaction share their time; their seq tells them apart). The cursor is the last row's seq.
 * A filter narrows the entries; the cursor pages through what it leaves.
 */
export async function listAudit(ctx: WorkspaceCtx, input: { before?: AuditCursor; after?: AuditCursor; limit?: number } & AuditFilter = {}): Promise<AuditRow[]> {
  requireRole(ctx, "owner");
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  // `after` pages back towards the newest: the `limit` entries just newer than the cursor, read
  // oldest first from it and returned newest first like every page.
  const newer = input.before === undefined && input.after !== undefined;
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      seq: auditLog.seq,
      actorEmail: users.email,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.workspaceId, ctx.workspace.id),
        input.before !== undefined ? lt(auditLog.seq, input.before) : undefined,
        newer ? gt(auditLog.seq, input.after!) : undefined,
        input.q ? or(ilike(users.name, containsPattern(input.q)), ilike(users.email, containsPattern(input.q)), ilike(auditLog.action, containsPattern(input.q.replace(/\s+/g, "_")))) : undefined,
        input.actorId ? (isUuid(input.actorId) ? eq(auditLog.actorId, input.actorId) : eq(auditLog.actorId, "00000000-0000-0000-0000-000000000000")) : undefined,
        input.kind ? inArray(auditLog.targetType, [...AUDIT_KINDS[input.kind].types]) : undefined,
      ),
    )
    .orderBy(newer ? asc(auditLog.seq) : desc(auditLog.seq))
    .limit(limit);
  return newer ? rows.reverse() : rows;
}

/**
 * The current names of what audit entries point at (their targets, and the contract or rate card
 * their details name), read in this workspace only. Deleted things are absent: entries keep the
 * name they had in their details.
 */
export async function auditNames(ctx: WorkspaceCtx, rows: AuditRow[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.targetId && isUuid(r.targetId)) ids.add(r.targetId);
    for (const k of ["contractId", "rateCardId"] as const) {
      const v = r.details?.[k];
      if (typeof v === "string" && isUuid(v)) ids.add(v);
    }
  }
  const names = new Map<string, string>();
  if (ids.size === 0) return names;
  const list = [...ids];
  const ws = ctx.workspace.id;
  const found = await Promise.all([
    ctx.db.select({ id: contracts.id, name: contracts.name }).from(contracts).where(and(eq(contracts.workspaceId, ws), inArray(contracts.id, list))),
    ctx.db.select({ id: scenarios.id, name: scenarios.name }).from(scenarios).where(and(eq(scenarios.workspaceId, ws), inArray(scenarios.id, list))),
    ctx.db.select({ id: briefs.id, name: briefs.title }).from(briefs).where(and(eq(briefs.workspaceId, ws), inArray(briefs.id, list))),
    ctx.db.select({ id: rateCards.id, name: rateCards.name }).from(rateCards).where(and(eq(rateCards.workspaceId, ws), inArray(rateCards.id, list))),
    ctx.db.select({ id: vendors.id, name: vendors.name }).from(vendors).where(and(eq(vendors.workspaceId, ws), inArray(vendors.id, list))),
    ctx.db
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, ws), inArray(users.id, list))),
  ]);
  for (const group of found) for (const r of group) names.set(r.id, r.name);
  return names;
}
