import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations, memberships } from "@/lib/db/schema/workspaces";
import { resolveWorkspace } from "@/lib/services/context";
import { acceptInvitation, previewInvitation } from "@/lib/services/invitations/accept";
import { createInvitation, createInvitationInput } from "@/lib/services/invitations/create";
import { listPendingInvitations } from "@/lib/services/invitations/list";
import { revokeInvitation } from "@/lib/services/invitations/revoke";
import { INVITE_TTL_DAYS } from "@/lib/services/invitations/token";
import { freshDb, type TestDb } from "./db";
import { addMember, makeUser, makeWorkspace } from "./factories";

let t: TestDb;
let team: Awaited<ReturnType<typeof makeWorkspace>>;

const DAY = 86_400_000;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

beforeAll(async () => {
  t = await freshDb();
  team = await makeWorkspace(t.db, "Renewals team");
});
afterAll(() => t.close());

async function invitationRow(id: string) {
  const [row] = await t.db.select().from(invitations).where(eq(invitations.id, id));
  if (!row) throw new Error(`invitation ${id} not found`);
  return row;
}

async function membershipRole(workspaceId: string, userId: string) {
  const [row] = await t.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

/** A new user and an invitation addressed to them. */
async function inviteNewUser(role: "owner" | "editor" | "viewer" = "editor", now?: Date) {
  const invitee = await makeUser(t.db, "invitee");
  const inv = await createInvitation(team.ownerCtx, { email: invitee.actor.email, role }, now);
  return { invitee, inv };
}

describe("creating an invitation", () => {
  it("returns a one-time token whose sha-256 hash, not the token, is stored", async () => {
    const now = new Date("2030-01-15T09:00:00.000Z");
    const inv = await createInvitation(team.ownerCtx, { email: "new.hire@example.test", role: "viewer" }, now);
    expect(inv.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url

    const row = await invitationRow(inv.id);
    expect(row.tokenHash).toBe(sha256(inv.token));
    expect(row.tokenHash).not.toBe(inv.token);
    expect(JSON.stringify(row)).not.toContain(inv.token);
    expect(row).toMatchObject({
      workspaceId: team.ws.id,
      email: "new.hire@example.test",
      role: "viewer",
      invitedBy: team.owner.actor.id,
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    });
    expect(row.expiresAt.toISOString()).toBe(new Date(now.getTime() + INVITE_TTL_DAYS * DAY).toISOString());
    expect(inv.expiresAt.getTime()).toBe(row.expiresAt.getTime());

    // Two invitations never share a token.
    const other = await createInvitation(team.ownerCtx, { email: "second.hire@example.test", role: "viewer" }, now);
    expect(other.token).not.toBe(inv.token);
  });

  it("lists only pending invitations, and never their tokens", async () => {
    const { ownerCtx } = await makeWorkspace(t.db, "Listing");
    const a = await createInvitation(ownerCtx, { email: "a@example.test", role: "editor" });
    const b = await createInvitation(ownerCtx, { email: "b@example.test", role: "viewer" });
    await revokeInvitation(ownerCtx, { invitationId: b.id });
    const pending = await listPendingInvitations(ownerCtx);
    expect(pending).toEqual([{ id: a.id, email: "a@example.test", role: "editor", expiresAt: a.expiresAt }]);
    expect(JSON.stringify(pending)).not.toContain(a.token);
    // After the expiry they drop out of the list.
    expect(await listPendingInvitations(ownerCtx, new Date(a.expiresAt.getTime() + 1))).toEqual([]);
    // Another workspace's owner does not see them.
    expect((await listPendingInvitations(team.ownerCtx)).map((p) => p.id)).not.toContain(a.id);
  });

  it("to an address that is already a member is a conflict, whatever the case of the address", async () => {
    const member = await addMember(t.db, team.ws.id, "viewer");
    await expect(createInvitation(team.ownerCtx, { email: member.actor.email, role: "editor" })).rejects.toMatchObject({
      code: "conflict",
      message: `${member.actor.email} is already a member of this workspace.`,
    });
    const parsed = createInvitationInput.parse({ email: `  ${member.actor.email.toUpperCase()} `, role: "editor" });
    expect(parsed.email).toBe(member.actor.email);
    await expect(createInvitation(team.ownerCtx, parsed)).rejects.toMatchObject({ code: "conflict" });
    const rows = await t.db.select().from(invitations).where(eq(invitations.email, member.actor.email));
    expect(rows).toEqual([]);
  });

  it("for an address with a pending invitation revokes the previous one", async () => {
    const invitee = await makeUser(t.db, "twice");
    const email = invitee.actor.email;
    const first = await createInvitation(team.ownerCtx, { email, role: "viewer" });
    const second = await createInvitation(team.ownerCtx, { email, role: "editor" });

    expect((await invitationRow(first.id)).revokedAt).toBeInstanceOf(Date);
    expect((await invitationRow(second.id)).revokedAt).toBeNull();
    const pendingForEmail = (await listPendingInvitations(team.ownerCtx)).filter((p) => p.email === email);
    expect(pendingForEmail).toEqual([{ id: second.id, email, role: "editor", expiresAt: second.expiresAt }]);
    expect((await previewInvitation(t.db, first.token))?.state).toBe("revoked");
    expect((await previewInvitation(t.db, second.token))?.state).toBe("pending");

    await expect(acceptInvitation(invitee, first.token)).rejects.toMatchObject({ code: "conflict" });
    expect(await membershipRole(team.ws.id, invitee.actor.id)).toBeNull();
    await acceptInvitation(invitee, second.token);
    expect(await membershipRole(team.ws.id, invitee.actor.id)).toBe("editor");
  });

  it("does not touch another workspace's invitation for the same address", async () => {
    const other = await makeWorkspace(t.db, "Other team");
    const email = "shared@example.test";
    const mine = await createInvitation(team.ownerCtx, { email, role: "viewer" });
    await createInvitation(other.ownerCtx, { email, role: "viewer" });
    expect((await invitationRow(mine.id)).revokedAt).toBeNull();
  });
});

describe("accepting an invitation", () => {
  it("adds the membership with the invited role and marks the invitation used", async () => {
    const { invitee, inv } = await inviteNewUser("editor");
    const now = new Date();
    await expect(acceptInvitation(invitee, inv.token, now)).resolves.toEqual({ workspaceId: team.ws.id });

    expect(await membershipRole(team.ws.id, invitee.actor.id)).toBe("editor");
    expect((await resolveWorkspace(invitee, team.ws.id)).role).toBe("editor");
    const row = await invitationRow(inv.id);
    expect(row.acceptedBy).toBe(invitee.actor.id);
    expect(row.acceptedAt?.getTime()).toBe(now.getTime());
    expect((await listPendingInvitations(team.ownerCtx)).map((p) => p.id)).not.toContain(inv.id);
  });

  it.each(["owner", "viewer"] as const)("grants the invited role (%s)", async (role) => {
    const { invitee, inv } = await inviteNewUser(role);
    await acceptInvitation(invitee, inv.token);
    expect(await membershipRole(team.ws.id, invitee.actor.id)).toBe(role);
  });

  it("works once: a second accept is a conflict and changes nothing", async () => {
    const { invitee, inv } = await inviteNewUser("viewer");
    await acceptInvitation(invitee, inv.token);
    const afterFirst = await invitationRow(inv.id);
    await expect(acceptInvitation(invitee, inv.token)).rejects.toMatchObject({
      code: "conflict",
      message: "This invitation has already been used.",
    });
    expect(await invitationRow(inv.id)).toEqual(afterFirst);
    expect(await membershipRole(team.ws.id, invitee.actor.id)).toBe("viewer");
  });

  it("works once even when two accepts race", async () => {
    const { invitee, inv } = await inviteNewUser("viewer");
    const results = await Promise.allSettled([acceptInvitation(invitee, inv.token), acceptInvitation(invitee, inv.token)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "conflict" });
    expect(await membershipRole(team.ws.id, invitee.actor.id)).toBe("viewer");
  });

  it("is refused once the invitation has expired (and the membership is not created)", async () => {
    const created = new Date("2030-03-01T12:00:00.000Z");
    const { invitee, inv } = await inviteNewUser("editor", created);
    const justBefore = new Date(inv.expiresAt.getTime() - 1);
    const atExpiry = inv.expiresAt;
    const later = new Date(created.getTime() + (INVITE_TTL_DAYS + 1) * DAY);

    for (const now of [atExpiry, later]) {
      await expect(acceptInvitation(invitee, inv.token, now)).rejects.toMatchObject({
        code: "conflict",
        message: "This invitation has expired. Ask for a new one.",
      });
    }
    expect(await membershipRole(team.ws.id, invitee.actor.id)).toBeNull();
    expect((await invitationRow(inv.id)).acceptedAt).toBeNull();
    // One millisecond earlier it still worked.
    await acceptInvitation(invitee, inv.token, justBefore);
    expect(await membershipRole(team.ws.id, invitee.actor.id)).toBe("editor");
  });

  it("is refused once the invitation was revoked", async () => {
    const { invitee, inv } = await inviteNewUser("editor");
    await revokeInvitation(team.ownerCtx, { invitationId: inv.id });
    await expect(acceptInvitation(invitee, inv.token)).rejects.toMatchObject({
      code: "conflict",
      message: "This invitation was withdrawn. Ask for a new one.",
    });
    expect(await membershipRole(team.ws.id, invitee.actor.id)).toBeNull();
    // An accepted or already revoked invitation cannot be revoked (again).
    await expect(revokeInvitation(team.ownerCtx, { invitationId: inv.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("by a user signed in with another e-mail is forbidden, creates no membership, and leaves the invitation usable", async () => {
    const { invitee, inv } = await inviteNewUser("editor");
    const intruder = await makeUser(t.db, "intruder");
    await expect(acceptInvitation(intruder, inv.token)).rejects.toMatchObject({
      code: "forbidden",
      message: `This invitation is for ${invitee.actor.email}. Sign in with that address to accept it.`,
    });
    expect(await membershipRole(team.ws.id, intruder.actor.id)).toBeNull();
    await expect(resolveWorkspace(intruder, team.ws.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await invitationRow(inv.id)).acceptedAt).toBeNull();

    await acceptInvitation(invitee, inv.token);
    expect(await membershipRole(team.ws.id, invitee.actor.id)).toBe("editor");
  });

  it("with an unknown token is 'not found'", async () => {
    const someone = await makeUser(t.db, "guesser");
    await expect(acceptInvitation(someone, "not-a-real-token")).rejects.toMatchObject({ code: "not_found" });
  });

  it("by someone who is already a member keeps their current role", async () => {
    const { ws, ownerCtx } = await makeWorkspace(t.db, "Already in");
    const invitee = await makeUser(t.db, "late");
    const inv = await createInvitation(ownerCtx, { email: invitee.actor.email, role: "viewer" });
    // They joined another way (e.g. a second invitation) before using this link.
    await t.db.insert(memberships).values({ workspaceId: ws.id, userId: invitee.actor.id, role: "editor" });
    await acceptInvitation(invitee, inv.token);
    expect(await membershipRole(ws.id, invitee.actor.id)).toBe("editor");
  });
});

describe("previewing an invitation", () => {
  it("reports pending, accepted, revoked and expired, and null for an unknown token", async () => {
    const created = new Date();
    const pending = await inviteNewUser("editor", created);
    const preview = await previewInvitation(t.db, pending.inv.token, created);
    expect(preview).toEqual({
      email: pending.invitee.actor.email,
      role: "editor",
      expiresAt: pending.inv.expiresAt,
      workspaceName: "Renewals team",
      inviterName: team.owner.actor.name,
      state: "pending",
    });
    expect((await previewInvitation(t.db, pending.inv.token, pending.inv.expiresAt))?.state).toBe("expired");
    expect((await previewInvitation(t.db, pending.inv.token, new Date(created.getTime() + 30 * DAY)))?.state).toBe("expired");

    const accepted = await inviteNewUser("viewer");
    await acceptInvitation(accepted.invitee, accepted.inv.token);
    expect((await previewInvitation(t.db, accepted.inv.token))?.state).toBe("accepted");
    // Accepted wins over expired: the link was used before it ran out.
    expect((await previewInvitation(t.db, accepted.inv.token, new Date(Date.now() + 30 * DAY)))?.state).toBe("accepted");

    const revoked = await inviteNewUser("viewer");
    await revokeInvitation(team.ownerCtx, { invitationId: revoked.inv.id });
    expect((await previewInvitation(t.db, revoked.inv.token))?.state).toBe("revoked");

    expect(await previewInvitation(t.db, "no-such-token")).toBeNull();
    // The stored hash is not a token: looking it up as one finds nothing.
    expect(await previewInvitation(t.db, sha256(pending.inv.token))).toBeNull();
  });
});
