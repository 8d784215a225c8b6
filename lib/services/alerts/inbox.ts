// A member's alert inbox (their own deliveries only) and the webhook's delivery log (owners).
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { alertDeliveries, alerts, type AlertKindDelivered } from "@/lib/db/schema/alerts";
import { requireRole, type WorkspaceCtx } from "../context";

export interface InboxItem {
  deliveryId: string;
  alertId: string;
  kind: AlertKindDelivered;
  date: string;
  thresholdPct: number | null;
  allotmentId: string | null;
  contractId: string;
  contractName: string;
  vendorName: string;
  foundFor: string;
  createdAt: string;
  read: boolean;
}

/** The caller's alerts in this workspace, newest first, with the number unread. */
export async function listInbox(ctx: WorkspaceCtx, options: { limit?: number } = {}): Promise<{ items: InboxItem[]; unread: number }> {
  const mine = and(eq(alertDeliveries.workspaceId, ctx.workspace.id), eq(alertDeliveries.userId, ctx.actor.id), eq(alertDeliveries.channel, "inbox"));
  const rows = await ctx.db
    .select({ d: alertDeliveries, a: alerts })
    .from(alertDeliveries)
    .innerJoin(alerts, and(eq(alerts.id, alertDeliveries.alertId), eq(alerts.workspaceId, alertDeliveries.workspaceId)))
    .where(mine)
    .orderBy(desc(alertDeliveries.createdAt), desc(alerts.date))
    .limit(options.limit ?? 200);
  const [unread] = await ctx.db.select({ n: count() }).from(alertDeliveries).where(and(mine, isNull(alertDeliveries.readAt)));
  return {
    unread: unread?.n ?? 0,
    items: rows.map(({ d, a }) => ({
      deliveryId: d.id,
      alertId: a.id,
      kind: a.kind,
      date: a.date,
      thresholdPct: a.thresholdPct,
      allotmentId: a.allotmentId,
      contractId: a.contractId,
      contractName: a.details.contractName,
      vendorName: a.details.vendorName,
      foundFor: a.details.foundFor,
      createdAt: d.createdAt.toISOString(),
      read: d.readAt !== null,
    })),
  };
}

export const markReadInput = z.object({ ids: z.union([z.literal("all"), z.array(z.string().uuid("Not an alert id.")).max(500)]) });

/** Marks the caller's own inbox entries read (ids of another member or workspace change nothing). */
export async function markAlertsRead(ctx: WorkspaceCtx, input: z.input<typeof markReadInput>): Promise<number> {
  const { ids } = markReadInput.parse(input);
  if (ids !== "all" && ids.length === 0) return 0;
  const rows = await ctx.db
    .update(alertDeliveries)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(alertDeliveries.workspaceId, ctx.workspace.id),
        eq(alertDeliveries.userId, ctx.actor.id),
        eq(alertDeliveries.channel, "inbox"),
        isNull(alertDeliveries.readAt),
        ...(ids === "all" ? [] : [inArray(alertDeliveries.id, ids)]),
      ),
    )
    .returning({ id: alertDeliveries.id });
  return rows.length;
}

export interface WebhookLogItem {
  deliveryId: string;
  kind: AlertKindDelivered;
  contractName: string;
  vendorName: string;
  date: string;
  target: string | null;
  status: "pending" | "sent" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
}

/** The workspace's webhook deliveries, newest first. Owners only. */
export async function listWebhookDeliveries(ctx: WorkspaceCtx, options: { limit?: number } = {}): Promise<WebhookLogItem[]> {
  requireRole(ctx, "owner");
  const rows = await ctx.db
    .select({ d: alertDeliveries, a: alerts })
    .from(alertDeliveries)
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .where(and(eq(alertDeliveries.workspaceId, ctx.workspace.id), eq(alertDeliveries.channel, "webhook")))
    .orderBy(desc(alertDeliveries.createdAt))
    .limit(options.limit ?? 50);
  return rows.map(({ d, a }) => ({
    deliveryId: d.id,
    kind: a.kind,
    contractName: a.details.contractName,
    vendorName: a.details.vendorName,
    date: a.date,
    target: d.target,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  }));
}

/** How many of the caller's alerts in this workspace are unread (the navigation shows it). */
export async function countUnreadAlerts(ctx: WorkspaceCtx): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.workspaceId, ctx.workspace.id), eq(alertDeliveries.userId, ctx.actor.id), eq(alertDeliveries.channel, "inbox"), isNull(alertDeliveries.readAt)));
  return row?.n ?? 0;
}
