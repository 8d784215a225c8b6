// Password change and reset, and the security log, against a real database and a local SMTP peer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/lib/db/schema/auth";
import { accountTokens, securityEvents } from "@/lib/db/schema/security";
import { actorOfSession, createSession } from "@/lib/auth/sessions";
import { recordFailure, pairKey, THROTTLE, delayedFor } from "@/lib/auth/throttle";
import { changeMemberRole } from "@/lib/services/members/change-role";
import { resolveWorkspace } from "@/lib/services/context";
import { listOwnSecurityEvents, listWorkspaceSecurityEvents, pruneSecurityEvents } from "@/lib/services/security/log";
import { changePassword, RESET_LIMITS, RESET_LINK_DEAD, RESET_REQUESTED, requestPasswordReset, resetLinkAccount, resetPassword } from "@/lib/services/users/password";
import { verifyCredentials, WRONG_CREDENTIALS } from "@/lib/services/users/verify-credentials";
import { pruneLinks } from "@/lib/services/users/account-links";
import { freshDb, type TestDb } from "./db";
import { startMailPeer } from "./mail-peer";
import { addMember, makeUser, makeWorkspace } from "./factories";

const PASSWORD = "correct horse battery"; // what makeUser signs up with
const NEW_PASSWORD = "violet tangerine submarine";

let t: TestDb;
let mail: Awaited<ReturnType<typeof startMailPeer>>;
let ipCounter = 0;
const newIp = () => `203.0.113.${++ipCounter}`;

beforeAll(async () => {
  t = await freshDb();
  mail = await startMailPeer();
});
afterAll(async () => {
  await mail.close();
  await t.close();
});
beforeEach(() => {
  mail.inbox.length = 0;
});

const mailTo = (email: string) => mail.mailTo(email);
const linkToken = (text: string) => mail.token(text, "reset");
const kinds = async (userId: string) =>
  (await t.db.select({ kind: securityEvents.kind }).from(securityEvents).where(eq(securityEvents.userId, userId)).orderBy(securityEvents.at)).map((r) => r.kind);

