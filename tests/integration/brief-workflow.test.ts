// The brief's workflow on a real database: vendor-safe share links, sign-offs and comments of a
// version, each checked against the caller's membership and role, and never reaching another workspace.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema/auth";
import { burnRows } from "@/lib/db/schema/burn";
import { briefComments, briefShares, briefSignOffs } from "@/lib/db/schema/briefs";
import { auditLog, workspaces } from "@/lib/db/schema/workspaces";
import { DEMO_LOGIN, seedDemo } from "@/lib/db/seed";
import { money } from "@/lib/brief/format";
import { resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { listContracts } from "@/lib/services/contracts/list";
import { listScenarios } from "@/lib/services/scenarios/list";
import { createBrief, createBriefVersion } from "@/lib/services/briefs/create";
import { deleteBrief } from "@/lib/services/briefs/delete";
import { compareBriefVersions } from "@/lib/services/briefs/compare";
import { listBriefShares } from "@/lib/services/briefs/read";
import { contentForShareToken, createBriefShare } from "@/lib/services/briefs/share";
import { listBriefSignOffs, signOffBriefVersion, signOffLines, withdrawBriefSignOff } from "@/lib/services/briefs/signoff";
import { addBriefComment, deleteBriefComment, listBriefComments } from "@/lib/services/briefs/comments";
import { freshDb, type TestDb } from "./db";
import { addMember, makeWorkspace } from "./factories";

let t: TestDb;
let demo: WorkspaceCtx;
let editor: WorkspaceCtx;
let viewer: WorkspaceCtx;
let outsider: WorkspaceCtx;
let briefId: string;

const actions = async (ws: string) => (await t.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws))).map((r) => r.action);

beforeAll(async () => {
  t = await freshDb();
  await seedDemo(t.db);
  const [user] = await t.db.select().from(users).where(eq(users.email, DEMO_LOGIN.email));
  const [ws] = await t.db.select().from(workspaces);
  demo = await resolveWorkspace({ db: t.db, actor: { id: user!.id, email: user!.email, name: user!.name ?? "" } }, ws!.id);
  editor = await addMember(t.db, ws!.id, "editor", "Eddie Editor");
  viewer = await addMember(t.db, ws!.id, "viewer", "Vera Viewer");
  outsider = (await makeWorkspace(t.db, "Other")).ownerCtx;
  const contract = (await listContracts(demo)).find((c) => c.vendorName === "Salesforce")!;
  const scenarios = await listScenarios(demo, contract.id);
  const id = (name: string) => scenarios.find((s) => s.name === name)!.id;
  const { brief } = await createBrief(demo, {
    contractId: contract.id,
    settings: { vendorScenarioId: id("Vendor proposal"), asksScenarioId: id("Our asks"), walkAwayScenarioId: id("Walk-away"), horizonPeriods: 12, seed: 20261122, paths: 2000 },
  });
  briefId = brief.id;
  // November's burn arrives before version 2
  await t.db.insert(burnRows).values({ workspaceId: demo.workspace.id, contractId: contract.id, rowKey: "manual:test-nov", periodStart: "2026-11-01", periodEnd: "2026-12-01", agent: "Order Status Agent", unit: "action", environment: "production", actions: "50000", credits: "1000000", cost: "5000" });
  await createBriefVersion(demo, { briefId, note: "second" });
}, 120_000);
afterAll(() => t.close());

