// Delivering one alert by e-mail or webhook: the job of queue alert_deliver, { deliveryId }. The
// delivery row (inserted once by the scan) holds the status, attempts and last answer; a failure
// throws, so the queue retries it with growing delays, and the last failure marks it failed. A
// delivery already sent is never sent again, whatever runs the job again.
import { createHmac } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { alertDeliveries, alerts } from "@/lib/db/schema/alerts";
import { memberships, workspaces } from "@/lib/db/schema/workspaces";
import type { JobInfo } from "@/lib/jobs/queue";
import { appUrl, sendMail } from "@/lib/mail/mailer";
import { alertSentence, KIND_LABEL, type AlertKindDelivered } from "./describe";
import { readAlertSettings } from "./settings";
import { unsubscribeToken } from "./unsubscribe";

export const SIGNATURE_HEADER = "X-Workbench-Signature";
export const TIMESTAMP_HEADER = "X-Workbench-Timestamp";
export const DELIVERY_HEADER = "X-Workbench-Delivery";
const WEBHOOK_TIMEOUT_MS = 10_000;

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<raw body>"): what a receiver recomputes to trust a delivery. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export interface WebhookPayload {
  type: "alert";
  deliveryId: string;
  workspace: { id: string; name: string };
  alert: {
    id: string;
    kind: AlertKindDelivered;
    label: string;
    date: string;
    thresholdPct: number | null;
    allotmentId: string | null;
    contract: { id: string; name: string; vendor: string; url: string };
    text: string;
    foundFor: string;
  };
}

class DeliveryFailed extends Error {}

async function load(db: Db, deliveryId: string) {
  const [row] = await db
    .select({ d: alertDeliveries, a: alerts, workspaceName: workspaces.name })
    .from(alertDeliveries)
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .innerJoin(workspaces, eq(workspaces.id, alertDeliveries.workspaceId))
    .where(eq(alertDeliveries.id, deliveryId));
  return row ?? null;
}

type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

const facts = (a: Loaded["a"]) => ({ kind: a.kind, date: a.date, thresholdPct: a.thresholdPct, allotmentId: a.allotmentId, contractName: a.details.contractName, vendorName: a.details.vendorName });
const contractUrl = (r: Loaded) => `${appUrl()}/w/${r.d.workspaceId}/contracts/${r.a.contractId}`;

async function deliverEmail(db: Db, r: Loaded): Promise<{ code: number | null }> {
  // Someone who left the workspace (or was removed) since the alert was found gets nothing more from it.
  const [member] = await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.workspaceId, r.d.workspaceId), eq(memberships.userId, r.d.userId!)));
  if (!member) throw Object.assign(new DeliveryFailed("the recipient is no longer a member of the workspace"), { final: true });
  const token = await unsubscribeToken(db, r.d.id);
  const unsubscribe = `${appUrl()}/unsubscribe/${token}`;
  const sentence = alertSentence(facts(r.a), r.a.details.foundFor);
  const ok = await sendMail({
    to: r.d.target!,
    subject: `${KIND_LABEL[r.a.kind]}: ${r.a.details.vendorName} · ${r.a.details.contractName}`,
    text: [
      sentence,
      "",
      `Open the contract: ${contractUrl(r)}`,
      `Your alerts in ${r.workspaceName}: ${appUrl()}/w/${r.d.workspaceId}/alerts`,
      "",
      `You receive this because you are a member of ${r.workspaceName} in the Renewal Workbench.`,
      `Stop e-mails about "${KIND_LABEL[r.a.kind].toLowerCase()}" alerts in this workspace: ${unsubscribe}`,
    ].join("\n"),
    headers: { "List-Unsubscribe": `<${appUrl()}/api/unsubscribe/${token}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  });
  if (!ok) throw new DeliveryFailed("the mail server did not accept the message");
  return { code: null };
}

async function deliverWebhook(db: Db, r: Loaded): Promise<{ code: number | null }> {
  const settings = await readAlertSettings(db, r.d.workspaceId);
  // The address may have changed since the alert was found: it goes where the owner now says.
  if (!settings.webhookUrl || !settings.webhookSecret) throw new DeliveryFailed("the workspace has no webhook any more");
  const payload: WebhookPayload = {
    type: "alert",
    deliveryId: r.d.id,
    workspace: { id: r.d.workspaceId, name: r.workspaceName },
    alert: {
      id: r.a.id,
      kind: r.a.kind,
      label: KIND_LABEL[r.a.kind],
      date: r.a.date,
      thresholdPct: r.a.thresholdPct,
      allotmentId: r.a.allotmentId,
      contract: { id: r.a.contractId, name: r.a.details.contractName, vendor: r.a.details.vendorName, url: contractUrl(r) },
      text: alertSentence(facts(r.a), r.a.details.foundFor),
      foundFor: r.a.details.foundFor,
    },
  };
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  await db.update(alertDeliveries).set({ target: settings.webhookUrl }).where(eq(alertDeliveries.id, r.d.id));
  let res: Response;
  try {
    res = await fetch(settings.webhookUrl, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "RenewalWorkbench-Webhook/1",
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: webhookSignature(settings.webhookSecret, timestamp, body),
        [DELIVERY_HEADER]: r.d.id,
      },
      body,
    });
  } catch (e) {
    throw new DeliveryFailed(`no answer from the webhook: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`);
  }
  await res.body?.cancel().catch(() => {});
  if (res.status < 200 || res.status >= 300) throw Object.assign(new DeliveryFailed(`the webhook answered ${res.status}`), { code: res.status });
  return { code: res.status };
}

/** The job. Returns what happened, for tests; throws to be retried. */
export async function runAlertDelivery(db: Db, data: { deliveryId: string }, job?: JobInfo): Promise<"sent" | "already" | "gone"> {
  const r = await load(db, data.deliveryId);
  if (!r) return "gone";
  if (r.d.status === "sent") return "already";
  await db
    .update(alertDeliveries)
    .set({ attempts: sql`${alertDeliveries.attempts} + 1`, lastAttemptAt: sql`now()` })
    .where(eq(alertDeliveries.id, r.d.id));
  try {
    const { code } = r.d.channel === "email" ? await deliverEmail(db, r) : await deliverWebhook(db, r);
    await db
      .update(alertDeliveries)
      .set({ status: "sent", sentAt: sql`now()`, lastStatusCode: code, lastError: null })
      .where(and(eq(alertDeliveries.id, r.d.id), eq(alertDeliveries.status, "pending")));
    return "sent";
  } catch (e) {
    const final = (e as { final?: unknown }).final === true;
    const last = final || !job || job.retryCount >= job.retryLimit;
    const code = (e as { code?: unknown }).code;
    await db
      .update(alertDeliveries)
      .set({ lastError: e instanceof Error ? e.message : String(e), lastStatusCode: typeof code === "number" ? code : null, ...(last ? { status: "failed" as const } : {}) })
      .where(eq(alertDeliveries.id, r.d.id));
    // Nothing to retry: the delivery stays failed, and the job ends.
    if (final) return "gone";
    throw e;
  }
}
