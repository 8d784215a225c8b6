// The workspace's renewal calendar feed: a secret URL (token shown once, only its hash stored),
// created, replaced and revoked by editors and owners, every change audited. The feed itself is
// read by calendar clients without a session: the token is the only credential, and it opens the
// dates of its own workspace and nothing else.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { calendarFeeds } from "@/lib/db/schema/calendar";
import { contracts } from "@/lib/db/schema/contracts";
import { contractForecasts } from "@/lib/db/schema/forecasts";
import { vendors } from "@/lib/db/schema/vendors";
import { workspaces } from "@/lib/db/schema/workspaces";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import { hashLinkToken, newLinkToken } from "../link-token";
import { buildCalendarEvents, type CalendarEvent } from "./events";

export interface CalendarFeedStatus {
  id: string;
  createdAt: string;
  lastFetchedAt: string | null;
}

/** The live feed of the workspace (no token: it is never stored), or null. Readable by every member. */
export async function getCalendarFeed(ctx: WorkspaceCtx): Promise<CalendarFeedStatus | null> {
  const [row] = await ctx.db
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt, lastFetchedAt: calendarFeeds.lastFetchedAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.workspaceId, ctx.workspace.id), isNull(calendarFeeds.revokedAt)));
  if (!row) return null;
  return { id: row.id, createdAt: row.createdAt.toISOString(), lastFetchedAt: row.lastFetchedAt?.toISOString() ?? null };
}

/**
 * Creates the workspace's feed URL, revoking the one before (if any) in the same transaction: the
 * returned token is the only time it exists outside the caller's calendar.
 */
export async function createCalendarFeed(ctx: WorkspaceCtx): Promise<{ id: string; token: string }> {
  requireRole(ctx, "editor");
  return inTransaction(ctx, async (tx) => {
    // Serialises two creations in the same workspace: the second waits, then replaces the first.
    await tx.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, tx.workspace.id)).for("update");
    const replaced = await tx.db
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.workspaceId, tx.workspace.id), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id });
    const token = newLinkToken();
    const [feed] = await tx.db
      .insert(calendarFeeds)
      .values({ workspaceId: tx.workspace.id, tokenHash: hashLinkToken(token), createdBy: tx.actor.id })
      .returning({ id: calendarFeeds.id });
    await recordAudit(tx, {
      action: "calendar.feed.create",
      targetType: "calendar_feed",
      targetId: feed!.id,
      details: replaced.length ? { replaced: replaced.map((r) => r.id) } : undefined,
    });
    return { id: feed!.id, token };
  });
}

/** Revokes the live feed: its URL answers 404 from now on. */
export async function revokeCalendarFeed(ctx: WorkspaceCtx): Promise<void> {
  requireRole(ctx, "editor");
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.workspaceId, tx.workspace.id), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id });
    if (!row) throw notFound("Calendar feed");
    await recordAudit(tx, { action: "calendar.feed.revoke", targetType: "calendar_feed", targetId: row.id });
  });
}

/**
 * The events behind a feed token, for whoever holds it: null unless the token is a live feed's. Dates
 * come from the contracts and the stored forecast of record (its headline), never from running the
 * engine; a forecast not computed yet, or unavailable, simply has no run-out event.
 */
export async function calendarForToken(db: Db, token: string, now = new Date()): Promise<{ workspaceId: string; workspaceName: string; events: CalendarEvent[] } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [feed] = await db
    .select({ id: calendarFeeds.id, workspaceId: calendarFeeds.workspaceId, workspaceName: workspaces.name })
    .from(calendarFeeds)
    .innerJoin(workspaces, eq(workspaces.id, calendarFeeds.workspaceId))
    .where(and(eq(calendarFeeds.tokenHash, hashLinkToken(token)), isNull(calendarFeeds.revokedAt)));
  if (!feed) return null;
  const rows = await db
    .select({
      contractId: contracts.id,
      contractName: contracts.name,
      vendorName: vendors.name,
      currency: contracts.currency,
      renewalDate: contracts.renewalDate,
      noticeDays: contracts.noticeDays,
      status: contractForecasts.status,
      headline: contractForecasts.headline,
    })
    .from(contracts)
    .innerJoin(vendors, and(eq(vendors.id, contracts.vendorId), eq(vendors.workspaceId, contracts.workspaceId)))
    .leftJoin(contractForecasts, eq(contractForecasts.contractId, contracts.id))
    .where(eq(contracts.workspaceId, feed.workspaceId))
    .orderBy(asc(vendors.name), asc(contracts.name));
  await db.update(calendarFeeds).set({ lastFetchedAt: now }).where(eq(calendarFeeds.id, feed.id));
  const events = buildCalendarEvents(
    rows.map((r) => ({
      contractId: r.contractId,
      contractName: r.contractName,
      vendorName: r.vendorName,
      currency: r.currency,
      renewalDate: r.renewalDate,
      noticeDays: r.noticeDays,
      headline: r.status === "ready" && r.headline ? { asOf: r.headline.asOf, runOut: r.headline.runOut } : null,
    })),
  );
  return { workspaceId: feed.workspaceId, workspaceName: feed.workspaceName, events };
}
