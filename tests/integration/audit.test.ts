import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema/auth";
import { vendors } from "@/lib/db/schema/vendors";
import { auditLog, type AuditEntry } from "@/lib/db/schema/workspaces";
import { auditNames, listAudit, type AuditRow } from "@/lib/services/audit/list";
import { recordAudit } from "@/lib/services/audit/record";
import { inTransaction, resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { acceptInvitation } from "@/lib/services/invitations/accept";
import { createInvitation } from "@/lib/services/invitations/create";
import { revokeInvitation } from "@/lib/services/invitations/revoke";
import { changeMemberRole } from "@/lib/services/members/change-role";
import { leaveWorkspace, removeMember } from "@/lib/services/members/remove";
import { createVendor } from "@/lib/services/vendors/create";
import { deleteVendor } from "@/lib/services/vendors/delete";
import { updateVendor } from "@/lib/services/vendors/update";
import { createWorkspace } from "@/lib/services/workspaces/create";
import { renameWorkspace } from "@/lib/services/workspaces/rename";
import { freshDb, type TestDb } from "./db";
import { addMember, makeUser, makeWorkspace } from "./factories";

let t: TestDb;

beforeAll(async () => {
  t = await freshDb();
});
afterAll(() => t.close());

async function allAudit(): Promise<AuditEntry[]> {
  return t.db.select().from(auditLog);
}

/**
 * Runs one write and returns the audit rows it added, anywhere in the database (so a row written to
 * the wrong workspace, or a second row, is caught too).
 */
async function auditOf<T>(write: () => Promise<T>): Promise<{ result: T; rows: AuditEntry[] }> {
  const before = new Set((await allAudit()).map((r) => r.id));
  const result = await write();
  const rows = (await allAudit()).filter((r) => !before.has(r.id));
  return { result, rows };
}

async function expectOneAuditRow<T>(
  write: () => Promise<T>,
  expected: (result: T) => { workspaceId: string; actorId: string; action: string; targetType: string; targetId: string },
): Promise<AuditEntry> {
  const { result, rows } = await auditOf(write);
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  expect(row).toMatchObject(expected(result));
  expect(row.createdAt).toBeInstanceOf(Date);
  return row;
}

async function counts(workspaceId: string) {
  const [v] = await t.db.select({ n: count() }).from(vendors).where(eq(vendors.workspaceId, workspaceId));
  const [a] = await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
  return { vendors: v?.n ?? -1, audit: a?.n ?? -1 };
}

describe("every write verb writes exactly one audit row (actor, workspace, action, target)", () => {
  it("workspace create and rename", async () => {
    const owner = await makeUser(t.db, "founder");
    const created = await expectOneAuditRow(
      () => createWorkspace(owner, { name: "Audited" }),
      (ws) => ({ workspaceId: ws.id, actorId: owner.actor.id, action: "workspace.create", targetType: "workspace", targetId: ws.id }),
    );
    expect(created.details).toEqual({ name: "Audited" });

    const ctx = await resolveWorkspace(owner, created.workspaceId);
    const renamed = await expectOneAuditRow(
      () => renameWorkspace(ctx, { name: "Audited (renamed)" }),
      () => ({ workspaceId: ctx.workspace.id, actorId: owner.actor.id, action: "workspace.rename", targetType: "workspace", targetId: ctx.workspace.id }),
    );
    expect(renamed.details).toEqual({ from: "Audited", to: "Audited (renamed)" });
  });

  it("member role change, removal and leaving", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Members audited");
    const editor = await addMember(t.db, ws.id, "editor");
    const viewer = await addMember(t.db, ws.id, "viewer");

    const changed = await expectOneAuditRow(
      () => changeMemberRole(ownerCtx, { userId: editor.actor.id, role: "viewer" }),
      () => ({ workspaceId: ws.id, actorId: ownerCtx.actor.id, action: "member.role_change", targetType: "user", targetId: editor.actor.id }),
    );
    expect(changed.details).toEqual({ from: "editor", to: "viewer" });

    const removed = await expectOneAuditRow(
      () => removeMember(ownerCtx, { userId: editor.actor.id }),
      () => ({ workspaceId: ws.id, actorId: ownerCtx.actor.id, action: "member.remove", targetType: "user", targetId: editor.actor.id }),
    );
    expect(removed.details).toEqual({ role: "viewer" });

    const left = await expectOneAuditRow(
      () => leaveWorkspace(viewer),
      () => ({ workspaceId: ws.id, actorId: viewer.actor.id, action: "member.leave", targetType: "user", targetId: viewer.actor.id }),
    );
    expect(left.details).toEqual({ role: "viewer" });
  });

  it("invitation create, revoke and accept", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Invitations audited");
    const invitee = await makeUser(t.db, "invitee");

    const first = await expectOneAuditRow(
      () => createInvitation(ownerCtx, { email: "someone@example.test", role: "viewer" }),
      (inv) => ({ workspaceId: ws.id, actorId: ownerCtx.actor.id, action: "invitation.create", targetType: "invitation", targetId: inv.id }),
    );
    expect(first.details).toMatchObject({ email: "someone@example.test", role: "viewer" });

    await expectOneAuditRow(
      () => revokeInvitation(ownerCtx, { invitationId: first.targetId! }),
      () => ({ workspaceId: ws.id, actorId: ownerCtx.actor.id, action: "invitation.revoke", targetType: "invitation", targetId: first.targetId! }),
    );

    const inv = await createInvitation(ownerCtx, { email: invitee.actor.email, role: "editor" });
    const accepted = await expectOneAuditRow(
      () => acceptInvitation(invitee, inv.token),
      () => ({ workspaceId: ws.id, actorId: invitee.actor.id, action: "invitation.accept", targetType: "invitation", targetId: inv.id }),
    );
    expect(accepted.details).toEqual({ email: invitee.actor.email, role: "editor" });
  });

  it("a new invitation that replaces a pending one still writes one row (the replaced one is not logged as revoked)", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Reinvite audited");
    await createInvitation(ownerCtx, { email: "again@example.test", role: "viewer" });
    await expectOneAuditRow(
      () => createInvitation(ownerCtx, { email: "again@example.test", role: "editor" }),
      (inv) => ({ workspaceId: ws.id, actorId: ownerCtx.actor.id, action: "invitation.create", targetType: "invitation", targetId: inv.id }),
    );
  });

  it("vendor create, update and delete", async () => {
    const { ws } = await makeWorkspace(t.db, "Vendors audited");
    const editor = await addMember(t.db, ws.id, "editor");

    const created = await expectOneAuditRow(
      () => createVendor(editor, { name: "Salesforce", product: "Agentforce" }),
      (v) => ({ workspaceId: ws.id, actorId: editor.actor.id, action: "vendor.create", targetType: "vendor", targetId: v.id }),
    );
    expect(created.details).toEqual({ name: "Salesforce" });
    const vendorId = created.targetId!;

    const updated = await expectOneAuditRow(
      () => updateVendor(editor, { vendorId, version: 1, name: "Salesforce Inc.", product: "Agentforce Flex" }),
      () => ({ workspaceId: ws.id, actorId: editor.actor.id, action: "vendor.update", targetType: "vendor", targetId: vendorId }),
    );
    expect(updated.details).toEqual({
      from: { name: "Salesforce", product: "Agentforce" },
      to: { name: "Salesforce Inc.", product: "Agentforce Flex" },
    });

    const deleted = await expectOneAuditRow(
      () => deleteVendor(editor, { vendorId }),
      () => ({ workspaceId: ws.id, actorId: editor.actor.id, action: "vendor.delete", targetType: "vendor", targetId: vendorId }),
    );
    expect(deleted.details).toEqual({ name: "Salesforce Inc." });
  });

  it("a refused write (forbidden, conflict, validation) writes no audit row", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Refusals");
    const viewer = await addMember(t.db, ws.id, "viewer");
    const v = await createVendor(ownerCtx, { name: "Workday" });
    await updateVendor(ownerCtx, { vendorId: v.id, version: 1, name: "Workday 2" });

    const { rows } = await auditOf(async () => {
      await expect(createVendor(viewer, { name: "Nope" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateVendor(ownerCtx, { vendorId: v.id, version: 1, name: "Stale" })).rejects.toMatchObject({ code: "conflict" });
      await expect(createVendor(ownerCtx, { name: "" })).rejects.toThrow();
      await expect(changeMemberRole(ownerCtx, { userId: ownerCtx.actor.id, role: "viewer" })).rejects.toMatchObject({ code: "conflict" });
      await expect(createInvitation(ownerCtx, { email: viewer.actor.email, role: "editor" })).rejects.toMatchObject({ code: "conflict" });
      await expect(renameWorkspace(viewer, { name: "Hijack" })).rejects.toMatchObject({ code: "forbidden" });
    });
    expect(rows).toEqual([]);
  });
});

