import { count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { openDb } from "@/lib/db/client";
import { appSettings, userIdentities, users } from "@/lib/db/schema/auth";
import { verifyPassword } from "@/lib/auth/password";
import { loadOrCreateAuthSecret } from "@/lib/auth/secret";
import { findOrCreateOidcUser } from "@/lib/services/users/oidc-user";
import { accountTokens } from "@/lib/db/schema/security";
import { confirmEmail, createConfirmedUser, signUp, signUpInput, SIGN_UP_SENT, VERIFY_LINK_DEAD } from "@/lib/services/users/sign-up";
import { UNCONFIRMED, verifyCredentials, WRONG_CREDENTIALS } from "@/lib/services/users/verify-credentials";
import { freshDb, type TestDb } from "./db";
import { startMailPeer } from "./mail-peer";
import { withDatabase } from "./global-setup";

let t: TestDb;

let peer: Awaited<ReturnType<typeof startMailPeer>>;

beforeAll(async () => {
  t = await freshDb();
  peer = await startMailPeer();
});
afterAll(async () => {
  await peer.close();
  await t.close();
});

const PASSWORD = "a long enough secret";
const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

/** Sign-up as the sign-up form does it: validate and normalise with signUpInput, then signUp. */
const register = async (raw: { name: string; email: string; password: string }) => signUp(t.db, signUpInput.parse(raw));

async function userRows(email: string) {
  return t.db.select().from(users).where(eq(users.email, email));
}

async function userCount() {
  const [row] = await t.db.select({ n: count() }).from(users);
  return row?.n ?? -1;
}

function zodFields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(z.ZodError);
    return (e as z.ZodError).issues.map((i) => i.path.join("."));
  }
  throw new Error("expected a validation error");
}

