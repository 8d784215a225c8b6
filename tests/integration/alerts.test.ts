// Alerts delivered: the daily job on two job-queue instances records each new alert once and
// delivers it once per member by e-mail (a local SMTP server) and in the inbox, and once to the
// workspace's webhook (a local HTTP receiver, signed; a failing one is retried); unsubscribing stops
// the next e-mail; another workspace's alerts, settings and webhook log are neither visible nor writable.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/lib/db/client";
import { alertDeliveries, alerts } from "@/lib/db/schema/alerts";
import { users } from "@/lib/db/schema/auth";
import { auditLog, memberships, workspaces } from "@/lib/db/schema/workspaces";
import { DEMO_LOGIN, DEMO_WORKSPACE, seedDemo } from "@/lib/db/seed";
import { createJobQueue, type JobQueue } from "@/lib/jobs/queue";
import { enqueue } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import { runAlertDelivery } from "@/lib/services/alerts/deliver";
import { listInbox, listWebhookDeliveries, markAlertsRead } from "@/lib/services/alerts/inbox";
import { runAlertScan } from "@/lib/services/alerts/scan";
import { getAlertPreferences, getAlertSettings, updateAlertPreferences, updateAlertSettings } from "@/lib/services/alerts/settings";
import { readUnsubscribeToken, unsubscribeByToken } from "@/lib/services/alerts/unsubscribe";
import { resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { listContracts } from "@/lib/services/contracts/list";
import { runForecastJob } from "@/lib/services/forecast/recompute";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeWorkspace } from "./factories";
import { startMailPeer } from "./mail-peer";

const DAY1 = "2026-11-22";
const DAY2 = "2026-12-02";
const APP = "https://wb.example.test";
const SECRET = "a-webhook-secret-of-some-length";

let t: TestDb;
let second: { db: Db; close: () => Promise<void> } | null = null;
let dbB: Db;
let demo: WorkspaceCtx;
let editor: WorkspaceCtx;
let other: WorkspaceCtx;
let peer: Awaited<ReturnType<typeof startMailPeer>>;
const queues: JobQueue[] = [];
const servers: Server[] = [];
let sf = "";
let wd = "";

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
  status: number;
}

