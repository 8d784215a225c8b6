import { and, eq } from "drizzle-orm";
import ical from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema/auth";
import { calendarFeeds } from "@/lib/db/schema/calendar";
import { auditLog, workspaces } from "@/lib/db/schema/workspaces";
import { DEMO_LOGIN, DEMO_WORKSPACE, seedDemo } from "@/lib/db/seed";
import { createCalendarFeed, getCalendarFeed, revokeCalendarFeed } from "@/lib/services/calendar/feed";
import { calendarFeedResponse } from "@/lib/services/calendar/http";
import { resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { listContracts } from "@/lib/services/contracts/list";
import { getForecast } from "@/lib/services/forecast/read";
import { runForecastJob } from "@/lib/services/forecast/recompute";
import { hashLinkToken } from "@/lib/services/link-token";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeWorkspace } from "./factories";

let t: TestDb;
let demo: WorkspaceCtx;
let other: WorkspaceCtx;
let otherContractId: string;
const ORIGIN = "https://wb.example";
const today = "2026-11-22";

beforeAll(async () => {
  t = await freshDb();
  await seedDemo(t.db);
  const [user] = await t.db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.email, DEMO_LOGIN.email));
  const [ws] = await t.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.name, DEMO_WORKSPACE));
  demo = await resolveWorkspace({ db: t.db, actor: user! }, ws!.id);
  // What the forecast job does for each contract (the seed queued one per contract).
  for (const c of await listContracts(demo)) await runForecastJob(t.db, { workspaceId: demo.workspace.id, contractId: c.id, key: "" }, undefined, { today });
  const { ownerCtx } = await makeWorkspace(t.db, "Other Co");
  other = ownerCtx;
  otherContractId = (await makeSalesforceContract(other, { name: "Other Co's secret renewal" })).contract.id;
});
afterAll(() => t.close());

async function feedEvents(token: string) {
  const res = await calendarFeedResponse(t.db, `${token}.ics`, ORIGIN);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const text = await res.text();
  return { text, events: Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c?.type === "VEVENT") };
}

