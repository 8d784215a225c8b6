// The unsubscribe link of an alert e-mail: `<delivery id>.<HMAC of it>`, signed with the app's
// secret (NEXTAUTH_SECRET, or the one kept in the database), so it needs no sign-in and no stored
// token. It turns off e-mail for that alert's kind, for that member, in that workspace; the inbox stays.
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { alertDeliveries, alertPreferences, alerts, type AlertKindDelivered } from "@/lib/db/schema/alerts";
import { users } from "@/lib/db/schema/auth";
import { auditLog, memberships, workspaces } from "@/lib/db/schema/workspaces";
import { loadOrCreateAuthSecret } from "@/lib/auth/secret";
import { isUuid } from "../context";

async function secret(db: Db): Promise<string> {
  return process.env.NEXTAUTH_SECRET || (await loadOrCreateAuthSecret(db));
}

const mac = (key: string, deliveryId: string) => createHmac("sha256", key).update(`alerts-unsubscribe:${deliveryId}`).digest("base64url");

export async function unsubscribeToken(db: Db, deliveryId: string): Promise<string> {
  return `${deliveryId}.${mac(await secret(db), deliveryId)}`;
}

export interface UnsubscribeTarget {
  deliveryId: string;
  workspaceId: string;
  workspaceName: string;
  userId: string;
  email: string;
  kind: AlertKindDelivered;
  /** e-mail of this kind is already off */
  off: boolean;
}

/** Who and what a token stands for, or null for a forged, malformed or dangling one. */
export async function readUnsubscribeToken(db: Db, token: string): Promise<UnsubscribeTarget | null> {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m || !isUuid(m[1]!)) return null;
  const expected = Buffer.from(mac(await secret(db), m[1]!));
  const given = Buffer.from(m[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [row] = await db
    .select({ deliveryId: alertDeliveries.id, workspaceId: alertDeliveries.workspaceId, workspaceName: workspaces.name, userId: users.id, email: users.email, kind: alerts.kind, channel: alertDeliveries.channel, wantsEmail: alertPreferences.email })
    .from(alertDeliveries)
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .innerJoin(workspaces, eq(workspaces.id, alertDeliveries.workspaceId))
    .innerJoin(users, eq(users.id, alertDeliveries.userId))
    .leftJoin(alertPreferences, and(eq(alertPreferences.workspaceId, alertDeliveries.workspaceId), eq(alertPreferences.userId, alertDeliveries.userId), eq(alertPreferences.kind, alerts.kind)))
    .where(eq(alertDeliveries.id, m[1]!));
  if (!row || row.channel !== "email") return null;
  return { deliveryId: row.deliveryId, workspaceId: row.workspaceId, workspaceName: row.workspaceName, userId: row.userId, email: row.email, kind: row.kind, off: row.wantsEmail === false };
}

/**
 * Turns e-mail of the token's kind off for its member (kept in the inbox), audited as the member's
 * own change. Idempotent; null when the token is not valid. A former member's link changes nothing.
 */
export async function unsubscribeByToken(db: Db, token: string): Promise<UnsubscribeTarget | null> {
  const t = await readUnsubscribeToken(db, token);
  if (!t) return null;
  if (t.off) return t;
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [member] = await tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.workspaceId, t.workspaceId), eq(memberships.userId, t.userId)));
    if (!member) return;
    await tx
      .insert(alertPreferences)
      .values({ workspaceId: t.workspaceId, userId: t.userId, kind: t.kind, inbox: true, email: false })
      .onConflictDoUpdate({ target: [alertPreferences.workspaceId, alertPreferences.userId, alertPreferences.kind], set: { email: false, updatedAt: sql`now()` } });
    await tx.insert(auditLog).values({ workspaceId: t.workspaceId, actorId: t.userId, action: "alerts.unsubscribe", targetType: "user", targetId: t.userId, details: { kind: t.kind, via: "e-mail link" } });
  });
  return { ...t, off: true };
}