describe("a write that fails part-way", () => {
  it("leaves neither the data nor the audit row when it throws after its first statement", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Rollback");
    const before = await counts(ws.id);
    let insertedId: string | undefined;

    await expect(
      inTransaction(ownerCtx, async (tx) => {
        const [row] = await tx.db.insert(vendors).values({ workspaceId: tx.workspace.id, name: "Half-written" }).returning();
        insertedId = row?.id;
        await recordAudit(tx, { action: "vendor.create", targetType: "vendor", targetId: row?.id ?? null });
        // Both are visible inside the transaction…
        const [inside] = await tx.db.select({ n: count() }).from(auditLog).where(eq(auditLog.workspaceId, tx.workspace.id));
        expect(inside?.n).toBe(before.audit + 1);
        throw new Error("the next statement failed");
      }),
    ).rejects.toThrow("the next statement failed");

    // …and neither survives it.
    expect(insertedId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await counts(ws.id)).toEqual(before);
    expect(await t.db.select().from(vendors).where(eq(vendors.id, insertedId!))).toEqual([]);
  });

  it("rolls back a complete verb run inside a larger transaction that then fails", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Nested rollback");
    const before = await counts(ws.id);
    await expect(
      inTransaction(ownerCtx, async (tx) => {
        await createVendor(tx, { name: "Salesforce" });
        await renameWorkspace(tx, { name: "Renamed inside" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await counts(ws.id)).toEqual(before);
    expect((await resolveWorkspace(ownerCtx, ws.id)).workspace.name).toBe("Nested rollback");
  });

  it("a database error inside a verb's transaction leaves no audit row either", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Constraint");
    const before = await counts(ws.id);
    await expect(
      inTransaction(ownerCtx, async (tx) => {
        await recordAudit(tx, { action: "vendor.create", targetType: "vendor", targetId: null });
        // A vendor in a workspace that does not exist violates the foreign key.
        await tx.db.insert(vendors).values({ workspaceId: "00000000-0000-4000-8000-000000000000", name: "Orphan" });
      }),
    ).rejects.toThrow();
    expect(await counts(ws.id)).toEqual(before);
  });
});

describe("listAudit", () => {
  let ws: { id: string };
  let ownerCtx: WorkspaceCtx;
  let editor: WorkspaceCtx;
  /** The actions written, oldest first. */
  const written: string[] = [];
  const pause = () => new Promise((r) => setTimeout(r, 3)); // PGlite's clock ticks in milliseconds

  beforeAll(async () => {
    ({ ws, ownerCtx } = await makeWorkspace(t.db, "Log reader"));
    written.push("workspace.create");
    editor = await addMember(t.db, ws.id, "editor");
    await pause();
    const v = await createVendor(editor, { name: "A" });
    written.push("vendor.create");
    await pause();
    await updateVendor(editor, { vendorId: v.id, version: 1, name: "A2" });
    written.push("vendor.update");
    await pause();
    await renameWorkspace(ownerCtx, { name: "Log reader 2" });
    written.push("workspace.rename");
    await pause();
    await deleteVendor(editor, { vendorId: v.id });
    written.push("vendor.delete");
  });

  it("is for owners only", async () => {
    await expect(listAudit(editor)).rejects.toMatchObject({ code: "forbidden", message: "Only an owner of this workspace can do that." });
    const viewer = await addMember(t.db, ws.id, "viewer");
    await expect(listAudit(viewer)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lists the workspace's rows newest first, with the actor's e-mail", async () => {
    const rows = await listAudit(ownerCtx);
    expect(rows.map((r) => r.action)).toEqual([...written].reverse());
    const times = rows.map((r) => r.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(rows.find((r) => r.action === "vendor.create")?.actorEmail).toBe(editor.actor.email);
    expect(rows.find((r) => r.action === "workspace.rename")?.actorEmail).toBe(ownerCtx.actor.email);
    // Only this workspace's rows.
    const own = await t.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.workspaceId, ws.id));
    expect(rows.map((r) => r.id).sort()).toEqual(own.map((r) => r.id).sort());
  });

  it("pages with `before` (the last row's time and id): every row once, in order", async () => {
    const all = await listAudit(ownerCtx);
    const seen: AuditRow[] = [];
    let page = await listAudit(ownerCtx, { limit: 2 });
    const sizes: number[] = [];
    while (page.length > 0) {
      sizes.push(page.length);
      seen.push(...page);
      const last = page.at(-1)!;
      page = await listAudit(ownerCtx, { limit: 2, before: last.seq });
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen.map((r) => r.id)).toEqual(all.map((r) => r.id));
  });

  it("pages back with `after` (the first row's seq): the same pages, newest first, in reverse order", async () => {
    const forward: AuditRow[][] = [];
    let page = await listAudit(ownerCtx, { limit: 2 });
    while (page.length > 0) {
      forward.push(page);
      page = await listAudit(ownerCtx, { limit: 2, before: page.at(-1)!.seq });
    }
    expect(forward.map((p) => p.length)).toEqual([2, 2, 1]);
    // from the oldest page back to the newest
    const back: AuditRow[][] = [];
    let at = forward.at(-1)!;
    for (;;) {
      const newer = await listAudit(ownerCtx, { limit: 2, after: at[0]!.seq });
      if (newer.length === 0) break;
      back.push(newer);
      at = newer;
    }
    expect(back.map((p) => p.map((r) => r.id))).toEqual(forward.slice(0, -1).reverse().map((p) => p.map((r) => r.id)));
    // `before` wins when both are given
    expect((await listAudit(ownerCtx, { limit: 2, before: forward[1]![0]!.seq, after: 0 })).map((r) => r.id)).toEqual(forward[1]!.slice(1).concat(forward[2]!.slice(0, 1)).map((r) => r.id));
  });

  it("pages through rows that share one timestamp (written in one transaction) without skipping any", async () => {
    const { ownerCtx: ctx } = await makeWorkspace(t.db, "Batch");
    await pause();
    await inTransaction(ctx, async (tx) => {
      for (const name of ["One", "Two", "Three", "Four", "Five"]) await createVendor(tx, { name });
    });
    const all = await listAudit(ctx);
    expect(all).toHaveLength(6);
    const batchTimes = new Set(all.filter((r) => r.action === "vendor.create").map((r) => r.createdAt.getTime()));
    expect(batchTimes.size).toBe(1);
    // Newest first means the reverse of the order they were written in, even within one transaction.
    expect(all.filter((r) => r.action === "vendor.create").map((r) => r.details?.name)).toEqual(["Five", "Four", "Three", "Two", "One"]);

    for (const limit of [1, 2, 4]) {
      const seen: string[] = [];
      let before: number | undefined;
      for (;;) {
        const page = await listAudit(ctx, { limit, before });
        if (page.length === 0) break;
        seen.push(...page.map((r) => r.id));
        const last = page.at(-1)!;
        before = last.seq;
      }
      expect(seen).toEqual(all.map((r) => r.id));
    }
  });

  it("keeps the limit between 1 and 200", async () => {
    expect(await listAudit(ownerCtx, { limit: 0 })).toHaveLength(1);
    expect(await listAudit(ownerCtx, { limit: -5 })).toHaveLength(1);
    expect((await listAudit(ownerCtx, { limit: 1000 })).length).toBe(written.length);
  });

  it("keeps a deleted user's rows, with no actor e-mail", async () => {
    const { ws: w, ownerCtx: ctx } = await makeWorkspace(t.db, "Departed");
    const temp = await addMember(t.db, w.id, "editor", "temp");
    await createVendor(temp, { name: "By temp" });
    await t.db.delete(users).where(eq(users.id, temp.actor.id));
    const row = (await listAudit(ctx)).find((r) => r.action === "vendor.create");
    expect(row).toMatchObject({ action: "vendor.create", actorEmail: null, details: { name: "By temp" } });
  });
});

describe("audit names", () => {
  it("resolves the current names of what entries point at, in this workspace only", async () => {
    const a = await makeWorkspace(t.db, "Names A");
    const b = await makeWorkspace(t.db, "Names B");
    const mine = await createVendor(a.ownerCtx, { name: "Salesforce", product: "" });
    const theirs = await createVendor(b.ownerCtx, { name: "Their secret vendor", product: "" });
    const rows: AuditRow[] = [mine.id, theirs.id, a.owner.actor.id, b.owner.actor.id].map((id, i) => ({
      id: String(i),
      action: "vendor.update",
      targetType: "vendor",
      targetId: id,
      details: null,
      createdAt: new Date(),
      seq: i,
      actorEmail: null,
      actorName: null,
    }));
    const names = await auditNames(a.ownerCtx, rows);
    expect(Object.fromEntries(names)).toEqual({ [mine.id]: "Salesforce", [a.owner.actor.id]: a.owner.actor.name });
  });
});
