import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginThrottle } from "@/lib/db/schema/auth";
import { accountKey, addressKey, lockedFor, recordFailure, THROTTLE } from "@/lib/auth/throttle";
import { verifyCredentials, WRONG_CREDENTIALS } from "@/lib/services/users/verify-credentials";
import { freshDb, type TestDb } from "./db";
import { makeUser } from "./factories";

// The factories sign every user up with this password.
const PASSWORD = "correct horse battery";
const MINUTE = 60_000;
const LOCKED = /^Too many failed sign-in attempts\. Try again in \d+ minutes?\.$/;

let t: TestDb;
let ipCounter = 0;
/** Every test signs in from its own address, so the per-address counter of one test never leaks into another. */
const newIp = () => `203.0.113.${++ipCounter}`;

beforeAll(async () => {
  t = await freshDb();
});
afterAll(() => t.close());

async function counter(key: string) {
  const [row] = await t.db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  return row ?? null;
}

async function failTimes(n: number, input: { email: string; ip: string }) {
  for (let i = 0; i < n; i++) {
    await expect(verifyCredentials(t.db, { ...input, password: `wrong password ${i}` })).rejects.toMatchObject({
      code: "invalid",
      message: WRONG_CREDENTIALS,
    });
  }
}

describe("verifyCredentials", () => {
  it("accepts the right password and returns the user", async () => {
    const { actor } = await makeUser(t.db, "alice");
    const user = await verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip: newIp() });
    expect(user).toEqual({ id: actor.id, email: actor.email, name: "alice" });
    // The address is matched whatever its case or surrounding spaces.
    const again = await verifyCredentials(t.db, { email: `  ${actor.email.toUpperCase()} `, password: PASSWORD, ip: newIp() });
    expect(again.id).toBe(actor.id);
  });

  it("refuses a wrong password with 'Wrong e-mail or password.' and counts it for the account and the address", async () => {
    const { actor } = await makeUser(t.db, "bob");
    const ip = newIp();
    await expect(verifyCredentials(t.db, { email: actor.email, password: "not my password", ip })).rejects.toMatchObject({
      name: "DomainError",
      code: "invalid",
      message: "Wrong e-mail or password.",
    });
    expect((await counter(accountKey(actor.email)))?.failures).toBe(1);
    expect((await counter(addressKey(ip)))?.failures).toBe(1);
  });

  it(`after ${THROTTLE.maxFailuresPerAccount} failures for one account refuses even the right password, from any address`, async () => {
    const { actor } = await makeUser(t.db, "carol");
    await failTimes(THROTTLE.maxFailuresPerAccount, { email: actor.email, ip: newIp() });

    for (const ip of [newIp(), newIp()]) {
      await expect(verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip })).rejects.toMatchObject({
        code: "rate_limited",
        message: `Too many failed sign-in attempts. Try again in ${THROTTLE.lockMinutes} minutes.`,
      });
    }
    const row = await counter(accountKey(actor.email));
    expect(row?.failures).toBe(THROTTLE.maxFailuresPerAccount);
    // Attempts during the lock are refused before the password is checked, so they are not counted.
    expect(row?.lockedUntil).toBeInstanceOf(Date);
    const minutesLeft = ((row?.lockedUntil?.getTime() ?? 0) - Date.now()) / MINUTE;
    expect(minutesLeft).toBeGreaterThan(THROTTLE.lockMinutes - 1);
    expect(minutesLeft).toBeLessThanOrEqual(THROTTLE.lockMinutes);
  });

  it("counts failures that arrive at the same moment one by one (the counter is one atomic upsert)", async () => {
    const { actor } = await makeUser(t.db, "parallel");
    const ip = newIp();
    const attempts = Array.from({ length: THROTTLE.maxFailuresPerAccount }, (_, i) =>
      verifyCredentials(t.db, { email: actor.email, password: `parallel guess ${i}`, ip }),
    );
    const results = await Promise.allSettled(attempts);
    expect(results.every((r) => r.status === "rejected" && (r.reason as { code?: string }).code === "invalid")).toBe(true);
    expect((await counter(accountKey(actor.email)))?.failures).toBe(THROTTLE.maxFailuresPerAccount);
    expect((await counter(addressKey(ip)))?.failures).toBe(THROTTLE.maxFailuresPerAccount);
    await expect(verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip: newIp() })).rejects.toMatchObject({
      code: "rate_limited",
    });
  });

  it("one failure fewer than the limit still lets the right password in", async () => {
    const { actor } = await makeUser(t.db, "dave");
    await failTimes(THROTTLE.maxFailuresPerAccount - 1, { email: actor.email, ip: newIp() });
    expect((await verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip: newIp() })).id).toBe(actor.id);
  });

  it("counts failures under every spelling of the address as one account", async () => {
    const { actor } = await makeUser(t.db, "erin");
    const spellings = [actor.email, actor.email.toUpperCase(), ` ${actor.email} `];
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) {
      await failTimes(1, { email: spellings[i % spellings.length]!, ip: newIp() });
    }
    await expect(verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip: newIp() })).rejects.toMatchObject({
      code: "rate_limited",
    });
  });

  it(`locks an address after ${THROTTLE.maxFailuresPerAddress} failures across different accounts`, async () => {
    const ip = newIp();
    const accounts = await Promise.all([1, 2, 3, 4, 5].map((i) => makeUser(t.db, `spray${i}`)));
    // Four failures per account: no account reaches its own limit, the address reaches its limit.
    for (let i = 0; i < THROTTLE.maxFailuresPerAddress; i++) {
      await failTimes(1, { email: accounts[i % accounts.length]!.actor.email, ip });
    }
    expect((await counter(addressKey(ip)))?.failures).toBe(THROTTLE.maxFailuresPerAddress);
    for (const a of accounts) expect((await counter(accountKey(a.actor.email)))?.failures).toBe(4);

    // From that address even a correct sign-in of an untouched account is refused…
    const fresh = await makeUser(t.db, "bystander");
    await expect(verifyCredentials(t.db, { email: fresh.actor.email, password: PASSWORD, ip })).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(LOCKED),
    });
    // …while the same accounts sign in from elsewhere.
    const first = accounts[0]!.actor;
    expect((await verifyCredentials(t.db, { email: first.email, password: PASSWORD, ip: newIp() })).id).toBe(first.id);
    expect((await verifyCredentials(t.db, { email: fresh.actor.email, password: PASSWORD, ip: newIp() })).id).toBe(fresh.actor.id);
  });

  it("a success clears the account's counter, so counting starts again from zero", async () => {
    const { actor } = await makeUser(t.db, "frank");
    const ip = newIp();
    await failTimes(THROTTLE.maxFailuresPerAccount - 1, { email: actor.email, ip });
    expect((await counter(accountKey(actor.email)))?.failures).toBe(THROTTLE.maxFailuresPerAccount - 1);

    await verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip });
    expect(await counter(accountKey(actor.email))).toBeNull();
    // The address counter is not the account's to clear.
    expect((await counter(addressKey(ip)))?.failures).toBe(THROTTLE.maxFailuresPerAccount - 1);

    await failTimes(THROTTLE.maxFailuresPerAccount - 1, { email: actor.email, ip: newIp() });
    expect((await verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip: newIp() })).id).toBe(actor.id);
  });

  it("counts an unknown e-mail too, with the same message, so accounts cannot be discovered", async () => {
    const ip = newIp();
    const ghost = `nobody-${Date.now()}@example.test`;
    const { actor } = await makeUser(t.db, "grace");
    const messages: string[] = [];
    for (const email of [ghost, actor.email]) {
      const err = await verifyCredentials(t.db, { email, password: "guess", ip }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "invalid" });
      messages.push((err as Error).message);
    }
    expect(messages).toEqual([WRONG_CREDENTIALS, WRONG_CREDENTIALS]);

    await failTimes(THROTTLE.maxFailuresPerAccount - 1, { email: ghost, ip: newIp() });
    expect((await counter(accountKey(ghost)))?.failures).toBe(THROTTLE.maxFailuresPerAccount);
    await expect(verifyCredentials(t.db, { email: ghost, password: "guess", ip: newIp() })).rejects.toMatchObject({
      code: "rate_limited",
      message: `Too many failed sign-in attempts. Try again in ${THROTTLE.lockMinutes} minutes.`,
    });
  });

  it("refuses an account without a password (single sign-on only) like a wrong password", async () => {
    const { findOrCreateOidcUser } = await import("@/lib/services/users/oidc-user");
    const sso = await findOrCreateOidcUser(t.db, {
      issuer: "https://idp.example.test",
      subject: "sso-only",
      email: "sso.only@example.test",
      emailVerified: true,
    });
    await expect(verifyCredentials(t.db, { email: sso.email, password: "", ip: newIp() })).rejects.toMatchObject({
      code: "invalid",
      message: WRONG_CREDENTIALS,
    });
    await expect(verifyCredentials(t.db, { email: sso.email, password: "anything at all", ip: newIp() })).rejects.toMatchObject({
      code: "invalid",
    });
  });
});

