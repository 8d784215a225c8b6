import { count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { openDb } from "@/lib/db/client";
import { appSettings, userIdentities, users } from "@/lib/db/schema/auth";
import { verifyPassword } from "@/lib/auth/password";
import { loadOrCreateAuthSecret } from "@/lib/auth/secret";
import { findOrCreateOidcUser } from "@/lib/services/users/oidc-user";
import { findUserByEmail, signUp, signUpInput } from "@/lib/services/users/sign-up";
import { verifyCredentials } from "@/lib/services/users/verify-credentials";
import { freshDb, type TestDb } from "./db";
import { withDatabase } from "./global-setup";

let t: TestDb;

beforeAll(async () => {
  t = await freshDb();
});
afterAll(() => t.close());

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
  it("stores the e-mail lower-cased and trimmed, and the name trimmed", async () => {
    const user = await register({ name: "  Ada Lovelace ", email: "  Ada.Lovelace@Example.TEST ", password: PASSWORD });
    expect(user).toMatchObject({ email: "ada.lovelace@example.test", name: "Ada Lovelace" });
    const rows = await userRows("ada.lovelace@example.test");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(user.id);
    expect((await findUserByEmail(t.db, " ADA.LOVELACE@EXAMPLE.test"))?.id).toBe(user.id);
  });

  it("refuses a second account for the same address, in any case, with 'conflict'", async () => {
    await register({ name: "Grace", email: "grace@example.test", password: PASSWORD });
    for (const email of ["grace@example.test", "GRACE@Example.Test", " grace@example.test "]) {
      await expect(register({ name: "Impostor", email, password: "another password" })).rejects.toMatchObject({
        code: "conflict",
        message: "An account with this e-mail already exists. Sign in instead.",
      });
    }
    const rows = await userRows("grace@example.test");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.name).toBe("Grace");
    expect(await verifyPassword(PASSWORD, rows[0]!.passwordHash!)).toBe(true);
  });

  it("creates one account when two sign-ups for the same address race", async () => {
    const results = await Promise.allSettled([
      register({ name: "First", email: "race@example.test", password: PASSWORD }),
      register({ name: "Second", email: "Race@example.test", password: PASSWORD }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r): r is PromiseRejectedResult => r.status === "rejected")?.reason).toMatchObject({ code: "conflict" });
    expect(await userRows("race@example.test")).toHaveLength(1);
  });

  it("refuses a password shorter than 10 characters, and an invalid e-mail or empty name, before storing anything", async () => {
    const before = await userCount();
    expect(zodFields(() => signUpInput.parse({ name: "Short", email: "short@example.test", password: "123456789" }))).toEqual(["password"]);
    expect(() => signUpInput.parse({ name: "Short", email: "short@example.test", password: "123456789" })).toThrow(
      "Use at least 10 characters.",
    );
    expect(zodFields(() => signUpInput.parse({ name: "Bad", email: "not-an-email", password: PASSWORD }))).toEqual(["email"]);
    expect(zodFields(() => signUpInput.parse({ name: "  ", email: "blank@example.test", password: PASSWORD }))).toEqual(["name"]);
    expect(zodFields(() => signUpInput.parse({ name: "Long", email: "long@example.test", password: "x".repeat(73) }))).toEqual(["password"]);
    await expect(register({ name: "Short", email: "short@example.test", password: "123456789" })).rejects.toBeInstanceOf(z.ZodError);
    expect(await userCount()).toBe(before);
    // Exactly ten characters is enough when they are not guessable; ten digits in a row are not.
    await expect(register({ name: "Ten", email: "ten@example.test", password: "1234567890" })).rejects.toBeInstanceOf(z.ZodError);
    expect(await userCount()).toBe(before);
    expect((await register({ name: "Ten", email: "ten@example.test", password: "kq7#vLm2pX" })).email).toBe("ten@example.test");
  });

  it("stores a salted bcrypt hash, never the password", async () => {
    const a = await register({ name: "Hash A", email: "hash-a@example.test", password: PASSWORD });
    const b = await register({ name: "Hash B", email: "hash-b@example.test", password: PASSWORD });
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
    const existing = await register({ name: "Existing", email: "existing@example.test", password: PASSWORD });
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
    await register({ name: "Victim", email: "victim@example.test", password: PASSWORD });
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
