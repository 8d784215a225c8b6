import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema/auth";
import { vendors } from "@/lib/db/schema/vendors";
import { auditLog, memberships, workspaces } from "@/lib/db/schema/workspaces";
import { DEMO_LOGIN, DEMO_WORKSPACE, seedDemo } from "@/lib/db/seed";
import { listWorkspacesForUser } from "@/lib/services/workspaces/list-for-user";
import { resolveWorkspace } from "@/lib/services/context";
import { listVendors } from "@/lib/services/vendors/list";
import { listAudit } from "@/lib/services/audit/list";
import { burnRows } from "@/lib/db/schema/burn";
import { listContracts } from "@/lib/services/contracts/list";
import { runForecastJob } from "@/lib/services/forecast/recompute";
import { getPortfolio } from "@/lib/services/portfolio/get";
import { verifyCredentials, WRONG_CREDENTIALS } from "@/lib/services/users/verify-credentials";
import { freshDb, type TestDb } from "./db";

let t: TestDb;

beforeAll(async () => {
  t = await freshDb();
});
afterAll(() => t.close());

async function tableCounts() {
  const n = async (table: typeof users | typeof workspaces | typeof memberships | typeof vendors | typeof auditLog) => {
    const [row] = await t.db.select({ n: count() }).from(table);
    return row?.n ?? -1;
  };
  return {
    users: await n(users),
    workspaces: await n(workspaces),
    memberships: await n(memberships),
    vendors: await n(vendors),
    audit: await n(auditLog),
  };
}