describe("changing a password", () => {
  it("needs the current password, refuses a common new one, and ends every other session but this one", async () => {
    const ctx = await makeUser(t.db, "changer");
    const here = await createSession(t.db, ctx.actor.id);
    const laptop = await createSession(t.db, ctx.actor.id);
    const phone = await createSession(t.db, ctx.actor.id);
    const ip = newIp();

    await expect(changePassword(ctx, { current: "not it at all", next: NEW_PASSWORD, confirm: NEW_PASSWORD }, { sessionId: here, address: ip })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { current: ["The current password is wrong."] },
    });
    await expect(changePassword(ctx, { current: PASSWORD, next: "password12", confirm: "password12" }, { sessionId: here, address: ip })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { next: ["This password is too easy to guess. This is a commonly used password. Add more words that are less common."] },
    });
    await expect(changePassword(ctx, { current: PASSWORD, next: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!` }, { sessionId: here, address: ip })).rejects.toMatchObject({
      fieldErrors: { confirm: ["The two new passwords differ."] },
    });
    // Nothing changed so far: the old password still signs in, every session still holds.
    expect((await verifyCredentials(t.db, { email: ctx.actor.email, password: PASSWORD, ip })).id).toBe(ctx.actor.id);
    expect(await actorOfSession(t.db, laptop, ctx.actor.id)).not.toBeNull();

    expect(await changePassword(ctx, { current: PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD }, { sessionId: here, address: ip })).toEqual({ endedSessions: 2 });
    expect(await actorOfSession(t.db, here, ctx.actor.id)).toEqual(ctx.actor);
    expect(await actorOfSession(t.db, laptop, ctx.actor.id)).toBeNull();
    expect(await actorOfSession(t.db, phone, ctx.actor.id)).toBeNull();
    await expect(verifyCredentials(t.db, { email: ctx.actor.email, password: PASSWORD, ip })).rejects.toMatchObject({ message: WRONG_CREDENTIALS });
    expect((await verifyCredentials(t.db, { email: ctx.actor.email, password: NEW_PASSWORD, ip })).id).toBe(ctx.actor.id);

    expect(await kinds(ctx.actor.id)).toEqual(["sign_in_failed", "sign_in", "password_changed", "sign_in_failed", "sign_in"]);
    const own = await listOwnSecurityEvents(ctx);
    expect(own[2]).toMatchObject({ kind: "password_changed", label: "Password changed", address: ip, detail: "2 other sessions signed out" });
  });

  it("five wrong current passwords delay the form, the right one included", async () => {
    const ctx = await makeUser(t.db, "guesser");
    const meta = { sessionId: undefined, address: newIp() };
    for (let i = 0; i < 5; i++) {
      await expect(changePassword(ctx, { current: `guess ${i}`, next: NEW_PASSWORD, confirm: NEW_PASSWORD }, meta)).rejects.toMatchObject({ code: "invalid" });
    }
    await expect(changePassword(ctx, { current: PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD }, meta)).rejects.toMatchObject({
      code: "rate_limited",
      message: "Too many wrong current passwords. Try again in 1 minute.",
    });
  });
});

describe("resetting a forgotten password by e-mail", () => {
  it("mails a one-time link; it sets a new password once, ends every session and lifts earlier sign-in delays", async () => {
    const ctx = await makeUser(t.db, "forgetful");
    const session = await createSession(t.db, ctx.actor.id);
    const ip = newIp();
    // Someone locked this account out from their address: five failures.
    for (let i = 0; i < THROTTLE.maxFailuresPerPair; i++) await recordFailure(t.db, pairKey(ctx.actor.email, ip), THROTTLE.maxFailuresPerPair);
    expect(await delayedFor(t.db, [pairKey(ctx.actor.email, ip)])).toBe(60);

    expect(await requestPasswordReset(t.db, ` ${ctx.actor.email.toUpperCase()} `, ip)).toBe(RESET_REQUESTED(ctx.actor.email));
    const mail = await mailTo(ctx.actor.email);
    expect(mail.subject).toBe("Choose a new password for Renewal Workbench");
    const token = linkToken(mail.text)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    const [row] = await t.db.select().from(accountTokens).where(eq(accountTokens.userId, ctx.actor.id));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.tokenHash).not.toContain(token);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(60 * 60_000);
    expect(await resetLinkAccount(t.db, token)).toEqual({ email: ctx.actor.email });

    await expect(resetPassword(t.db, { token, password: "1234567890", confirm: "1234567890" }, ip)).rejects.toMatchObject({ code: "invalid" });
    expect(await resetLinkAccount(t.db, token)).toEqual({ email: ctx.actor.email }); // a refused password does not spend the link
    expect(await resetPassword(t.db, { token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, ip)).toEqual({ email: ctx.actor.email });

    expect(await actorOfSession(t.db, session, ctx.actor.id)).toBeNull();
    expect(await delayedFor(t.db, [pairKey(ctx.actor.email, ip)])).toBeNull();
    expect((await verifyCredentials(t.db, { email: ctx.actor.email, password: NEW_PASSWORD, ip })).id).toBe(ctx.actor.id);
    // Spent: a second use is refused, and so is the page.
    expect(await resetLinkAccount(t.db, token)).toBeNull();
    await expect(resetPassword(t.db, { token, password: "another fine passphrase", confirm: "another fine passphrase" }, ip)).rejects.toMatchObject({
      code: "not_found",
      message: RESET_LINK_DEAD,
    });
    expect(await kinds(ctx.actor.id)).toEqual(["password_reset_requested", "password_reset", "sign_in"]);
  });

  it("answers the same for an address without an account, and sends nothing", async () => {
    const email = `nobody-${Date.now()}@example.test`;
    expect(await requestPasswordReset(t.db, email, newIp())).toBe(RESET_REQUESTED(email));
    await new Promise((r) => setTimeout(r, 300));
    expect(mail.inbox).toEqual([]);
    const [event] = await t.db.select().from(securityEvents).where(eq(securityEvents.email, email));
    expect(event).toMatchObject({ kind: "password_reset_requested", userId: null, detail: "no account with this e-mail" });
  });

  it("a link expires after an hour; a newer request replaces the older link", async () => {
    const ctx = await makeUser(t.db, "slow");
    const t0 = new Date("2026-12-03T10:00:00Z");
    await requestPasswordReset(t.db, ctx.actor.email, newIp(), t0);
    const first = linkToken((await mailTo(ctx.actor.email)).text)!;
    expect(await resetLinkAccount(t.db, first, new Date("2026-12-03T10:59:59Z"))).toEqual({ email: ctx.actor.email });
    expect(await resetLinkAccount(t.db, first, new Date("2026-12-03T11:00:00Z"))).toBeNull();
    mail.inbox.length = 0;
    await requestPasswordReset(t.db, ctx.actor.email, newIp(), new Date("2026-12-03T10:30:00Z"));
    const second = linkToken((await mailTo(ctx.actor.email)).text)!;
    expect(await resetLinkAccount(t.db, first, new Date("2026-12-03T10:31:00Z"))).toBeNull();
    expect(await resetLinkAccount(t.db, second, new Date("2026-12-03T10:31:00Z"))).toEqual({ email: ctx.actor.email });
    expect(await pruneLinks(t.db, new Date("2026-12-03T11:30:01Z"))).toBeGreaterThanOrEqual(1);
    expect(await t.db.select().from(accountTokens).where(eq(accountTokens.userId, ctx.actor.id))).toEqual([]);
  });

  it("two tabs using one link at once: exactly one sets its password", async () => {
    const ctx = await makeUser(t.db, "racer");
    await requestPasswordReset(t.db, ctx.actor.email, newIp());
    const token = linkToken((await mailTo(ctx.actor.email)).text)!;
    const results = await Promise.allSettled([
      resetPassword(t.db, { token, password: "first tab passphrase", confirm: "first tab passphrase" }, newIp()),
      resetPassword(t.db, { token, password: "second tab passphrase", confirm: "second tab passphrase" }, newIp()),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const winner = results[0]!.status === "fulfilled" ? "first tab passphrase" : "second tab passphrase";
    expect((await verifyCredentials(t.db, { email: ctx.actor.email, password: winner, ip: newIp() })).id).toBe(ctx.actor.id);
  });

  it("after three requests an hour for one account nothing more is sent, with the same answer; ten per address are refused", async () => {
    const ctx = await makeUser(t.db, "spammed");
    for (let i = 0; i < RESET_LIMITS.perAccount.max + 2; i++) expect(await requestPasswordReset(t.db, ctx.actor.email, newIp())).toBe(RESET_REQUESTED(ctx.actor.email));
    await new Promise((r) => setTimeout(r, 400));
    expect(mail.inbox.filter((m) => m.to === ctx.actor.email)).toHaveLength(RESET_LIMITS.perAccount.max);
    const ip = newIp();
    for (let i = 0; i < RESET_LIMITS.perAddress.max; i++) await requestPasswordReset(t.db, `x${i}-${Date.now()}@example.test`, ip);
    await expect(requestPasswordReset(t.db, "one-more@example.test", ip)).rejects.toMatchObject({ code: "rate_limited", message: "Too many reset requests from this address. Try again in 1 minute." });
  });

  it("refuses a malformed address with a field message", async () => {
    await expect(requestPasswordReset(t.db, "not an address", newIp())).rejects.toMatchObject({ code: "invalid", fieldErrors: { email: ["Enter a valid e-mail address."] } });
    await expect(requestPasswordReset(t.db, "a\u0000b@example.test", newIp())).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("the security log", () => {
  it("owners read refused access, role changes and their members' sign-in failures; another workspace's never; editors cannot read it", async () => {
    const { ws, owner, ownerCtx } = await makeWorkspace(t.db, "Logged");
    const editor = await addMember(t.db, ws.id, "editor", "logged-editor");
    const viewer = await addMember(t.db, ws.id, "viewer", "logged-viewer");
    const outsider = await makeUser(t.db, "outsider");
    const other = await makeWorkspace(t.db, "Elsewhere");

    // A viewer tries an editor's action; an outsider probes the workspace; the owner demotes the editor.
    await expect(resolveWorkspace({ db: t.db, actor: viewer.actor }, ws.id, "editor")).rejects.toMatchObject({ code: "forbidden" });
    await expect(resolveWorkspace(outsider, ws.id)).rejects.toMatchObject({ code: "not_found" });
    await changeMemberRole(ownerCtx, { userId: editor.actor.id, role: "viewer" });
    // The member fails to sign in; someone fails in the other workspace.
    const ip = newIp();
    await expect(verifyCredentials(t.db, { email: editor.actor.email, password: "wrong one", ip })).rejects.toMatchObject({ code: "invalid" });
    await expect(verifyCredentials(t.db, { email: other.owner.actor.email, password: "wrong one", ip })).rejects.toMatchObject({ code: "invalid" });

    const log = await listWorkspaceSecurityEvents(ownerCtx);
    const seen = log.map((e) => [e.kind, e.email, e.detail]);
    expect(seen).toContainEqual(["access_denied", viewer.actor.email, `${viewer.actor.email} (viewer) tried an action that needs editor`]);
    expect(seen).toContainEqual(["access_denied", outsider.actor.email, `${outsider.actor.email} is not a member`]);
    expect(seen).toContainEqual(["role_changed", editor.actor.email, `${owner.actor.email} changed the role from editor to viewer`]);
    expect(seen).toContainEqual(["sign_in_failed", editor.actor.email, "wrong password"]);
    expect(log.some((e) => e.email === other.owner.actor.email)).toBe(false);
    expect(log.find((e) => e.kind === "sign_in_failed")?.address).toBe(ip);

    const otherLog = await listWorkspaceSecurityEvents(other.ownerCtx);
    expect(otherLog.some((e) => e.email === editor.actor.email || e.email === outsider.actor.email)).toBe(false);
    expect(otherLog.map((e) => e.kind)).toContain("sign_in_failed");

    const editorNowViewer = await resolveWorkspace({ db: t.db, actor: editor.actor }, ws.id);
    await expect(listWorkspaceSecurityEvents(editorNowViewer)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("records a failed sign-in on an unknown address under that address, never the password", async () => {
    const email = `ghost-${Date.now()}@example.test`;
    await expect(verifyCredentials(t.db, { email, password: "SuperSecret-Guess-42", ip: "198.51.100.77" })).rejects.toMatchObject({ code: "invalid" });
    const rows = await t.db.select().from(securityEvents).where(eq(securityEvents.email, email));
    expect(rows.map((r) => [r.kind, r.userId, r.address, r.detail])).toEqual([["sign_in_failed", null, "198.51.100.77", "no account with this e-mail"]]);
    expect(JSON.stringify(rows)).not.toContain("SuperSecret");
  });

  it("keeps 180 days", async () => {
    const ctx = await makeUser(t.db, "old");
    await t.db.insert(securityEvents).values([
      { kind: "sign_in", userId: ctx.actor.id, at: new Date("2026-06-05T23:59:59Z") },
      { kind: "sign_in", userId: ctx.actor.id, at: new Date("2026-06-06T00:00:01Z") },
    ]);
    expect(await pruneSecurityEvents(t.db, new Date("2026-12-03T00:00:00Z"))).toBeGreaterThanOrEqual(1);
    const left = await t.db.select({ at: securityEvents.at }).from(securityEvents).where(eq(securityEvents.userId, ctx.actor.id));
    expect(left.map((r) => r.at.toISOString())).toEqual(["2026-06-06T00:00:01.000Z"]);
    expect((await t.db.select().from(users).where(eq(users.id, ctx.actor.id))).length).toBe(1);
  });
});
