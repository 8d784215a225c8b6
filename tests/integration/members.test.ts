import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberships, type Role } from "@/lib/db/schema/workspaces";
import { resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { changeMemberRole } from "@/lib/services/members/change-role";
import { listMembers } from "@/lib/services/members/list";
import { leaveWorkspace, removeMember } from "@/lib/services/members/remove";
import { createVendor } from "@/lib/services/vendors/create";
import { listWorkspacesForUser } from "@/lib/services/workspaces/list-for-user";
import { freshDb, type TestDb } from "./db";
import { addMember, makeWorkspace } from "./factories";

let t: TestDb;

beforeAll(async () => {
  t = await freshDb();
});
afterAll(() => t.close());

async function roleOf(workspaceId: string, userId: string): Promise<Role | null> {
  const [row] = await t.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

async function ownerIds(workspaceId: string): Promise<string[]> {
  const rows = await t.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")));
  return rows.map((r) => r.userId).sort();
}

async function auditActions(workspaceId: string): Promise<string[]> {
  const rows = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
  return rows.map((r) => r.action).sort();
}

/** A workspace with two owners, both contexts resolved (as two requests would have them). */
async function twoOwners(name: string): Promise<{ wsId: string; first: WorkspaceCtx; second: WorkspaceCtx }> {
  const { ws, ownerCtx } = await makeWorkspace(t.db, name);
  const second = await addMember(t.db, ws.id, "owner", "co-owner");
  return { wsId: ws.id, first: ownerCtx, second };
}

describe("changing a member's role", () => {
  it("takes effect at once: a viewer promoted to editor can write, demoted again cannot", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Roles");
    const viewer = await addMember(t.db, ws.id, "viewer");
    const viewerActor = { db: t.db, actor: viewer.actor };

    await changeMemberRole(ownerCtx, { userId: viewer.actor.id, role: "editor" });
    expect(await roleOf(ws.id, viewer.actor.id)).toBe("editor");
    const asEditor = await resolveWorkspace(viewerActor, ws.id);
    expect(asEditor.role).toBe("editor");
    expect((await createVendor(asEditor, { name: "Salesforce" })).name).toBe("Salesforce");

    await changeMemberRole(ownerCtx, { userId: viewer.actor.id, role: "viewer" });
    const asViewer = await resolveWorkspace(viewerActor, ws.id);
    expect(asViewer.role).toBe("viewer");
    await expect(createVendor(asViewer, { name: "Workday" })).rejects.toMatchObject({ code: "forbidden" });

    const members = await listMembers(ownerCtx);
    expect(members.map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [ownerCtx.actor.id, "owner"],
        [viewer.actor.id, "viewer"],
      ].sort(),
    );
  });

  it("to the role the member already has changes nothing and writes no audit row", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Same role");
    const editor = await addMember(t.db, ws.id, "editor");
    const before = await auditActions(ws.id);
    await changeMemberRole(ownerCtx, { userId: editor.actor.id, role: "editor" });
    expect(await roleOf(ws.id, editor.actor.id)).toBe("editor");
    expect(await auditActions(ws.id)).toEqual(before);
  });

  it("of someone who is not a member is 'not found'", async () => {
    const { ownerCtx } = await makeWorkspace(t.db, "Strangers");
    const other = await makeWorkspace(t.db, "Elsewhere");
    await expect(changeMemberRole(ownerCtx, { userId: other.owner.actor.id, role: "viewer" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await roleOf(other.ws.id, other.owner.actor.id)).toBe("owner");
  });
});

describe("the last owner", () => {
  it("cannot be demoted, and stays owner", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Solo");
    for (const role of ["editor", "viewer"] as const) {
      await expect(changeMemberRole(ownerCtx, { userId: ownerCtx.actor.id, role })).rejects.toMatchObject({
        code: "conflict",
        message: "The last owner cannot be demoted. Make another member an owner first.",
      });
    }
    expect(await ownerIds(ws.id)).toEqual([ownerCtx.actor.id]);
    expect(await auditActions(ws.id)).toEqual(["workspace.create"]);
  });

  it("cannot leave, and keeps access", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Solo leave");
    await addMember(t.db, ws.id, "editor");
    await expect(leaveWorkspace(ownerCtx)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("You are the last owner"),
    });
    await expect(removeMember(ownerCtx, { userId: ownerCtx.actor.id })).rejects.toMatchObject({ code: "conflict" });
    expect(await roleOf(ws.id, ownerCtx.actor.id)).toBe("owner");
    expect((await resolveWorkspace(ownerCtx, ws.id)).role).toBe("owner");
  });

  it("cannot be removed, even by a request that still holds an owner context from before its demotion", async () => {
    const { wsId, first, second } = await twoOwners("Stale");
    // `second` demotes `first`; `first` then acts with the context its request resolved earlier.
    await changeMemberRole(second, { userId: first.actor.id, role: "editor" });
    await expect(removeMember(first, { userId: second.actor.id })).rejects.toMatchObject({
      code: "conflict",
      message: "The last owner cannot be removed.",
    });
    expect(await ownerIds(wsId)).toEqual([second.actor.id]);
  });

  it("can be demoted, leave or be removed once a second owner exists", async () => {
    const a = await twoOwners("Pair 1");
    await changeMemberRole(a.first, { userId: a.first.actor.id, role: "viewer" });
    expect(await roleOf(a.wsId, a.first.actor.id)).toBe("viewer");
    expect(await ownerIds(a.wsId)).toEqual([a.second.actor.id]);
    // …and now `second` is the last owner in turn.
    await expect(changeMemberRole(a.second, { userId: a.second.actor.id, role: "editor" })).rejects.toMatchObject({
      code: "conflict",
    });

    const b = await twoOwners("Pair 2");
    await leaveWorkspace(b.first);
    expect(await roleOf(b.wsId, b.first.actor.id)).toBeNull();
    expect(await ownerIds(b.wsId)).toEqual([b.second.actor.id]);

    const c = await twoOwners("Pair 3");
    await removeMember(c.first, { userId: c.second.actor.id });
    expect(await roleOf(c.wsId, c.second.actor.id)).toBeNull();
    expect(await ownerIds(c.wsId)).toEqual([c.first.actor.id]);
  });
});

