// The daily alert job: finds, per workspace, the threshold crossings of the stored forecast of record,
// the run-outs within the workspace's horizon and the notice deadlines within it, and records each one
// once (a unique key per contract, kind and subject). A newly recorded alert gets its deliveries in
// the same transaction (each member's inbox and e-mail as they chose, the workspace's webhook), each
// inserted ON CONFLICT DO NOTHING, and the e-mails and webhook calls are queued as jobs that commit
// with it. Two runs, or two instances running at once, therefore deliver every alert exactly once.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { alertDeliveries, alertPreferences, alerts, type AlertKindDelivered } from "@/lib/db/schema/alerts";
import { users } from "@/lib/db/schema/auth";
import { contracts } from "@/lib/db/schema/contracts";
import { contractForecasts } from "@/lib/db/schema/forecasts";
import { vendors } from "@/lib/db/schema/vendors";
import { memberships, workspaces } from "@/lib/db/schema/workspaces";
import { addDays, daysBetween } from "@/lib/engine/calendar";
import { enqueue } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import type { ForecastHeadline } from "../forecast/types";
import { readAlertSettings } from "./settings";

export interface ContractFacts {
  contractId: string;
  contractName: string;
  vendorName: string;
  termEnd: string;
  renewalDate: string | null;
  noticeDays: number | null;
  /** the stored forecast of record's headline, when it is ready */
  headline: ForecastHeadline | null;
}

export interface AlertCandidate {
  contractId: string;
  kind: AlertKindDelivered;
  /** what makes it this alert and no other (the unique key with contract and kind) */
  subject: string;
  date: string;
  thresholdPct: number | null;
  allotmentId: string | null;
  basis?: string;
}

/**
 * The alerts a contract has today. A notice deadline from today to `horizonDays` ahead; a run-out of
 * the forecast of record no later than `horizonDays` ahead while the term lasts (one per term: a
 * forecast that moves the date by a day does not alert again); each threshold the forecast has
 * crossed in the allotment's current cycle (its allotment, threshold and date).
 */
export function alertCandidates(c: ContractFacts, today: string, horizonDays: number): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const base = { contractId: c.contractId, thresholdPct: null, allotmentId: null };
  if (c.renewalDate && c.noticeDays !== null) {
    const deadline = addDays(c.renewalDate, -c.noticeDays);
    const d = daysBetween(today, deadline);
    if (d >= 0 && d <= horizonDays) out.push({ ...base, kind: "notice", subject: `notice:${deadline}`, date: deadline });
  }
  const h = c.headline;
  if (h && today < c.termEnd) {
    if (h.runOut && daysBetween(today, h.runOut.date) <= horizonDays) out.push({ ...base, kind: "runOut", subject: `term:${c.termEnd}`, date: h.runOut.date, basis: h.basis });
    for (const a of h.alerts) {
      if (a.kind !== "crossed" || a.thresholdPct === undefined) continue;
      out.push({ ...base, kind: "crossed", subject: `${a.allotmentId ?? ""}:${a.thresholdPct}:${a.date}`, date: a.date, thresholdPct: a.thresholdPct, allotmentId: a.allotmentId ?? null, basis: h.basis });
    }
  }
  return out;
}

/** Seconds before a failed e-mail or webhook call is tried again (doubled each time, with jitter). */
export const deliveryRetryDelay = () => Math.max(1, Number(process.env.ALERT_RETRY_DELAY_SECONDS ?? 10) || 10);

export interface ScanResult {
  workspaces: number;
  found: number;
  /** alerts recorded by this run (the others were already recorded) */
  created: number;
  deliveries: number;
}

