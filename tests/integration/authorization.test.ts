import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { listAudit } from "@/lib/services/audit/list";
import { createInvitation } from "@/lib/services/invitations/create";
import { listPendingInvitations } from "@/lib/services/invitations/list";
import { changeMemberRole } from "@/lib/services/members/change-role";
import { listMembers } from "@/lib/services/members/list";
import { removeMember } from "@/lib/services/members/remove";
import { createVendor } from "@/lib/services/vendors/create";
import { deleteVendor } from "@/lib/services/vendors/delete";
import { getVendorOrThrow } from "@/lib/services/vendors/get";
import { listVendors } from "@/lib/services/vendors/list";
import { updateVendor } from "@/lib/services/vendors/update";
import { deleteWorkspace } from "@/lib/services/workspaces/delete";
import { renameWorkspace } from "@/lib/services/workspaces/rename";
import { freshDb, type TestDb } from "./db";
import { addMember, makeWorkspace } from "./factories";

let t: TestDb;
let a: Awaited<ReturnType<typeof makeWorkspace>>;
let b: Awaited<ReturnType<typeof makeWorkspace>>;
let bVendorId: string;
let aEditor: WorkspaceCtx;
let aViewer: WorkspaceCtx;
let bViewer: WorkspaceCtx;

beforeAll(async () => {
  t = await freshDb();
  a = await makeWorkspace(t.db, "Workspace A");
  b = await makeWorkspace(t.db, "Workspace B");
  aEditor = await addMember(t.db, a.ws.id, "editor");
  aViewer = await addMember(t.db, a.ws.id, "viewer");
  bViewer = await addMember(t.db, b.ws.id, "viewer");
  bVendorId = (await createVendor(b.ownerCtx, { name: "Salesforce", product: "Agentforce" })).id;
});
afterAll(() => t.close());

describe("a member of workspace A and workspace B", () => {
  it("cannot resolve B: it is 'not found', like a workspace that does not exist", async () => {
    await expect(resolveWorkspace(a.owner, b.ws.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(resolveWorkspace(a.owner, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    await expect(resolveWorkspace(a.owner, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
  });

  it("cannot read B's vendor through A's context, nor see it in A's list", async () => {
    await expect(getVendorOrThrow(a.ownerCtx, bVendorId)).rejects.toMatchObject({ code: "not_found" });
    expect((await listVendors(a.ownerCtx)).map((v) => v.id)).not.toContain(bVendorId);
    expect((await listVendors(bViewer)).map((v) => v.id)).toEqual([bVendorId]);
  });

  it("cannot update or delete B's vendor through A's context, and B's row is unchanged", async () => {
    await expect(updateVendor(a.ownerCtx, { vendorId: bVendorId, version: 1, name: "Hijacked" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteVendor(a.ownerCtx, { vendorId: bVendorId })).rejects.toMatchObject({ code: "not_found" });
    const still = await getVendorOrThrow(b.ownerCtx, bVendorId);
    expect(still.name).toBe("Salesforce");
    expect(still.version).toBe(1);
  });

  it("cannot list B's members, invitations or audit log: those reads are scoped to A", async () => {
    const members = await listMembers(a.ownerCtx);
    expect(members.map((m) => m.email)).not.toContain(b.owner.actor.email);
    expect((await listAudit(a.ownerCtx)).every((r) => r.targetId !== bVendorId)).toBe(true);
  });

  it("cannot change the role of, or remove, a member of B through A", async () => {
    await expect(changeMemberRole(a.ownerCtx, { userId: bViewer.actor.id, role: "owner" })).rejects.toMatchObject({ code: "not_found" });
    await expect(removeMember(a.ownerCtx, { userId: bViewer.actor.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await listMembers(b.ownerCtx)).find((m) => m.userId === bViewer.actor.id)?.role).toBe("viewer");
  });
});

describe("a viewer", () => {
  it("reads vendors but cannot create, update or delete them", async () => {
    const v = await createVendor(aEditor, { name: "Workday", product: "Flex Credits" });
    expect((await listVendors(aViewer)).map((x) => x.name)).toContain("Workday");
    await expect(createVendor(aViewer, { name: "ServiceNow" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateVendor(aViewer, { vendorId: v.id, version: v.version, name: "Changed" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteVendor(aViewer, { vendorId: v.id })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getVendorOrThrow(aViewer, v.id)).name).toBe("Workday");
  });
});

describe("a non-owner", () => {
  it.each(["editor", "viewer"] as const)("(%s) cannot manage members, invitations or the workspace", async (role) => {
    const ctx = role === "editor" ? aEditor : aViewer;
    await expect(createInvitation(ctx, { email: "x@example.test", role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listPendingInvitations(ctx)).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeMemberRole(ctx, { userId: ctx.actor.id, role: "owner" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeMember(ctx, { userId: a.owner.actor.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(renameWorkspace(ctx, { name: "Renamed" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteWorkspace(ctx, { confirmName: "Workspace A" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listAudit(ctx)).rejects.toMatchObject({ code: "forbidden" });
    const me = (await listMembers(a.ownerCtx)).find((m) => m.userId === ctx.actor.id);
    expect(me?.role).toBe(role);
  });

  it("uses the role of its membership in each workspace, not a role it holds elsewhere", async () => {
    // a's owner joins B as a viewer: owning A grants nothing in B.
    const { memberships } = await import("@/lib/db/schema/workspaces");
    await t.db.insert(memberships).values({ workspaceId: b.ws.id, userId: a.owner.actor.id, role: "viewer" });
    const inB = await resolveWorkspace(a.owner, b.ws.id);
    expect(inB.role).toBe("viewer");
    await expect(renameWorkspace(inB, { name: "Mine now" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(resolveWorkspace(a.owner, b.ws.id, "editor")).rejects.toMatchObject({ code: "forbidden" });
  });
});
