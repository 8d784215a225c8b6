import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginThrottle } from "@/lib/db/schema/auth";
import { addressKey, delayedFor, delaySecondsAfter, pairKey, recordFailure, retryText, THROTTLE, UNKNOWN_ADDRESS } from "@/lib/auth/throttle";
import { verifyCredentials, WRONG_CREDENTIALS } from "@/lib/services/users/verify-credentials";
import { freshDb, type TestDb } from "./db";
import { makeUser } from "./factories";

// The factories sign every user up with this password.
const PASSWORD = "correct horse battery";
const DELAYED = /^Too many failed sign-in attempts\. Try again in \d+ (minute|second)s?\.$/;

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

  it("refuses a wrong password with 'Wrong e-mail or password.' and counts it for the (account, address) pair and the address", async () => {
    const { actor } = await makeUser(t.db, "bob");
    const ip = newIp();
    await expect(verifyCredentials(t.db, { email: actor.email, password: "not my password", ip })).rejects.toMatchObject({
      name: "DomainError",
      code: "invalid",
      message: "Wrong e-mail or password.",
    });
    expect((await counter(pairKey(actor.email, ip)))?.failures).toBe(1);
    expect((await counter(addressKey(ip)))?.failures).toBe(1);
  });

  it(`after ${THROTTLE.maxFailuresPerPair} failures from one address delays that address for the account; the right password from a new address still signs in`, async () => {
    const { actor } = await makeUser(t.db, "carol");
    const attacker = newIp();
    await failTimes(THROTTLE.maxFailuresPerPair, { email: actor.email, ip: attacker });
    await expect(verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip: attacker })).rejects.toMatchObject({
      code: "rate_limited",
      message: "Too many failed sign-in attempts. Try again in 1 minute.",
    });
    // Attempts during the delay are refused before the password is checked, so they are not counted.
    expect((await counter(pairKey(actor.email, attacker)))?.failures).toBe(THROTTLE.maxFailuresPerPair);
    // The owner of the account, elsewhere, is not refused by someone else's failures.
    expect((await verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip: newIp() })).id).toBe(actor.id);
  });

  it("counts failures that arrive at the same moment one by one (the counter is one atomic upsert)", async () => {
    const { actor } = await makeUser(t.db, "parallel");
    const ip = newIp();
    const attempts = Array.from({ length: THROTTLE.maxFailuresPerPair }, (_, i) => verifyCredentials(t.db, { email: actor.email, password: `parallel guess ${i}`, ip }));
    const results = await Promise.allSettled(attempts);
    expect(results.every((r) => r.status === "rejected" && (r.reason as { code?: string }).code === "invalid")).toBe(true);
    expect((await counter(pairKey(actor.email, ip)))?.failures).toBe(THROTTLE.maxFailuresPerPair);
    expect((await counter(addressKey(ip)))?.failures).toBe(THROTTLE.maxFailuresPerPair);
    await expect(verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("one failure fewer than the limit still lets the right password in", async () => {
    const { actor } = await makeUser(t.db, "dave");
    const ip = newIp();
    await failTimes(THROTTLE.maxFailuresPerPair - 1, { email: actor.email, ip });
    expect((await verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip })).id).toBe(actor.id);
  });

  it("counts failures under every spelling of the address as one account", async () => {
    const { actor } = await makeUser(t.db, "erin");
    const ip = newIp();
    const spellings = [actor.email, actor.email.toUpperCase(), ` ${actor.email} `];
    for (let i = 0; i < THROTTLE.maxFailuresPerPair; i++) await failTimes(1, { email: spellings[i % spellings.length]!, ip });
    await expect(verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it(`delays an address after ${THROTTLE.maxFailuresPerAddress} failures across different accounts`, async () => {
    const ip = newIp();
    const accounts = await Promise.all([1, 2, 3, 4, 5].map((i) => makeUser(t.db, `spray${i}`)));
    // Four failures per account: no pair reaches its limit, the address reaches its own.
    for (let i = 0; i < THROTTLE.maxFailuresPerAddress; i++) await failTimes(1, { email: accounts[i % accounts.length]!.actor.email, ip });
    expect((await counter(addressKey(ip)))?.failures).toBe(THROTTLE.maxFailuresPerAddress);
    for (const a of accounts) expect((await counter(pairKey(a.actor.email, ip)))?.failures).toBe(4);

    // From that address even a correct sign-in of an untouched account waits…
    const fresh = await makeUser(t.db, "bystander");
    await expect(verifyCredentials(t.db, { email: fresh.actor.email, password: PASSWORD, ip })).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(DELAYED),
    });
    // …while the same accounts sign in from elsewhere.
    const first = accounts[0]!.actor;
    expect((await verifyCredentials(t.db, { email: first.email, password: PASSWORD, ip: newIp() })).id).toBe(first.id);
    expect((await verifyCredentials(t.db, { email: fresh.actor.email, password: PASSWORD, ip: newIp() })).id).toBe(fresh.actor.id);
  });

  it("an attacker rotating addresses gets a counter per address, and each address is delayed in turn", async () => {
    const { actor } = await makeUser(t.db, "rotated");
    for (let round = 0; round < 3; round++) {
      const ip = newIp();
      await failTimes(THROTTLE.maxFailuresPerPair, { email: actor.email, ip });
      await expect(verifyCredentials(t.db, { email: actor.email, password: "next guess", ip })).rejects.toMatchObject({ code: "rate_limited" });
    }
    expect((await verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip: newIp() })).id).toBe(actor.id);
  });

  it("without a trusted proxy (unknown address) there is no shared per-address counter to lock everyone out", async () => {
    const sprayed = await Promise.all([1, 2, 3, 4].map((i) => makeUser(t.db, `direct${i}`)));
    const other = await makeUser(t.db, "direct-other");
    for (const { actor } of sprayed) await failTimes(THROTTLE.maxFailuresPerPair, { email: actor.email, ip: UNKNOWN_ADDRESS });
    expect(await counter(addressKey(UNKNOWN_ADDRESS))).toBeNull();
    expect((await verifyCredentials(t.db, { email: other.actor.email, password: PASSWORD, ip: UNKNOWN_ADDRESS })).id).toBe(other.actor.id);
  });

  it("a success clears the pair's counter, so counting starts again from zero", async () => {
    const { actor } = await makeUser(t.db, "frank");
    const ip = newIp();
    await failTimes(THROTTLE.maxFailuresPerPair - 1, { email: actor.email, ip });
    expect((await counter(pairKey(actor.email, ip)))?.failures).toBe(THROTTLE.maxFailuresPerPair - 1);
    await verifyCredentials(t.db, { email: actor.email, password: PASSWORD, ip });
    expect(await counter(pairKey(actor.email, ip))).toBeNull();
    // The address counter is not the account's to clear.
    expect((await counter(addressKey(ip)))?.failures).toBe(THROTTLE.maxFailuresPerPair - 1);
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
    await failTimes(THROTTLE.maxFailuresPerPair - 1, { email: ghost, ip });
    expect((await counter(pairKey(ghost, ip)))?.failures).toBe(THROTTLE.maxFailuresPerPair);
    await expect(verifyCredentials(t.db, { email: ghost, password: "guess", ip })).rejects.toMatchObject({
      code: "rate_limited",
      message: "Too many failed sign-in attempts. Try again in 1 minute.",
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
    await expect(verifyCredentials(t.db, { email: sso.email, password: "", ip: newIp() })).rejects.toMatchObject({ code: "invalid", message: WRONG_CREDENTIALS });
    await expect(verifyCredentials(t.db, { email: sso.email, password: "anything at all", ip: newIp() })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("growing delays (explicit clock)", () => {
  const t0 = new Date("2031-05-01T10:00:00.000Z");
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const max = 5;

  it("no delay below the limit; then 1, 2, 4, 8 minutes, at most 15", () => {
    expect([4, 5, 6, 7, 8, 9, 10, 20].map((n) => delaySecondsAfter(n, max))).toEqual([0, 60, 120, 240, 480, 900, 900, 900]);
    expect(retryText(59)).toBe("Try again in 59 seconds.");
    expect(retryText(61)).toBe("Try again in 2 minutes.");
    expect(retryText(1)).toBe("Try again in 1 second.");
  });

  it("each failure after a delay ends doubles the next delay", async () => {
    const key = "pair:window-grow@example.test|198.51.100.1";
    for (let i = 0; i < max - 1; i++) await recordFailure(t.db, key, max, at(i));
    expect(await delayedFor(t.db, [key], at(4))).toBeNull();
    await recordFailure(t.db, key, max, at(4));
    expect(await delayedFor(t.db, [key], at(4))).toBe(60);
    expect(await delayedFor(t.db, [key], at(34))).toBe(30);
    expect(await delayedFor(t.db, [key], at(64))).toBeNull();
    await recordFailure(t.db, key, max, at(64));
    expect(await delayedFor(t.db, [key], at(64))).toBe(120);
    await recordFailure(t.db, key, max, at(200));
    expect(await delayedFor(t.db, [key], at(200))).toBe(240);
  });

  it("restarts counting when the window has gone stale", async () => {
    const key = "pair:window-stale@example.test|198.51.100.2";
    for (let i = 0; i < max - 1; i++) await recordFailure(t.db, key, max, at(i));
    expect((await counter(key))?.failures).toBe(max - 1);
    const later = THROTTLE.windowMinutes * 60 + 1;
    await recordFailure(t.db, key, max, at(later));
    expect(await counter(key)).toMatchObject({ failures: 1, windowStart: at(later), lockedUntil: null });
    expect(await delayedFor(t.db, [key], at(later))).toBeNull();
  });

  it("reports the delay that ends last when several keys are delayed", async () => {
    const a = "pair:window-a@example.test|198.51.100.3";
    const b = "ip:198.51.100.4";
    for (let i = 0; i < max; i++) await recordFailure(t.db, a, max, at(0));
    for (let i = 0; i < max; i++) await recordFailure(t.db, b, max, at(30));
    expect(await delayedFor(t.db, [a, b], at(30))).toBe(60);
    expect(await delayedFor(t.db, [a], at(30))).toBe(30);
    expect(await delayedFor(t.db, ["ip:never-failed"], at(30))).toBeNull();
  });
});

describe("sign-up throttle", () => {
  it("an address may start 10 sign-ups an hour, then waits with growing delays; other addresses and unknown ones are not held", async () => {
    const { throttleSignUp, SIGN_UP_LIMIT } = await import("@/lib/auth/throttle");
    const t0 = new Date("2031-06-01T10:00:00.000Z");
    const ip = "198.51.100.77";
    for (let i = 0; i < SIGN_UP_LIMIT.max; i++) expect(await throttleSignUp(t.db, ip, new Date(t0.getTime() + i * 1000))).toBeNull();
    expect(await throttleSignUp(t.db, ip, new Date(t0.getTime() + 10_000))).toBe("Too many accounts were created from this address. Try again in 59 seconds.");
    expect(await throttleSignUp(t.db, "198.51.100.78", t0)).toBeNull();
    expect(await throttleSignUp(t.db, UNKNOWN_ADDRESS, t0)).toBeNull();
    expect(await counter(SIGN_UP_LIMIT.key(UNKNOWN_ADDRESS))).toBeNull();
  });
});

describe("odd input at sign-in", () => {
  it("an e-mail with a NUL or another control character is a wrong e-mail, not an outage", async () => {
    for (const email of ["a\u0000@example.test", "b\u0007@example.test"]) {
      await expect(verifyCredentials(t.db, { email, password: "x", ip: newIp() })).rejects.toMatchObject({ code: "invalid", message: WRONG_CREDENTIALS });
    }
  });
});