async function workspaceFacts(db: Db, workspaceId: string): Promise<ContractFacts[]> {
  const rows = await db
    .select({
      contractId: contracts.id,
      contractName: contracts.name,
      vendorName: vendors.name,
      termEnd: contracts.termEnd,
      renewalDate: contracts.renewalDate,
      noticeDays: contracts.noticeDays,
      status: contractForecasts.status,
      headline: contractForecasts.headline,
    })
    .from(contracts)
    .innerJoin(vendors, and(eq(vendors.id, contracts.vendorId), eq(vendors.workspaceId, contracts.workspaceId)))
    .leftJoin(contractForecasts, eq(contractForecasts.contractId, contracts.id))
    .where(eq(contracts.workspaceId, workspaceId))
    .orderBy(asc(contracts.id));
  return rows.map((r) => ({ ...r, headline: r.status === "ready" ? (r.headline ?? null) : null }));
}

/** Records one alert if it is new, with its deliveries and their jobs, in one transaction. */
async function recordAlert(db: Db, workspaceId: string, c: ContractFacts, a: AlertCandidate, today: string, webhookUrl: string | null): Promise<number | null> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [created] = await tx
      .insert(alerts)
      .values({
        workspaceId,
        contractId: a.contractId,
        kind: a.kind,
        subject: a.subject,
        date: a.date,
        thresholdPct: a.thresholdPct,
        allotmentId: a.allotmentId,
        details: { contractName: c.contractName, vendorName: c.vendorName, foundFor: today, ...(a.basis ? { basis: a.basis } : {}) },
      })
      .onConflictDoNothing()
      .returning({ id: alerts.id });
    if (!created) return null;
    const members = await tx
      .select({ userId: users.id, email: users.email, inbox: alertPreferences.inbox, wantsEmail: alertPreferences.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(alertPreferences, and(eq(alertPreferences.workspaceId, memberships.workspaceId), eq(alertPreferences.userId, memberships.userId), eq(alertPreferences.kind, a.kind)))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(users.id));
    const rows: (typeof alertDeliveries.$inferInsert)[] = [];
    for (const m of members) {
      if (m.inbox ?? true) rows.push({ alertId: created.id, workspaceId, channel: "inbox", recipient: m.userId, userId: m.userId, status: "sent", sentAt: sql`now()` as never });
      if (m.wantsEmail ?? true) rows.push({ alertId: created.id, workspaceId, channel: "email", recipient: m.userId, userId: m.userId, target: m.email });
    }
    if (webhookUrl) rows.push({ alertId: created.id, workspaceId, channel: "webhook", recipient: "webhook", target: webhookUrl });
    if (rows.length === 0) return 0;
    const inserted = await tx.insert(alertDeliveries).values(rows).onConflictDoNothing().returning({ id: alertDeliveries.id, channel: alertDeliveries.channel });
    for (const d of inserted) {
      if (d.channel === "inbox") continue;
      await enqueue(tx, QUEUES.alertDeliver.name, { deliveryId: d.id }, { retryDelaySeconds: deliveryRetryDelay() });
    }
    return inserted.length;
  });
}

/** Looks for new alerts in one workspace, or in every workspace (the daily run). A system job. */
export async function runAlertScan(db: Db, data: { workspaceId?: string }, options: { today: string }): Promise<ScanResult> {
  const ids = data.workspaceId
    ? [data.workspaceId]
    : (await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.id))).map((w) => w.id);
  const result: ScanResult = { workspaces: 0, found: 0, created: 0, deliveries: 0 };
  for (const workspaceId of ids) {
    const settings = await readAlertSettings(db, workspaceId);
    const facts = await workspaceFacts(db, workspaceId);
    result.workspaces += 1;
    for (const c of facts) {
      for (const a of alertCandidates(c, options.today, settings.horizonDays)) {
        result.found += 1;
        const n = await recordAlert(db, workspaceId, c, a, options.today, settings.webhookUrl);
        if (n !== null) {
          result.created += 1;
          result.deliveries += n;
        }
      }
    }
  }
  return result;
}

/** After a forecast of record is stored: look for that workspace's new alerts (queued once per workspace at a time). */
export async function enqueueAlertScan(db: Db, workspaceId: string): Promise<void> {
  await enqueue(db, QUEUES.alertsDaily.name, { workspaceId }, { singletonKey: `workspace:${workspaceId}` });
}