describe("leaving and removal", () => {
  it("a viewer or editor can leave on their own; afterwards the workspace is 'not found' for them", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Leavers");
    for (const role of ["viewer", "editor"] as const) {
      const member = await addMember(t.db, ws.id, role);
      await leaveWorkspace(member);
      expect(await roleOf(ws.id, member.actor.id)).toBeNull();
      await expect(resolveWorkspace({ db: t.db, actor: member.actor }, ws.id)).rejects.toMatchObject({ code: "not_found" });
      expect(await listWorkspacesForUser({ db: t.db, actor: member.actor })).toEqual([]);
    }
    expect((await listMembers(ownerCtx)).map((m) => m.userId)).toEqual([ownerCtx.actor.id]);
  });

  it("a non-owner cannot remove someone else, but leaving needs no owner role", async () => {
    const { ws } = await makeWorkspace(t.db, "No removal");
    const editor = await addMember(t.db, ws.id, "editor");
    const viewer = await addMember(t.db, ws.id, "viewer");
    await expect(removeMember(editor, { userId: viewer.actor.id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await roleOf(ws.id, viewer.actor.id)).toBe("viewer");
    await removeMember(viewer, { userId: viewer.actor.id });
    expect(await roleOf(ws.id, viewer.actor.id)).toBeNull();
  });

  it("an owner removing a member takes away their access at once; removing them again is 'not found'", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Removal");
    const editor = await addMember(t.db, ws.id, "editor");
    const editorActor = { db: t.db, actor: editor.actor };
    expect((await resolveWorkspace(editorActor, ws.id)).role).toBe("editor");

    await removeMember(ownerCtx, { userId: editor.actor.id });

    await expect(resolveWorkspace(editorActor, ws.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await listWorkspacesForUser(editorActor)).toEqual([]);
    // A context resolved before the removal no longer grants anything that re-reads membership.
    await expect(removeMember(ownerCtx, { userId: editor.actor.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await listMembers(ownerCtx)).map((m) => m.userId)).toEqual([ownerCtx.actor.id]);
  });
});

describe("concurrent changes to the owners", () => {
  // PGlite runs one transaction at a time; on PostgreSQL the transactions overlap and must take
  // turns through locks (and must not deadlock, which would surface as an unexpected error).
  // Each scenario runs in three workspaces at once to give the interleavings a chance.
  const ROUNDS = 3;

  async function race(name: string, ops: (first: WorkspaceCtx, second: WorkspaceCtx) => [Promise<unknown>, Promise<unknown>]) {
    const pairs = await Promise.all(Array.from({ length: ROUNDS }, (_, i) => twoOwners(`${name} ${i + 1}`)));
    const settled = await Promise.all(pairs.map((p) => Promise.allSettled(ops(p.first, p.second))));
    return pairs.map((p, i) => ({ ...p, results: settled[i]! }));
  }

  function expectOneWinnerOneConflict(results: PromiseSettledResult<unknown>[]) {
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatchObject({ code: "conflict" });
  }

  it("two owners demoting each other at once leave exactly one owner; the other request gets 'conflict'", async () => {
    const runs = await race("Duel", (first, second) => [
      changeMemberRole(first, { userId: second.actor.id, role: "editor" }),
      changeMemberRole(second, { userId: first.actor.id, role: "editor" }),
    ]);
    for (const { wsId, first, second, results } of runs) {
      expectOneWinnerOneConflict(results);
      const owners = await ownerIds(wsId);
      expect(owners).toHaveLength(1);
      const demoted = owners[0] === first.actor.id ? second : first;
      expect(await roleOf(wsId, demoted.actor.id)).toBe("editor");
      expect((await auditActions(wsId)).filter((a) => a === "member.role_change")).toHaveLength(1);
    }
  });

  it("two owners leaving at once leave exactly one owner behind", async () => {
    const runs = await race("Exodus", (first, second) => [leaveWorkspace(first), leaveWorkspace(second)]);
    for (const { wsId, results } of runs) {
      expectOneWinnerOneConflict(results);
      expect(await ownerIds(wsId)).toHaveLength(1);
      expect((await auditActions(wsId)).filter((a) => a === "member.leave")).toHaveLength(1);
    }
  });

  it("one owner stepping down while the other leaves leaves exactly one owner", async () => {
    const runs = await race("Crossfire", (first, second) => [
      changeMemberRole(first, { userId: first.actor.id, role: "viewer" }),
      leaveWorkspace(second),
    ]);
    for (const { wsId, results } of runs) {
      expectOneWinnerOneConflict(results);
      expect(await ownerIds(wsId)).toHaveLength(1);
    }
  });
});