describe("signUp", () => {
  /** Signs up, opens the link mailed to the address, and returns the confirmed account. */
  async function registerAndConfirm(raw: { name: string; email: string; password: string }) {
    const started = await register(raw);
    const email = raw.email.trim().toLowerCase();
    const mail = await peer.mailTo(email, "Confirm your e-mail for Renewal Workbench");
    peer.inbox.splice(peer.inbox.indexOf(mail), 1);
    const user = await confirmEmail(t.db, peer.token(mail.text, "verify"));
    expect(user.id).toBe(started.userId);
    return user;
  }

  it("stores the e-mail lower-cased and trimmed; the account signs in only once the mailed link is opened", async () => {
    const started = await register({ name: "  Ada Lovelace ", email: "  Ada.Lovelace@Example.TEST ", password: PASSWORD });
    expect(started.message).toBe(SIGN_UP_SENT("ada.lovelace@example.test"));
    const [pending] = await userRows("ada.lovelace@example.test");
    expect(pending).toMatchObject({ id: started.userId, emailVerifiedAt: null, passwordHash: null });
    await expect(verifyCredentials(t.db, { email: "ada.lovelace@example.test", password: PASSWORD, ip: "198.51.100.10" })).rejects.toMatchObject({
      code: "invalid",
      message: UNCONFIRMED("ada.lovelace@example.test"),
    });
    // A wrong password on a pending account is just a wrong password.
    await expect(verifyCredentials(t.db, { email: "ada.lovelace@example.test", password: "not the one at all", ip: "198.51.100.10" })).rejects.toMatchObject({
      message: WRONG_CREDENTIALS,
    });

    const mail = await peer.mailTo("ada.lovelace@example.test");
    expect(mail.subject).toBe("Confirm your e-mail for Renewal Workbench");
    const token = peer.token(mail.text, "verify");
    const user = await confirmEmail(t.db, token);
    expect(user).toEqual({ id: started.userId, email: "ada.lovelace@example.test", name: "Ada Lovelace" });
    expect((await userRows("ada.lovelace@example.test"))[0]?.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await verifyCredentials(t.db, { email: " ADA.LOVELACE@EXAMPLE.test", password: PASSWORD, ip: "198.51.100.10" })).id).toBe(user.id);
    // The link works once.
    await expect(confirmEmail(t.db, token)).rejects.toMatchObject({ code: "not_found", message: VERIFY_LINK_DEAD });
  });

  it("answers a sign-up for a registered address exactly like a new one, changes nothing, and tells the owner by e-mail", async () => {
    const grace = await registerAndConfirm({ name: "Grace", email: "grace@example.test", password: PASSWORD });
    const fresh = await register({ name: "Someone", email: "someone-new@example.test", password: "another password" });
    for (const email of ["grace@example.test", "GRACE@Example.Test", " grace@example.test "]) {
      const again = await register({ name: "Impostor", email, password: "another password" });
      expect(again).toEqual({ message: SIGN_UP_SENT("grace@example.test"), userId: null });
      expect(again.message).toBe(fresh.message.replace("someone-new@example.test", "grace@example.test"));
    }
    const rows = await userRows("grace@example.test");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.name).toBe("Grace");
    expect(await verifyPassword(PASSWORD, rows[0]!.passwordHash!)).toBe(true);
    expect((await verifyCredentials(t.db, { email: grace.email, password: PASSWORD, ip: "198.51.100.11" })).id).toBe(grace.id);
    const told = await peer.mailTo("grace@example.test", "You already have a Renewal Workbench account");
    expect(told.text).toContain("https://workbench.example.test/forgot");
    expect(told.text).not.toMatch(/\/verify\//);
  });

  it("whoever reads the mailbox sets the password: someone who signed up first with another's address gains nothing", async () => {
    await register({ name: "Squatter", email: "owner@example.test", password: "squatters password 1" });
    const squatterMail = await peer.mailTo("owner@example.test");
    peer.inbox.length = 0;
    const owner = await registerAndConfirm({ name: "Real Owner", email: "owner@example.test", password: "owners own password 2" });
    expect(owner.name).toBe("Real Owner");
    // The squatter's earlier link was replaced; the squatter's password opens nothing.
    await expect(confirmEmail(t.db, peer.token(squatterMail.text, "verify"))).rejects.toMatchObject({ code: "not_found" });
    await expect(verifyCredentials(t.db, { email: "owner@example.test", password: "squatters password 1", ip: "198.51.100.12" })).rejects.toMatchObject({ message: WRONG_CREDENTIALS });
    expect((await verifyCredentials(t.db, { email: "owner@example.test", password: "owners own password 2", ip: "198.51.100.12" })).id).toBe(owner.id);
  });

  it("creates one account when two sign-ups for the same address race", async () => {
    const results = await Promise.allSettled([
      register({ name: "First", email: "race@example.test", password: PASSWORD }),
      register({ name: "Second", email: "Race@example.test", password: PASSWORD }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(await userRows("race@example.test")).toHaveLength(1);
  });

  it("refuses a short, common or over-72-byte password, an invalid e-mail or an empty name, before storing anything", async () => {
    const before = await userCount();
    expect(zodFields(() => signUpInput.parse({ name: "Short", email: "short@example.test", password: "123456789" }))).toEqual(["password"]);
    expect(() => signUpInput.parse({ name: "Short", email: "short@example.test", password: "123456789" })).toThrow(
      "Use at least 10 characters.",
    );
    expect(zodFields(() => signUpInput.parse({ name: "Bad", email: "not-an-email", password: PASSWORD }))).toEqual(["email"]);
    expect(zodFields(() => signUpInput.parse({ name: "  ", email: "blank@example.test", password: PASSWORD }))).toEqual(["name"]);
    expect(zodFields(() => signUpInput.parse({ name: "Long", email: "long@example.test", password: "x".repeat(73) }))).toEqual(["password"]);
    for (const common of ["password12", "1234567890", "          "]) {
      expect(zodFields(() => signUpInput.parse({ name: "Common", email: "common@example.test", password: common }))).toEqual(["password"]);
    }
    await expect(register({ name: "Short", email: "short@example.test", password: "123456789" })).rejects.toBeInstanceOf(z.ZodError);
    await expect(register({ name: "Ten", email: "ten@example.test", password: "1234567890" })).rejects.toBeInstanceOf(z.ZodError);
    expect(await userCount()).toBe(before);
    // Exactly ten characters is enough when they are not guessable.
    expect((await register({ name: "Ten", email: "ten@example.test", password: "kq7#vLm2pX" })).userId).not.toBeNull();
  });

  it("stores a salted bcrypt hash, never the password", async () => {
    const a = await registerAndConfirm({ name: "Hash A", email: "hash-a@example.test", password: PASSWORD });
    const b = await registerAndConfirm({ name: "Hash B", email: "hash-b@example.test", password: PASSWORD });
    const [rowA] = await userRows(a.email);
    const [rowB] = await userRows(b.email);
    const hashA = rowA!.passwordHash!;
    expect(hashA).toMatch(BCRYPT);
    expect(hashA.startsWith("$2b$04$")).toBe(true); // tests/integration/setup.ts lowers the cost to 4
    expect(hashA).not.toContain(PASSWORD);
    expect(JSON.stringify(rowA)).not.toContain(PASSWORD);
    expect(rowB!.passwordHash).not.toBe(hashA); // a fresh salt per account
    expect(await verifyPassword(PASSWORD, hashA)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, hashA)).toBe(false);
    expect((await verifyCredentials(t.db, { email: "HASH-A@example.test", password: PASSWORD, ip: "198.51.100.1" })).id).toBe(a.id);
    const [token] = await t.db.select().from(accountTokens).where(eq(accountTokens.userId, a.id));
    expect(JSON.stringify(token ?? {})).not.toContain(PASSWORD);
  });
});

describe("findOrCreateOidcUser", () => {
  const issuer = "https://login.example.test";

  async function identitiesOf(userId: string) {
    return t.db
      .select({ provider: userIdentities.provider, subject: userIdentities.subject })
      .from(userIdentities)
      .where(eq(userIdentities.userId, userId));
  }

  it("creates a password-less user linked to the identity", async () => {
    const user = await findOrCreateOidcUser(t.db, {
      issuer,
      subject: "sub-new",
      email: " New.Person@Example.TEST ",
      emailVerified: true,
      name: " New Person ",
    });
    expect(user).toMatchObject({ email: "new.person@example.test", name: "New Person" });
    const [row] = await userRows("new.person@example.test");
    expect(row?.id).toBe(user.id);
    expect(row?.passwordHash).toBeNull();
    expect(await identitiesOf(user.id)).toEqual([{ provider: issuer, subject: "sub-new" }]);
    // Without a password it cannot sign in with one.
    await expect(verifyCredentials(t.db, { email: user.email, password: "anything at all", ip: "198.51.100.2" })).rejects.toMatchObject({
      code: "invalid",
    });
  });

  it("names the user after the e-mail when the provider sends no name", async () => {
    const user = await findOrCreateOidcUser(t.db, { issuer, subject: "sub-noname", email: "noname@example.test", emailVerified: true });
    expect(user.name).toBe("noname@example.test");
  });

  it("links a verified e-mail to the existing account with that address, keeping its password", async () => {
    const existing = await createConfirmedUser(t.db, { name: "Existing", email: "existing@example.test", password: PASSWORD });
    const before = await userCount();
    const user = await findOrCreateOidcUser(t.db, {
      issuer,
      subject: "sub-existing",
      email: "EXISTING@example.test",
      emailVerified: true,
      name: "Other Name From IdP",
    });
    expect(user).toEqual({ id: existing.id, email: "existing@example.test", name: "Existing" });
    expect(await userCount()).toBe(before);
    expect(await identitiesOf(existing.id)).toEqual([{ provider: issuer, subject: "sub-existing" }]);
    expect((await verifyCredentials(t.db, { email: existing.email, password: PASSWORD, ip: "198.51.100.3" })).id).toBe(existing.id);
  });

  it("returns the same user for the same issuer and subject, even when the e-mail claim changes", async () => {
    const first = await findOrCreateOidcUser(t.db, { issuer, subject: "sub-stable", email: "stable@example.test", emailVerified: true });
    const before = await userCount();
    const again = await findOrCreateOidcUser(t.db, { issuer, subject: "sub-stable", email: "stable@example.test", emailVerified: true });
    const renamed = await findOrCreateOidcUser(t.db, { issuer, subject: "sub-stable", email: "moved@example.test", emailVerified: true });
    expect(again.id).toBe(first.id);
    expect(renamed).toEqual(first);
    expect(await userCount()).toBe(before);
    expect(await identitiesOf(first.id)).toHaveLength(1);
  });

  it("treats the same subject at another issuer as another identity", async () => {
    const a = await findOrCreateOidcUser(t.db, { issuer, subject: "sub-shared", email: "issuer-a@example.test", emailVerified: true });
    const b = await findOrCreateOidcUser(t.db, {
      issuer: "https://other-idp.example.test",
      subject: "sub-shared",
      email: "issuer-b@example.test",
      emailVerified: true,
    });
    expect(b.id).not.toBe(a.id);
  });

  it("refuses an unverified or missing e-mail, and creates nothing", async () => {
    await createConfirmedUser(t.db, { name: "Victim", email: "victim@example.test", password: PASSWORD });
    const before = await userCount();
    const refusals = [
      { subject: "sub-unverified", email: "victim@example.test", emailVerified: false },
      { subject: "sub-unverified-new", email: "unverified-new@example.test", emailVerified: false },
      // No email_verified claim at all is not a verified address either (README: the ID token must carry it).
      { subject: "sub-unstated", email: "victim@example.test", emailVerified: undefined },
      { subject: "sub-unstated-null", email: "victim@example.test", emailVerified: null },
      { subject: "sub-unstated-new", email: "unstated-new@example.test" },
      { subject: "sub-missing", email: undefined, emailVerified: true },
      { subject: "sub-null", email: null, emailVerified: true },
      { subject: "sub-blank", email: "   ", emailVerified: true },
    ];
    for (const p of refusals) {
      await expect(findOrCreateOidcUser(t.db, { issuer, ...p })).rejects.toMatchObject({
        code: "invalid",
        message: "Your single sign-on provider did not share a verified e-mail address.",
      });
    }
    expect(await userCount()).toBe(before);
    const [victim] = await userRows("victim@example.test");
    expect(await identitiesOf(victim!.id)).toEqual([]);
    const linked = await t.db.select().from(userIdentities).where(inArray(userIdentities.subject, refusals.map((p) => p.subject)));
    expect(linked).toEqual([]);
  });
});

describe("loadOrCreateAuthSecret", () => {
  it("generates one secret and returns it on every call, also to calls made at the same moment", async () => {
    const [first, ...concurrent] = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateAuthSecret(t.db)));
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(concurrent).toEqual([first, first, first]);
    expect(await loadOrCreateAuthSecret(t.db)).toBe(first);
    const rows = await t.db.select().from(appSettings).where(eq(appSettings.key, "nextauth_secret"));
    expect(rows).toEqual([{ key: "nextauth_secret", value: first }]);
  });

  it("is shared by another instance connected to the same database (PostgreSQL)", async (ctx) => {
    const tmpl = inject("dbTemplate");
    if (tmpl.kind !== "postgres") {
      // An embedded PGlite database can only be opened by one process at a time.
      ctx.skip();
      return;
    }
    const mine = await loadOrCreateAuthSecret(t.db);
    const [row] = (await t.db.execute(sql`select current_database() as name`)) as unknown as Array<{ name: string }>;
    const other = await openDb({ url: withDatabase(tmpl.url, row!.name) });
    try {
      expect(await loadOrCreateAuthSecret(other.db)).toBe(mine);
    } finally {
      await other.close();
    }
  });
});

describe("single sign-on on an address with an unfinished sign-up", () => {
  it("takes the account over for the provider's verified owner and voids the pending link and its password", async () => {
    await register({ name: "Squatter", email: "sso-owner@example.test", password: "squatters password 3" });
    const link = peer.token((await peer.mailTo("sso-owner@example.test")).text, "verify");
    const user = await findOrCreateOidcUser(t.db, {
      issuer: "https://login.example.test",
      subject: "sub-sso-owner",
      email: "sso-owner@example.test",
      emailVerified: true,
      name: "Rightful Owner",
    });
    expect(user.name).toBe("Rightful Owner");
    const [row] = await userRows("sso-owner@example.test");
    expect(row).toMatchObject({ id: user.id, passwordHash: null, name: "Rightful Owner" });
    expect(row?.emailVerifiedAt).toBeInstanceOf(Date);
    await expect(confirmEmail(t.db, link)).rejects.toMatchObject({ code: "not_found" });
    await expect(verifyCredentials(t.db, { email: "sso-owner@example.test", password: "squatters password 3", ip: "198.51.100.13" })).rejects.toMatchObject({
      message: WRONG_CREDENTIALS,
    });
  });
});
