import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { loginThrottle } from "@/lib/db/schema/auth";

// Failed sign-ins are counted in PostgreSQL, so every app instance behind a load balancer sees the
// same counters: per (account, client address) and per client address. There is no counter per
// account alone: someone else's failures never refuse the right password from a new address.
// Reaching a limit does not lock for good: it imposes a delay that doubles with every further
// failure (first 1 minute, then 2, 4, 8, at most 15), and counting restarts an hour after the
// first failure of a run.
export const THROTTLE = {
  windowMinutes: 60,
  maxFailuresPerPair: 5,
  maxFailuresPerAddress: 20,
  firstDelaySeconds: 60,
  maxDelayMinutes: 15,
};

/** The address a request came from when nothing trustworthy says (no TRUST_PROXY): see clientAddress. */
export const UNKNOWN_ADDRESS = "direct";

export const pairKey = (email: string, ip: string) => `pair:${email.trim().toLowerCase()}|${ip}`;
export const addressKey = (ip: string) => `ip:${ip}`;

/** The counters a sign-in (or sign-up) from `ip` is checked against. */
export function throttleKeys(email: string, ip: string): { key: string; max: number }[] {
  const keys = [{ key: pairKey(email, ip), max: THROTTLE.maxFailuresPerPair }];
  // Without a known address every client would share one counter: one attacker would lock out all.
  if (ip !== UNKNOWN_ADDRESS) keys.push({ key: addressKey(ip), max: THROTTLE.maxFailuresPerAddress });
  return keys;
}

/** The delay after the n-th failure of a key with limit `max`: none below the limit, then doubling. */
export function delaySecondsAfter(failures: number, max: number): number {
  if (failures < max) return 0;
  return Math.min(THROTTLE.maxDelayMinutes * 60, THROTTLE.firstDelaySeconds * 2 ** (failures - max));
}

/** Seconds until the latest of these keys' delays ends, or null when none holds. */
export async function delayedFor(db: Db, keys: string[], now = new Date()): Promise<number | null> {
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  const until = rows
    .map((r) => r.lockedUntil)
    .filter((d): d is Date => d !== null && d > now)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return until ? Math.ceil((until.getTime() - now.getTime()) / 1000) : null;
}

/** "Try again in 2 minutes." / "Try again in 40 seconds." */
export function retryText(seconds: number): string {
  if (seconds < 60) return `Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export async function recordFailure(db: Db, key: string, max: number, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const fresh = sql`${loginThrottle.windowStart} < ${windowStart.toISOString()}::timestamptz`;
  const next = sql`(case when ${fresh} then 1 else ${loginThrottle.failures} + 1 end)`;
  // One atomic upsert: a stale window restarts at 1, otherwise the counter grows; at or past the
  // limit the delay is firstDelay × 2^(failures − max), capped.
  const delay = sql`least(${THROTTLE.maxDelayMinutes * 60}, ${THROTTLE.firstDelaySeconds} * power(2, greatest(0, ${next} - ${max})))`;
  await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStart: now, lockedUntil: max <= 1 ? new Date(now.getTime() + THROTTLE.firstDelaySeconds * 1000) : null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: next,
        windowStart: sql`case when ${fresh} then ${now.toISOString()}::timestamptz else ${loginThrottle.windowStart} end`,
        lockedUntil: sql`case when ${next} >= ${max} then ${now.toISOString()}::timestamptz + ${delay} * interval '1 second' else null end`,
      },
    });
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, [key]));
}

/** Forgets the failed sign-ins of one account from every address (after a password reset). */
export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  const prefix = pairKey(email, "");
  await db.delete(loginThrottle).where(sql`starts_with(${loginThrottle.key}, ${prefix})`);
}

/** Sign-ups per client address: every attempt counts (a burst of new accounts is the abuse). */
export const SIGN_UP_LIMIT = { key: (ip: string) => `signup:${ip}`, max: 10 };

/**
 * Checks and counts one sign-up attempt from `ip`; throws the delay message when the address has
 * made too many. Unknown addresses (no TRUST_PROXY) share nothing: each attempt is then unlimited
 * here and bounded by the bcrypt cost alone.
 */
export async function throttleSignUp(db: Db, ip: string, now = new Date()): Promise<string | null> {
  if (ip === UNKNOWN_ADDRESS) return null;
  const key = SIGN_UP_LIMIT.key(ip);
  const seconds = await delayedFor(db, [key], now);
  if (seconds !== null) return `Too many accounts were created from this address. ${retryText(seconds)}`;
  await recordFailure(db, key, SIGN_UP_LIMIT.max, now);
  return null;
}