/** A local webhook receiver answering `statuses` in turn (then 200), recording every call. */
async function receiver(statuses: number[] = []) {
  const calls: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = statuses[calls.length] ?? 200;
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), status });
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "try later");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { calls, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/workbench` };
}

function validSignature(r: Received): boolean {
  const ts = String(r.headers["x-workbench-timestamp"]);
  const expected = `sha256=${createHmac("sha256", SECRET).update(`${ts}.${r.body}`).digest("hex")}`;
  return r.headers["x-workbench-signature"] === expected && Math.abs(Date.now() / 1000 - Number(ts)) < 60;
}

async function settle(timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const r = (await t.db.execute(sql`select count(*)::int as n from alert_deliveries where status = 'pending'`)) as unknown;
    const rows = (Array.isArray(r) ? r : (r as { rows: { n: number }[] }).rows) as { n: number }[];
    const jobs = (await t.db.execute(sql`select count(*)::int as n from pgboss.job where name in ('alert_deliver', 'alerts_daily') and state < 'completed'`)) as unknown;
    const jrows = (Array.isArray(jobs) ? jobs : (jobs as { rows: { n: number }[] }).rows) as { n: number }[];
    if (rows[0]!.n === 0 && jrows[0]!.n === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("alert deliveries did not settle");
}

const alertMails = () => peer.inbox.filter((m) => /^(Notice deadline|Credits run out|Threshold crossed): /.test(m.subject));

beforeAll(async () => {
  process.env.ALERT_RETRY_DELAY_SECONDS = "1";
  peer = await startMailPeer(APP);
  t = await freshDb();
  await seedDemo(t.db);
  const [user] = await t.db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.email, DEMO_LOGIN.email));
  const [ws] = await t.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.name, DEMO_WORKSPACE));
  demo = await resolveWorkspace({ db: t.db, actor: user! }, ws!.id);
  for (const c of await listContracts(demo)) await runForecastJob(t.db, { workspaceId: demo.workspace.id, contractId: c.id, key: "" }, undefined, { today: DAY1 });
  sf = (await listContracts(demo)).find((c) => c.name === "Agentforce service estate")!.id;
  wd = (await listContracts(demo)).find((c) => c.name === "HR and finance agents")!.id;
  editor = await addMember(t.db, demo.workspace.id, "editor", "erin");
  other = (await makeWorkspace(t.db, "Other Co")).ownerCtx;
  await makeSalesforceContract(other, { name: "Other Co's secret renewal" });
  // A second instance: its own connection pool on PostgreSQL; on PGlite the one process's handle.
  if (t.url) second = await openDb({ url: t.url });
  dbB = second?.db ?? t.db;
  // The seed queued forecast jobs: out of the way, the alert queues are what is tested here.
  await t.db.execute(sql`delete from pgboss.job where name <> 'alerts_daily' and name <> 'alert_deliver'`);
  for (const db of [t.db, dbB]) {
    const q = createJobQueue(db, { schedules: false, pollingIntervalSeconds: 0.5 });
    await q.start();
    queues.push(q);
    await q.work(QUEUES.alertsDaily.name, async (data: { workspaceId?: string }) => void (await runAlertScan(db, data, { today: DAY1 })));
    await q.work(QUEUES.alertDeliver.name, async (data: { deliveryId: string }, job) => void (await runAlertDelivery(db, data, job)), { concurrency: 2 });
  }
}, 120_000);

afterAll(async () => {
  for (const q of queues) await q.stop({ timeoutMs: 2000 }).catch(() => {});
  for (const s of servers) await new Promise((r) => s.close(r));
  await second?.close();
  await peer?.close();
  await t?.close();
  delete process.env.ALERT_RETRY_DELAY_SECONDS;
});

describe("the daily alert job", () => {
  it("records each new alert once over two runs on two instances and mails each member exactly once per alert", async () => {
    // Two daily runs, one queued through each instance's queue, and the same scan on both at once.
    await enqueue(t.db, QUEUES.alertsDaily.name, {}, { singletonKey: "run-1" });
    await enqueue(dbB, QUEUES.alertsDaily.name, {}, { singletonKey: "run-2" });
    const both = await Promise.all([runAlertScan(t.db, {}, { today: DAY1 }), runAlertScan(dbB, {}, { today: DAY1 })]);
    await settle();
    // Found twice (once per scan), recorded by one scan or the other (or a queued run), never twice.
    expect(both.map((r) => r.found)).toEqual([5, 5]);
    const rows = await t.db.select().from(alerts).where(eq(alerts.workspaceId, demo.workspace.id)).orderBy(asc(alerts.date));
    expect(rows.map((a) => [a.contractId, a.kind, a.date, a.thresholdPct, a.subject])).toEqual([
      // Workday's burn crossed 85% of its 432,000 complimentary credits on 2026-06-18 (the allotment's
      // only cycle, so still current) and they ran out on 2026-07-10 (still this term).
      [wd, "crossed", "2026-06-18", 85, "complimentary:85:2026-06-18"],
      [wd, "runOut", "2026-07-10", null, "term:2027-02-01"],
      // Salesforce used up this month's allocation on 2026-11-17; its balance runs out on 2026-11-24.
      [sf, "crossed", "2026-11-17", 100, "monthly-allocation:100:2026-11-17"],
      [sf, "runOut", "2026-11-24", null, "term:2027-04-01"],
      // Workday's notice deadline, 11 days ahead (within the default 30 days; Salesforce's is 40 days away).
      [wd, "notice", "2026-12-03", null, "notice:2026-12-03"],
    ]);
    const mails = alertMails();
    // Two members × five alerts: ten e-mails, one per (alert, member).
    expect(mails).toHaveLength(10);
    expect(mails.filter((m) => m.to === demo.actor.email)).toHaveLength(5);
    expect(mails.filter((m) => m.to === editor.actor.email)).toHaveLength(5);
    expect(new Set(mails.map((m) => `${m.to}|${m.subject}|${m.text.split("\n")[0]}`)).size).toBe(10);
    const notice = mails.find((m) => m.to === demo.actor.email && m.subject === "Notice deadline: Workday · HR and finance agents")!;
    expect(notice.text.split("\n")[0]).toBe("Workday · HR and finance agents: the notice deadline is 3 Dec 2026 (in 11 days). Decide before then whether to renew on these terms.");
    expect(notice.text).toContain(`${APP}/w/${demo.workspace.id}/contracts/${wd}`);
    expect(notice.text).toMatch(new RegExp(`${APP.replace(/[.]/g, "\\.")}/unsubscribe/[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}`));
    // Another workspace's members got nothing.
    expect(mails.some((m) => m.to === other.actor.email)).toBe(false);
    const deliveries = await t.db.select().from(alertDeliveries).where(eq(alertDeliveries.workspaceId, demo.workspace.id));
    expect(deliveries.filter((d) => d.channel === "email").map((d) => [d.status, d.attempts])).toEqual(Array(10).fill(["sent", 1]));
    expect(deliveries.filter((d) => d.channel === "inbox")).toHaveLength(10);
  });

  it("runs again the same day and on both instances without a single new e-mail", async () => {
    const before = alertMails().length;
    await enqueue(t.db, QUEUES.alertsDaily.name, {}, { singletonKey: "run-3" });
    const again = await Promise.all([runAlertScan(dbB, {}, { today: DAY1 }), runAlertScan(t.db, {}, { today: DAY1 })]);
    await settle();
    expect(again.map((r) => [r.found, r.created, r.deliveries])).toEqual([
      [5, 0, 0],
      [5, 0, 0],
    ]);
    expect(alertMails().length).toBe(before);
  });

  it("fills each member's own inbox, unread until read; nobody reads or marks another's", async () => {
    const inbox = await listInbox(demo);
    expect(inbox.unread).toBe(5);
    expect(inbox.items.map((i) => [i.kind, i.date]).sort()).toEqual([
      ["crossed", "2026-06-18"],
      ["crossed", "2026-11-17"],
      ["notice", "2026-12-03"],
      ["runOut", "2026-07-10"],
      ["runOut", "2026-11-24"],
    ]);
    // The editor's ids marked by the demo user, and by the owner of another workspace: nothing changes.
    const erins = await listInbox(editor);
    expect(await markAlertsRead(demo, { ids: erins.items.map((i) => i.deliveryId) })).toBe(0);
    expect(await markAlertsRead(other, { ids: erins.items.map((i) => i.deliveryId) })).toBe(0);
    expect((await listInbox(editor)).unread).toBe(5);
    expect(await markAlertsRead(demo, { ids: [inbox.items[0]!.deliveryId] })).toBe(1);
    expect((await listInbox(demo)).unread).toBe(4);
    expect(await listInbox(other)).toEqual({ items: [], unread: 0 });
    await expect(markAlertsRead(demo, { ids: ["not-an-id"] })).rejects.toThrow(/Not an alert id/);
  });
});

describe("the workspace's webhook", () => {
  it("is set by owners only, audited without the secret, and read back without it", async () => {
    await expect(updateAlertSettings(editor, { horizonDays: 30, webhookUrl: "https://hooks.example/x", webhookSecret: SECRET })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateAlertSettings(demo, { horizonDays: 30, webhookUrl: "ftp://hooks.example/x", webhookSecret: SECRET })).rejects.toThrow(/http:\/\/ or https:\/\//);
    await expect(updateAlertSettings(demo, { horizonDays: 30, webhookUrl: "https://hooks.example/x", webhookSecret: "" })).rejects.toThrow(/needs a secret/);
    await expect(updateAlertSettings(demo, { horizonDays: 0, webhookUrl: "" })).rejects.toThrow(/At least 1 day/);
    const flaky = await receiver([503, 500]);
    await updateAlertSettings(demo, { horizonDays: 30, webhookUrl: flaky.url, webhookSecret: SECRET });
    expect(await getAlertSettings(demo)).toMatchObject({ horizonDays: 30, webhookUrl: flaky.url, webhookSecretSet: true });
    // Members who are not owners see the horizon, never the address.
    expect(await getAlertSettings(editor)).toMatchObject({ horizonDays: 30, webhookUrl: null, webhookSecretSet: false });
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, demo.workspace.id), eq(auditLog.action, "alerts.settings.update")));
    expect(audit!.details).toEqual({ changed: { webhookUrl: { from: null, to: flaky.url }, webhookSecret: "replaced" } });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    (globalThis as { __flaky?: typeof flaky }).__flaky = flaky;
  });

  it("unsubscribing from an e-mail's link stops the next e-mail of that kind; the webhook is retried after two failures and gets one signed delivery", async () => {
    const flaky = (globalThis as { __flaky?: Awaited<ReturnType<typeof receiver>> }).__flaky!;
    const notice = alertMails().find((m) => m.to === demo.actor.email && m.subject.startsWith("Notice deadline"))!;
    const token = /\/unsubscribe\/([0-9a-f-]{36}\.[A-Za-z0-9_-]{43})/.exec(notice.text)![1]!;
    // A forged or altered token opens nothing.
    expect(await readUnsubscribeToken(t.db, token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA"))).toBeNull();
    expect(await unsubscribeByToken(t.db, `${token.split(".")[0]}.${"x".repeat(43)}`)).toBeNull();
    expect(await unsubscribeByToken(t.db, token)).toMatchObject({ workspaceId: demo.workspace.id, userId: demo.actor.id, kind: "notice", off: true });
    expect((await getAlertPreferences(demo)).notice).toEqual({ inbox: true, email: false });
    expect((await getAlertPreferences(editor)).notice).toEqual({ inbox: true, email: true });
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, demo.workspace.id), eq(auditLog.action, "alerts.unsubscribe")));
    expect([audit!.actorId, audit!.details]).toEqual([demo.actor.id, { kind: "notice", via: "e-mail link" }]);

    const before = alertMails().length;
    // Ten days on, Salesforce's notice deadline (2027-01-01) is 30 days ahead: a new alert.
    const day2 = await runAlertScan(dbB, { workspaceId: demo.workspace.id }, { today: DAY2 });
    expect([day2.created, day2.deliveries]).toEqual([1, 4]); // two inboxes, the editor's e-mail, the webhook
    await settle();
    const fresh = alertMails().slice(before);
    expect(fresh.map((m) => [m.to, m.subject])).toEqual([[editor.actor.email, "Notice deadline: Salesforce · Agentforce service estate"]]);
    expect((await listInbox(demo)).items.filter((i) => i.kind === "notice").map((i) => i.date).sort()).toEqual(["2026-12-03", "2027-01-01"]);

    // 503, 500, then 200: three calls of the same delivery, every one signed over its raw body.
    expect(flaky.calls.map((c) => c.status)).toEqual([503, 500, 200]);
    expect(flaky.calls.every(validSignature)).toBe(true);
    expect(new Set(flaky.calls.map((c) => c.headers["x-workbench-delivery"])).size).toBe(1);
    const body = JSON.parse(flaky.calls[2]!.body);
    expect(body).toMatchObject({
      type: "alert",
      workspace: { id: demo.workspace.id, name: DEMO_WORKSPACE },
      alert: { kind: "notice", date: "2027-01-01", contract: { id: sf, name: "Agentforce service estate", vendor: "Salesforce", url: `${APP}/w/${demo.workspace.id}/contracts/${sf}` }, foundFor: DAY2 },
    });
    expect(body.alert.text).toBe("Salesforce · Agentforce service estate: the notice deadline is 1 Jan 2027 (in 30 days). Decide before then whether to renew on these terms.");
    const log = await listWebhookDeliveries(demo);
    expect(log.map((l) => [l.status, l.attempts, l.lastStatusCode, l.lastError, l.target])).toEqual([["sent", 3, 200, null, flaky.url]]);
  }, 60_000);

  it("a good receiver gets a valid signature at once; one still failing at the last retry leaves the delivery failed with its answer", async () => {
    const good = await receiver();
    const { ownerCtx: third } = await makeWorkspace(t.db, "Third Co");
    await makeSalesforceContract(third, { name: "Third Co renewal" });
    await updateAlertSettings(third, { horizonDays: 20, webhookUrl: good.url, webhookSecret: SECRET });
    // Its notice deadline is 2026-10-03 (renewal 2027-01-01 less 90 days): 13 days ahead on 2026-09-20.
    const r = await runAlertScan(t.db, { workspaceId: third.workspace.id }, { today: "2026-09-20" });
    expect(r.created).toBeGreaterThanOrEqual(1);
    await settle();
    const notice = good.calls.map((c) => JSON.parse(c.body)).find((b) => b.alert.kind === "notice");
    expect(notice.alert).toMatchObject({ date: "2026-10-03", contract: { name: "Third Co renewal" } });
    expect(good.calls.every(validSignature)).toBe(true);
    expect(good.calls.every((c) => c.status === 200)).toBe(true);
    // Nothing of the demo workspace reached Third Co's webhook, nor the other way round.
    expect(good.calls.some((c) => c.body.includes(demo.workspace.id))).toBe(false);
    expect((await listWebhookDeliveries(third)).every((l) => l.status === "sent" && l.attempts === 1)).toBe(true);
    expect((await listWebhookDeliveries(demo)).some((l) => l.contractName === "Third Co renewal")).toBe(false);

    // The last run of a delivery whose receiver still fails: failed, with the code it answered.
    const down = await receiver([500, 500]);
    await updateAlertSettings(third, { horizonDays: 20, webhookUrl: down.url });
    const [sent] = await t.db.select().from(alertDeliveries).where(and(eq(alertDeliveries.workspaceId, third.workspace.id), eq(alertDeliveries.channel, "webhook")));
    expect(await runAlertDelivery(t.db, { deliveryId: sent!.id })).toBe("already");
    const [pending] = await t.db.insert(alertDeliveries).values({ alertId: sent!.alertId, workspaceId: third.workspace.id, channel: "webhook", recipient: "webhook-test" }).returning();
    await expect(runAlertDelivery(t.db, { deliveryId: pending!.id }, { id: "x", retryCount: 6, retryLimit: 6 })).rejects.toThrow("the webhook answered 500");
    const [failed] = await t.db.select().from(alertDeliveries).where(eq(alertDeliveries.id, pending!.id));
    expect([failed!.status, failed!.attempts, failed!.lastStatusCode, failed!.lastError, failed!.target]).toEqual(["failed", 1, 500, "the webhook answered 500", down.url]);
    expect(down.calls.every(validSignature)).toBe(true);
  }, 60_000);
});

describe("another workspace", () => {
  it("cannot read or change this workspace's alerts, settings or webhook log", async () => {
    // Other Co's owner resolving the demo workspace: not found, before any alert service runs.
    await expect(resolveWorkspace({ db: t.db, actor: other.actor }, demo.workspace.id)).rejects.toMatchObject({ code: "not_found" });
    // Other Co's own views hold nothing of the demo workspace.
    expect(await listWebhookDeliveries(other)).toEqual([]);
    expect(await getAlertSettings(other)).toMatchObject({ horizonDays: 30, webhookUrl: null, webhookSecretSet: false });
    await updateAlertPreferences(other, { crossed: { inbox: false, email: false }, runOut: { inbox: true, email: true }, notice: { inbox: true, email: true } });
    expect((await getAlertPreferences(demo)).crossed).toEqual({ inbox: true, email: true });
    await updateAlertSettings(other, { horizonDays: 60, webhookUrl: "" });
    expect((await getAlertSettings(demo)).horizonDays).toBe(30);
    // Editors and viewers do not read the webhook log.
    await expect(listWebhookDeliveries(editor)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("someone who left before their e-mail went out is not mailed", async () => {
    const leaver = await addMember(t.db, demo.workspace.id, "viewer", "leo");
    const [alert] = await t.db.select().from(alerts).where(eq(alerts.workspaceId, demo.workspace.id)).limit(1);
    const [d] = await t.db.insert(alertDeliveries).values({ alertId: alert!.id, workspaceId: demo.workspace.id, channel: "email", recipient: leaver.actor.id, userId: leaver.actor.id, target: leaver.actor.email }).returning();
    await t.db.delete(memberships).where(and(eq(memberships.workspaceId, demo.workspace.id), eq(memberships.userId, leaver.actor.id)));
    expect(await runAlertDelivery(t.db, { deliveryId: d!.id }, { id: "x", retryCount: 0, retryLimit: 6 })).toBe("gone");
    const [after] = await t.db.select().from(alertDeliveries).where(eq(alertDeliveries.id, d!.id));
    expect([after!.status, after!.lastError]).toEqual(["failed", "the recipient is no longer a member of the workspace"]);
    expect(peer.inbox.some((m) => m.to === leaver.actor.email)).toBe(false);
  });
});