describe("the renewal calendar feed", () => {
  let token = "";
  let otherToken = "";

  it("is created by an owner, stored as a hash only, and audited", async () => {
    const feed = await createCalendarFeed(demo);
    token = feed.token;
    const [row] = await t.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, feed.id));
    expect(row!.tokenHash).toBe(hashLinkToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, demo.workspace.id), eq(auditLog.action, "calendar.feed.create")));
    expect(audit.map((a) => [a.targetType, a.targetId, a.actorId])).toEqual([["calendar_feed", feed.id, demo.actor.id]]);
    expect(await getCalendarFeed(demo)).toMatchObject({ id: feed.id, lastFetchedAt: null });
  });

  it("holds the demo workspace's dates, from the stored forecasts, and nothing of another workspace", async () => {
    const { text, events } = await feedEvents(token);
    const [sf, wd] = [
      (await listContracts(demo)).find((c) => c.name === "Agentforce service estate")!.id,
      (await listContracts(demo)).find((c) => c.name === "HR and finance agents")!.id,
    ];
    expect(events.map((e) => [e.uid, e.start.toISOString().slice(0, 10), e.summary])).toEqual([
      // Workday: renewal 2027-02-01 → measurement from 2026-07-01 (Q3 and Q4 2026); its 432,000
      // complimentary credits ran out 2026-07-10 (the seed test's figure); notice 60 days before renewal.
      [`measurement-${wd}@renewal-workbench`, "2026-07-01", "Start measuring burn: Workday · HR and finance agents"],
      [`runOut-${wd}@renewal-workbench`, "2026-07-10", "Credits run out: Workday · HR and finance agents"],
      // Salesforce: renewal 2027-04-01 → measurement from 2026-10-01 (Q4 2026 and Q1 2027).
      [`measurement-${sf}@renewal-workbench`, "2026-10-01", "Start measuring burn: Salesforce · Agentforce service estate"],
      // The Salesforce estate's stored forecast has the balance exhausted on 2026-11-24 (autoPack from then).
      [`runOut-${sf}@renewal-workbench`, "2026-11-24", "Credits run out: Salesforce · Agentforce service estate"],
      [`notice-${wd}@renewal-workbench`, "2026-12-03", "Notice deadline: Workday · HR and finance agents"],
      [`notice-${sf}@renewal-workbench`, "2027-01-01", "Notice deadline: Salesforce · Agentforce service estate"],
      [`renewal-${wd}@renewal-workbench`, "2027-02-01", "Renewal: Workday · HR and finance agents"],
      [`renewal-${sf}@renewal-workbench`, "2027-04-01", "Renewal: Salesforce · Agentforce service estate"],
    ]);
    // Read from the forecast of record, not computed for the feed.
    expect((await getForecast(demo, sf)).result?.runOut?.date).toBe("2026-11-24");
    expect(text).not.toContain(otherContractId);
    expect(text).not.toContain("Other Co");
    expect((await getCalendarFeed(demo))?.lastFetchedAt).not.toBeNull();
  });

  it("gives another workspace's feed only that workspace's contract", async () => {
    const feed = await createCalendarFeed(other);
    const { text, events } = await feedEvents(feed.token);
    expect(events.map((e) => e.uid)).toEqual([`measurement-${otherContractId}@renewal-workbench`, `notice-${otherContractId}@renewal-workbench`, `renewal-${otherContractId}@renewal-workbench`]);
    expect(text).not.toContain("Agentforce service estate");
    expect(text).not.toContain(demo.workspace.id);
  });

  it("cannot be created or revoked by a viewer, and an editor of another workspace cannot touch it", async () => {
    const viewer = await addMember(t.db, demo.workspace.id, "viewer");
    await expect(createCalendarFeed(viewer)).rejects.toMatchObject({ code: "forbidden" });
    await expect(revokeCalendarFeed(viewer)).rejects.toMatchObject({ code: "forbidden" });
    // A viewer sees that a feed exists, never its token (it is not stored).
    expect(Object.keys((await getCalendarFeed(viewer))!)).toEqual(["id", "createdAt", "lastFetchedAt"]);
    const outsider = await addMember(t.db, other.workspace.id, "editor");
    // Revoking as an editor of Other Co revokes Other Co's feed, never the demo's.
    await revokeCalendarFeed(outsider);
    expect(await getCalendarFeed(other)).toBeNull();
    expect((await calendarFeedResponse(t.db, `${token}.ics`, ORIGIN)).status).toBe(200);
    otherToken = (await createCalendarFeed(other)).token;
  });

  it("answers 404 for unknown or malformed tokens", async () => {
    for (const file of ["x".repeat(43) + ".ics", "not a token", token.slice(0, -1), ""]) {
      const res = await calendarFeedResponse(t.db, file, ORIGIN);
      expect([file, res.status, res.headers.get("content-type")]).toEqual([file, 404, "text/plain; charset=utf-8"]);
    }
  });

  it("answers 404 once replaced, and the new URL works; revoked, 404 for good", async () => {
    const editor = await addMember(t.db, demo.workspace.id, "editor");
    const replacement = await createCalendarFeed(editor);
    expect((await calendarFeedResponse(t.db, `${token}.ics`, ORIGIN)).status).toBe(404);
    expect((await calendarFeedResponse(t.db, `${replacement.token}.ics`, ORIGIN)).status).toBe(200);
    await revokeCalendarFeed(editor);
    expect((await calendarFeedResponse(t.db, `${replacement.token}.ics`, ORIGIN)).status).toBe(404);
    expect(await getCalendarFeed(demo)).toBeNull();
    await expect(revokeCalendarFeed(editor)).rejects.toMatchObject({ code: "not_found" });
    const actions = await t.db.select({ action: auditLog.action, details: auditLog.details }).from(auditLog).where(eq(auditLog.workspaceId, demo.workspace.id));
    const feedActions = actions.filter((a) => a.action.startsWith("calendar.feed."));
    expect(feedActions.map((a) => a.action)).toEqual(["calendar.feed.create", "calendar.feed.create", "calendar.feed.revoke"]);
    expect(feedActions[1]!.details).toMatchObject({ replaced: [expect.any(String)] });
    // The other workspace's feed is untouched by all this.
    expect((await calendarFeedResponse(t.db, `${otherToken}.ics`, ORIGIN)).status).toBe(200);
  });
});