describe("share links of two kinds", () => {
  const now = new Date("2026-11-22T12:00:00Z");

  it("an internal link (the default) shows the whole brief and its sign-offs", async () => {
    const share = await createBriefShare(demo, { briefId, version: 1, expiresInDays: 7 }, now);
    expect(share.kind).toBe("internal");
    const got = (await contentForShareToken(t.db, share.token, now))!;
    expect(got.kind).toBe("internal");
    expect(got.content.audience).toBeUndefined();
    expect(got.content.walkAway.perUser?.breakEvenActionsPerUserPerMonth).toBe("1250");
    expect(got.content.risks.length).toBeGreaterThan(0);
    expect(got.content.signOffs).toEqual([]);
  });

  it("a vendor-safe link leaves out the walk-away, authority and risks, and keeps the saving", async () => {
    const share = await createBriefShare(demo, { briefId, version: 1, expiresInDays: 7, kind: "vendorSafe" }, now);
    const [row] = await t.db.select().from(briefShares).where(eq(briefShares.id, share.id));
    expect(row!.kind).toBe("vendorSafe");
    const got = (await contentForShareToken(t.db, share.token, now))!;
    expect(got.kind).toBe("vendorSafe");
    const c = got.content;
    expect(c.audience).toBe("vendorSafe");
    expect(c.summary.walkAway).toBeNull();
    expect(c.walkAway.perUser).toBeNull();
    expect(c.risks).toEqual([]);
    expect(c.scenarios.map((s) => s.role)).toEqual(["vendor", "asks"]);
    expect(c.asks.every((a) => a.authorityLabel === "")).toBe(true);
    expect([c.summary.recommendation, ...c.summary.points, ...c.asks.flatMap((a) => [a.justification, a.clause]), ...c.assumptions.map((x) => `${x.label}: ${x.value}`)].join("\n")).not.toMatch(/walk[\s-]?away|authority|\brisks?\b/i);
    expect(c.summary.recommendation).toContain(money(c.summary.atStakeP50, c.currency));
    expect(c.signOffs).toBeUndefined();
    const listed = await listBriefShares(demo, briefId);
    expect(listed.map((s) => s.kind).sort()).toEqual(["internal", "vendorSafe"]);
    await expect(createBriefShare(demo, { briefId, version: 1, expiresInDays: 7, kind: "everyone" as never }, now)).rejects.toThrow(/internal or vendor-safe/);
    await expect(createBriefShare(viewer, { briefId, version: 1, expiresInDays: 7, kind: "vendorSafe" }, now)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createBriefShare(outsider, { briefId, version: 1, expiresInDays: 7, kind: "vendorSafe" }, now)).rejects.toMatchObject({ code: "not_found" });
    expect(await listBriefShares(outsider, briefId)).toEqual([]);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "brief.share.create"));
    expect(audit.map((a) => (a.details as { kind: string }).kind).sort()).toEqual(["internal", "vendorSafe"]);
  });
});