describe("seedDemo", () => {
  it("creates the demo user, its workspace and two vendors on an empty database", async () => {
    expect(await tableCounts()).toEqual({ users: 0, workspaces: 0, memberships: 0, vendors: 0, audit: 0 });
    expect(await seedDemo(t.db)).toEqual({ created: true });
    expect(await tableCounts()).toEqual({ users: 1, workspaces: 1, memberships: 1, vendors: 2, audit: 18 });

    const [user] = await t.db.select().from(users).where(eq(users.email, DEMO_LOGIN.email));
    expect(user).toMatchObject({ email: "demo@example.com", name: "Dana Demo" });
    expect(user?.passwordHash).toMatch(/^\$2[aby]\$\d{2}\$/);
    expect(user?.passwordHash).not.toContain(DEMO_LOGIN.password);

    const actor = { db: t.db, actor: { id: user!.id, email: user!.email, name: user!.name } };
    const mine = await listWorkspacesForUser(actor);
    expect(mine).toEqual([{ id: expect.any(String), name: DEMO_WORKSPACE, role: "owner" }]);

    const ctx = await resolveWorkspace(actor, mine[0]!.id);
    const vendorRows = await listVendors(ctx);
    expect(vendorRows.map((v) => ({ name: v.name, product: v.product, version: v.version }))).toEqual([
      { name: "Salesforce", product: "Agentforce Flex Credits", version: 1 },
      { name: "Workday", product: "Workday Flex Credits", version: 1 },
    ]);
    expect(vendorRows.every((v) => v.notes.length > 0)).toBe(true);

    // Seeded through the same verbs as the app, so the demo's audit log tells how it came about.
    const audit = await listAudit(ctx);
    const actions = audit.map((r) => r.action);
    expect(actions.filter((a) => a === "workspace.create")).toHaveLength(1);
    expect(actions.filter((a) => a === "vendor.create")).toHaveLength(2);
    expect(actions.filter((a) => a === "contract.create")).toHaveLength(2);
    // Salesforce 4 saved scenarios + Workday 5, as in examples/*.json.
    expect(actions.filter((a) => a === "scenario.create")).toHaveLength(9);
    expect(audit.every((r) => r.actorEmail === DEMO_LOGIN.email)).toBe(true);

    const contractRows = await listContracts(ctx);
    expect(contractRows.map((c) => [c.vendorName, c.name, c.termStart, c.renewalDate, c.noticeDays, c.scenarios])).toEqual([
      ["Workday", "HR and finance agents", "2026-02-01", "2027-02-01", 60, 5],
      ["Salesforce", "Agentforce service estate", "2026-04-01", "2027-04-01", 90, 4],
    ]);
    // Burn: Salesforce 7 months × (5 agents + 1 sandbox agent), Workday 9 months × (3 units + sandbox).
    const [burn] = await t.db.select({ n: count() }).from(burnRows);
    expect(burn?.n).toBe(7 * 6 + 9 * 4);
  });

  it("gives the portfolio its forecasts of record, notice deadlines and the alerts that follow", async () => {
    const [user] = await t.db.select().from(users).where(eq(users.email, DEMO_LOGIN.email));
    const actor = { db: t.db, actor: { id: user!.id, email: user!.email, name: user!.name } };
    const [ws] = await listWorkspacesForUser(actor);
    const ctx = await resolveWorkspace(actor, ws!.id);
    const today = "2026-11-22";
    // What the forecast job does for each contract (the seed queued one per contract).
    for (const c of await listContracts(ctx)) await runForecastJob(t.db, { workspaceId: ctx.workspace.id, contractId: c.id, key: "" }, undefined, { today });
    const { rows, alerts, totals } = await getPortfolio(ctx, { today });
    const sf = rows.find((r) => r.vendorName === "Salesforce")!;
    // October 2026: production 47,000 actions split 40/25/15/12/8% with the order-status agent at 4×
    // (18,800 + 47,000 + 7,050 + 5,640 + 3,760 = 82,250) plus the sandbox's 12% (5,640) = 87,890
    // actions × 20 credits = 1,757,800 credits, at $0.005 = $8,789.00.
    expect(sf.lastBurn).toEqual({ periodStart: "2026-10-01", credits: "1757800", cost: "8789.00" });
    // Seven months of burn: the default basis is the observed burn, then its trend.
    expect(sf.forecast?.basis).toBe("observedTrend");
    // Consumption: 12 monthly allocation fees × $5,000 = $60,000, plus the packs bought automatically
    // once the balance runs out (82 × $500 = $41,000) = $101,000; the fixed lines apart: 100 seats ×
    // $165 a month × 12 months = $198,000.00; together $299,000.00.
    expect(sf.forecast?.cost).toEqual({ consumption: "101000.00", fixed: "198000.00", total: "299000.00" });
    expect(sf.forecast?.runOut).toMatchObject({ remedy: "autoPack", remedyCost: "41000.00" });
    // Notice: renewal 2027-04-01 − 90 days = 2027-01-01, 40 days after 2026-11-22.
    expect([sf.noticeDeadline, sf.daysToNotice]).toEqual(["2027-01-01", 40]);
    const wd = rows.find((r) => r.vendorName === "Workday")!;
    // Renewal 2027-02-01 − 60 days = 2026-12-03, 11 days away.
    expect([wd.noticeDeadline, wd.daysToNotice]).toEqual(["2026-12-03", 11]);
    // Workday publishes no price per credit: the consumption is unpriced, the $480,000 a year subscription is not.
    expect(wd.forecast?.priceUnpinned).toBe(true);
    expect(wd.forecast?.cost).toEqual({ consumption: null, fixed: "480000.00", total: null });
    // Its 432,000 complimentary credits: Feb–Jun burn 74,000 + 77,100 + 80,372 + 83,823 + 87,471 =
    // 402,766, so July's 91,323 exhaust it after 29,234 (32% of July's 23 working days: the 8th, 10 July).
    expect(wd.forecast?.runOut?.date).toBe("2026-07-10");
    // Ran out months ago and the term still runs: that is the first thing to act on.
    expect(rows[0]?.vendorName).toBe("Workday");
    expect(rows[0]?.attention).toEqual({ rank: 0, reason: "Balance ran out" });
    expect(alerts[0]).toMatchObject({ vendorName: "Workday", kind: "ranOut", date: "2026-07-10", inDays: -135 });
    expect(alerts.filter((a) => a.kind === "notice").map((a) => [a.vendorName, a.date, a.inDays])).toEqual([
      ["Workday", "2026-12-03", 11],
      ["Salesforce", "2027-01-01", 40],
    ]);
    // Money per currency: Salesforce's consumption plus both contracts' fixed lines; Workday's credits are unpriced.
    // $101,000 + $198,000 + $480,000 = $779,000.00.
    expect(totals).toEqual([{ currency: "USD", contracts: 2, consumption: "101000.00", fixed: "678000.00", total: "779000.00", unpriced: 1 }]);
  });

  it("creates nothing the second time", async () => {
    const before = await tableCounts();
    expect(await seedDemo(t.db)).toEqual({ created: false });
    expect(await tableCounts()).toEqual(before);
  });

  it("leaves the demo's data alone when it has been changed since", async () => {
    await t.db.update(workspaces).set({ name: "Renamed by the demo user" });
    expect(await seedDemo(t.db)).toEqual({ created: false });
    const names = await t.db.select({ name: workspaces.name }).from(workspaces);
    expect(names).toEqual([{ name: "Renamed by the demo user" }]);
  });

  it("lets the demo user sign in with the demo password, and only with it", async () => {
    const user = await verifyCredentials(t.db, { email: DEMO_LOGIN.email, password: DEMO_LOGIN.password, ip: "192.0.2.10" });
    expect(user).toMatchObject({ email: DEMO_LOGIN.email, name: DEMO_LOGIN.name });
    await expect(verifyCredentials(t.db, { email: DEMO_LOGIN.email, password: "not-the-demo-password", ip: "192.0.2.10" })).rejects.toMatchObject({
      code: "invalid",
      message: WRONG_CREDENTIALS,
    });
  });
});
