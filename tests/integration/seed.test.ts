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
    expect(await tableCounts()).toEqual({ users: 1, workspaces: 1, memberships: 1, vendors: 2, audit: 3 });

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
    expect(audit.map((r) => r.action).sort()).toEqual(["vendor.create", "vendor.create", "workspace.create"]);
    expect(audit.every((r) => r.actorEmail === DEMO_LOGIN.email)).toBe(true);
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