describe("sign-off of a version", () => {
  it("owners and editors sign off once per version, viewers and other workspaces cannot", async () => {
    await signOffBriefVersion(demo, { briefId, version: 1, note: "Ready for the call" });
    await signOffBriefVersion(editor, { briefId, version: 1 });
    await signOffBriefVersion(editor, { briefId, version: 2 });
    await expect(signOffBriefVersion(demo, { briefId, version: 1 })).rejects.toMatchObject({ code: "conflict", message: "You have already signed off version 1 of this brief." });
    await expect(signOffBriefVersion(viewer, { briefId, version: 1 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(signOffBriefVersion(outsider, { briefId, version: 1 })).rejects.toMatchObject({ code: "not_found" });
    await expect(signOffBriefVersion(demo, { briefId, version: 9 })).rejects.toMatchObject({ code: "not_found" });
    await expect(signOffBriefVersion(demo, { briefId, version: 1, note: "x".repeat(501) })).rejects.toThrow(/at most 500/);
    const v1 = await listBriefSignOffs(viewer, briefId, 1);
    expect(v1.map((s) => [s.name, s.note])).toEqual([
      [demo.actor.name, "Ready for the call"],
      ["Eddie Editor", null],
    ]);
    expect((await listBriefSignOffs(viewer, briefId, 2)).map((s) => s.name)).toEqual(["Eddie Editor"]);
    await expect(listBriefSignOffs(outsider, briefId, 1)).rejects.toMatchObject({ code: "not_found" });
    expect(await actions(demo.workspace.id)).toEqual(expect.arrayContaining(["brief.signoff"]));
  });

  it("reaches the internal share link and the exports' lines; each person withdraws only their own", async () => {
    const share = await createBriefShare(demo, { briefId, version: 1, expiresInDays: 7 });
    const lines = (await contentForShareToken(t.db, share.token))!.content.signOffs!;
    expect(lines.map((l) => [l.name, l.note])).toEqual([
      [demo.actor.name, "Ready for the call"],
      ["Eddie Editor", null],
    ]);
    await withdrawBriefSignOff(editor, { briefId, version: 1 });
    await expect(withdrawBriefSignOff(editor, { briefId, version: 1 })).rejects.toMatchObject({ code: "not_found" });
    await expect(withdrawBriefSignOff(viewer, { briefId, version: 1 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(withdrawBriefSignOff(outsider, { briefId, version: 1 })).rejects.toMatchObject({ code: "not_found" });
    expect((await listBriefSignOffs(demo, briefId, 1)).map((s) => s.name)).toEqual([demo.actor.name]);
    expect((await listBriefSignOffs(demo, briefId, 2)).map((s) => s.name)).toEqual(["Eddie Editor"]);
    expect(await actions(demo.workspace.id)).toContain("brief.signoff.withdraw");
    // signOffLines is scoped by workspace too: the right version id under another workspace gives nothing
    const [row] = await t.db.select().from(briefSignOffs).limit(1);
    expect(await signOffLines(t.db, outsider.workspace.id, row!.briefVersionId)).toEqual([]);
  });
});

describe("comparing two versions", () => {
  it("names the figures that moved and the burn that moved them", async () => {
    const d = await compareBriefVersions(viewer, briefId, 1, 2);
    expect(d.from).toBe(1);
    expect(d.to).toBe(2);
    expect(d.inputs).toContainEqual({ group: "Burn", what: "observed through", from: "31 Oct 2026", to: "30 Nov 2026" });
    expect(d.inputs.some((c) => c.group === "Burn" && c.what.startsWith("observed burn"))).toBe(true);
    // seed, paths and scenarios are the same: not listed
    expect(d.inputs.filter((c) => c.group === "Simulation" || c.what === "scenario chosen")).toEqual([]);
    // the horizon's forecast rests on the drivers, so only the current position moved
    expect(d.figures).toEqual([{ key: "runOut", label: "Credits run out (current terms, observed rate)", from: "24 Nov 2026", to: "Not within the term", change: null }]);
    expect(d.inputs).toEqual([
      { group: "Burn", what: "observed through", from: "31 Oct 2026", to: "30 Nov 2026" },
      { group: "Burn", what: "observed burn › values › #8", from: "not set", to: "1,000,000" },
      { group: "Burn", what: "usage rows", from: "42", to: "43" },
    ]);
    expect(d.unchangedFigures).toBe(17);
    expect(await compareBriefVersions(viewer, briefId, 1, 1).catch((e: Error) => e.message)).toBe("Choose two different versions to compare.");
    await expect(compareBriefVersions(outsider, briefId, 1, 2)).rejects.toMatchObject({ code: "not_found" });
    await expect(compareBriefVersions(viewer, briefId, 1, 7)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("comments on a version", () => {
  it("every member writes, lists with author and time; the author alone deletes", async () => {
    const a = await addBriefComment(viewer, { briefId, version: 1, body: "  Is the P90 realistic?  " });
    await addBriefComment(demo, { briefId, version: 1, body: "Yes: see the spring spike." });
    await addBriefComment(editor, { briefId, version: 2, body: "v2 only" });
    await expect(addBriefComment(demo, { briefId, version: 1, body: "   " })).rejects.toThrow(/Write the comment first/);
    await expect(addBriefComment(outsider, { briefId, version: 1, body: "hello" })).rejects.toMatchObject({ code: "not_found" });
    const list = await listBriefComments(editor, briefId, 1);
    expect(list.map((c) => [c.authorName, c.body])).toEqual([
      ["Vera Viewer", "Is the P90 realistic?"],
      [demo.actor.name, "Yes: see the spring spike."],
    ]);
    expect(list[0]!.createdAt).toBeInstanceOf(Date);
    await expect(listBriefComments(outsider, briefId, 1)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteBriefComment(demo, a.id)).rejects.toMatchObject({ code: "forbidden", message: "Only the author of a comment can delete it." });
    await expect(deleteBriefComment(outsider, a.id)).rejects.toMatchObject({ code: "not_found" });
    await deleteBriefComment(viewer, a.id);
    await expect(deleteBriefComment(viewer, a.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listBriefComments(demo, briefId, 1)).map((c) => c.body)).toEqual(["Yes: see the spring spike."]);
    expect(await actions(demo.workspace.id)).toEqual(expect.arrayContaining(["brief.comment.add", "brief.comment.delete"]));
  });

  it("go with the brief when it is deleted", async () => {
    await deleteBrief(demo, briefId);
    expect(await t.db.select().from(briefComments)).toEqual([]);
    expect(await t.db.select().from(briefSignOffs)).toEqual([]);
  });
});