describe("the failure window (explicit clock)", () => {
  const t0 = new Date("2031-05-01T10:00:00.000Z");
  const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
  const max = 5;

  it("locks on the last allowed failure within the window, and reports whole minutes until the lock ends", async () => {
    const key = "email:window-lock@example.test";
    for (let i = 0; i < max - 1; i++) await recordFailure(t.db, key, max, at(i));
    expect(await lockedFor(t.db, [key], at(4))).toBeNull();
    await recordFailure(t.db, key, max, at(4));
    // Locked from minute 4 for lockMinutes.
    const end = 4 + THROTTLE.lockMinutes;
    expect(await lockedFor(t.db, [key], at(4))).toBe(THROTTLE.lockMinutes);
    expect(await lockedFor(t.db, [key], at(end - 1))).toBe(1);
    expect(await lockedFor(t.db, [key], at(end - 0.5))).toBe(1); // rounded up, never "0 minutes"
    expect(await lockedFor(t.db, [key], at(end - 2.5))).toBe(3);
    expect(await lockedFor(t.db, [key], at(end))).toBeNull();
    expect(await lockedFor(t.db, [key], at(end + 60))).toBeNull();
  });

  it("restarts counting when the window has gone stale", async () => {
    const key = "email:window-stale@example.test";
    for (let i = 0; i < max - 1; i++) await recordFailure(t.db, key, max, at(i));
    expect((await counter(key))?.failures).toBe(max - 1);

    // The next failure comes after the window: it counts as the first of a new window, no lock.
    const later = THROTTLE.windowMinutes + 1;
    await recordFailure(t.db, key, max, at(later));
    expect(await counter(key)).toMatchObject({ failures: 1, windowStart: at(later), lockedUntil: null });
    expect(await lockedFor(t.db, [key], at(later))).toBeNull();

    // The new window locks after `max` failures of its own.
    for (let i = 1; i < max - 1; i++) await recordFailure(t.db, key, max, at(later + i));
    expect(await lockedFor(t.db, [key], at(later + max - 2))).toBeNull();
    await recordFailure(t.db, key, max, at(later + max - 1));
    expect((await counter(key))?.failures).toBe(max);
    expect(await lockedFor(t.db, [key], at(later + max - 1))).toBe(THROTTLE.lockMinutes);
  });

  it("a limit of 1 locks on the first failure", async () => {
    const key = "ip:window-one";
    await recordFailure(t.db, key, 1, t0);
    expect(await lockedFor(t.db, [key], t0)).toBe(THROTTLE.lockMinutes);
  });

  it("reports the lock that ends last when several keys are locked", async () => {
    const a = "email:window-a@example.test";
    const b = "ip:window-b";
    for (let i = 0; i < max; i++) await recordFailure(t.db, a, max, at(0));
    for (let i = 0; i < max; i++) await recordFailure(t.db, b, max, at(5));
    expect(await lockedFor(t.db, [a, b], at(5))).toBe(THROTTLE.lockMinutes);
    expect(await lockedFor(t.db, [a], at(5))).toBe(THROTTLE.lockMinutes - 5);
    expect(await lockedFor(t.db, ["ip:never-failed"], at(5))).toBeNull();
  });
});
