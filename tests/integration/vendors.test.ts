import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { vendors } from "@/lib/db/schema/vendors";
import type { WorkspaceCtx } from "@/lib/services/context";
import { createVendor } from "@/lib/services/vendors/create";
import { deleteVendor } from "@/lib/services/vendors/delete";
import { getVendorOrThrow } from "@/lib/services/vendors/get";
import { listVendors } from "@/lib/services/vendors/list";
import { updateVendor } from "@/lib/services/vendors/update";
import { freshDb, type TestDb } from "./db";
import { addMember, makeWorkspace } from "./factories";

let t: TestDb;
let owner: WorkspaceCtx;
let alice: WorkspaceCtx;
let bob: WorkspaceCtx;

beforeAll(async () => {
  t = await freshDb();
  const w = await makeWorkspace(t.db, "Vendors");
  owner = w.ownerCtx;
  alice = await addMember(t.db, w.ws.id, "editor", "alice");
  bob = await addMember(t.db, w.ws.id, "editor", "bob");
});
afterAll(() => t.close());

async function stored(id: string) {
  const [row] = await t.db.select().from(vendors).where(eq(vendors.id, id));
  return row ?? null;
}

/** The zod error a call rejects with, flattened to { field: messages }. */
async function zodFieldErrors(p: Promise<unknown>): Promise<Record<string, string[]>> {
  const err = await p.then(
    () => {
      throw new Error("expected a validation error");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(z.ZodError);
  const out: Record<string, string[]> = {};
  for (const issue of (err as z.ZodError).issues) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

describe("creating a vendor", () => {
  it("stores trimmed fields with empty defaults and version 1", async () => {
    const v = await createVendor(alice, { name: "  Salesforce  ", product: " Agentforce Flex Credits " });
    expect(v).toMatchObject({ name: "Salesforce", product: "Agentforce Flex Credits", notes: "", version: 1, workspaceId: alice.workspace.id });
    expect(await stored(v.id)).toEqual(v);
    expect((await listVendors(bob)).map((x) => x.id)).toContain(v.id);
  });

  it("refuses an empty name with a zod error naming the field, and stores nothing", async () => {
    const before = (await listVendors(owner)).length;
    expect(await zodFieldErrors(createVendor(alice, { name: "" }))).toEqual({ name: ["Enter the vendor's name."] });
    expect(await zodFieldErrors(createVendor(alice, { name: "   ", product: "x" }))).toEqual({ name: ["Enter the vendor's name."] });
    expect(await zodFieldErrors(createVendor(alice, { name: "x".repeat(121) }))).toEqual({ name: ["Use at most 120 characters."] });
    expect(await zodFieldErrors(createVendor(alice, { name: "ok", notes: "n".repeat(4001) }))).toEqual({
      notes: ["Use at most 4,000 characters."],
    });
    expect((await listVendors(owner)).length).toBe(before);
  });
});

describe("updating a vendor (optimistic concurrency)", () => {
  it("two editors read version 1: the first save wins (version 2), the second is a conflict and overwrites nothing", async () => {
    const created = await createVendor(owner, { name: "Workday", product: "Flex Credits", notes: "original" });
    const aliceRead = await getVendorOrThrow(alice, created.id);
    const bobRead = await getVendorOrThrow(bob, created.id);
    expect([aliceRead.version, bobRead.version]).toEqual([1, 1]);

    const saved = await updateVendor(alice, { vendorId: aliceRead.id, version: aliceRead.version, name: "Workday Inc.", notes: "alice's notes" });
    expect(saved).toMatchObject({ version: 2, name: "Workday Inc.", product: "", notes: "alice's notes" });

    await expect(
      updateVendor(bob, { vendorId: bobRead.id, version: bobRead.version, name: "Workday (bob)", product: "bob's product" }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Someone else saved this vendor") });

    expect(await stored(created.id)).toMatchObject({ version: 2, name: "Workday Inc.", product: "", notes: "alice's notes" });

    // Bob reloads, sees Alice's version and saves on top of it.
    const reread = await getVendorOrThrow(bob, created.id);
    const bobSaved = await updateVendor(bob, { vendorId: reread.id, version: reread.version, name: reread.name, product: "bob's product", notes: reread.notes });
    expect(bobSaved).toMatchObject({ version: 3, name: "Workday Inc.", product: "bob's product", notes: "alice's notes" });
    expect(bobSaved.updatedAt.getTime()).toBeGreaterThanOrEqual(saved.updatedAt.getTime());
  });

  it("two saves of the same version at the same moment: exactly one wins", async () => {
    const v = await createVendor(owner, { name: "ServiceNow" });
    const results = await Promise.allSettled([
      updateVendor(alice, { vendorId: v.id, version: 1, name: "ServiceNow (alice)" }),
      updateVendor(bob, { vendorId: v.id, version: 1, name: "ServiceNow (bob)" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({ code: "conflict" });
    const row = await stored(v.id);
    expect(row?.version).toBe(2);
    expect(row?.name).toBe((won[0] as PromiseFulfilledResult<{ name: string }>).value.name);
  });

  it("a version from the future is a conflict too", async () => {
    const v = await createVendor(owner, { name: "Zendesk" });
    await expect(updateVendor(alice, { vendorId: v.id, version: 7, name: "Zendesk AI" })).rejects.toMatchObject({ code: "conflict" });
    expect(await stored(v.id)).toMatchObject({ version: 1, name: "Zendesk" });
  });

  it("accepts the version as form text, and refuses a non-number", async () => {
    const v = await createVendor(owner, { name: "Intercom" });
    expect((await updateVendor(alice, { vendorId: v.id, version: "1", name: "Intercom Fin" })).version).toBe(2);
    const errors = await zodFieldErrors(updateVendor(alice, { vendorId: v.id, version: "two", name: "Intercom" }));
    expect(Object.keys(errors)).toEqual(["version"]);
    const zero = await zodFieldErrors(updateVendor(alice, { vendorId: v.id, version: 0, name: "Intercom" }));
    expect(Object.keys(zero)).toEqual(["version"]);
  });

  it("refuses an empty name with a zod error naming the field; the row and its version are unchanged", async () => {
    const v = await createVendor(owner, { name: "HubSpot", product: "Breeze" });
    expect(await zodFieldErrors(updateVendor(alice, { vendorId: v.id, version: v.version, name: " " }))).toEqual({
      name: ["Enter the vendor's name."],
    });
    expect(await stored(v.id)).toMatchObject({ version: 1, name: "HubSpot", product: "Breeze" });
  });

  it("of a vendor that was deleted meanwhile is 'not found'", async () => {
    const v = await createVendor(owner, { name: "Gone Corp" });
    await deleteVendor(bob, { vendorId: v.id });
    await expect(updateVendor(alice, { vendorId: v.id, version: 1, name: "Gone Corp 2" })).rejects.toMatchObject({ code: "not_found" });
    expect(await stored(v.id)).toBeNull();
  });
});

describe("deleting a vendor", () => {
  it("removes the row; a second delete and a read are 'not found'", async () => {
    const v = await createVendor(alice, { name: "Temporary" });
    await deleteVendor(alice, { vendorId: v.id });
    expect(await stored(v.id)).toBeNull();
    await expect(getVendorOrThrow(owner, v.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteVendor(alice, { vendorId: v.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteVendor(alice, { vendorId: "not-a-uuid" })).rejects.toMatchObject({ code: "not_found" });
    expect((await listVendors(owner)).map((x) => x.id)).not.toContain(v.id);
  });
});
