// Server-side sessions: the signed cookie says who, this table says whether that sign-in still
// holds. Kept in PostgreSQL so that signing out (or changing the password) on one instance ends
// the session on all of them.
import { and, eq, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { authSessions, users } from "@/lib/db/schema/auth";
import type { Actor } from "@/lib/services/context";

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return n;
}

/** Absolute lifetime (SESSION_MAX_AGE_DAYS, default 30) and idle timeout (SESSION_IDLE_MINUTES, default 720). */
export function sessionLimits(): { maxAgeSeconds: number; idleSeconds: number } {
  return { maxAgeSeconds: Math.round(positive("SESSION_MAX_AGE_DAYS", 30) * 86_400), idleSeconds: Math.round(positive("SESSION_IDLE_MINUTES", 720) * 60) };
}

/** last_seen_at is written at most this often per session, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export async function createSession(db: Db, userId: string): Promise<string> {
  const [row] = await db.insert(authSessions).values({ userId }).returning({ id: authSessions.id });
  if (!row) throw new Error("insert returned no session row");
  return row.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The user of a live session, or null when the session has ended, is past its lifetime or has been
 * idle too long (such a row is deleted). Marks the session as seen.
 */
export async function actorOfSession(db: Db, sid: string | undefined, userId: string | undefined, now = new Date()): Promise<Actor | null> {
  if (!sid || !userId || !UUID.test(sid) || !UUID.test(userId)) return null;
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, createdAt: authSessions.createdAt, lastSeenAt: authSessions.lastSeenAt })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(authSessions.id, sid), eq(authSessions.userId, userId)));
  if (!row) return null;
  const { maxAgeSeconds, idleSeconds } = sessionLimits();
  if (now.getTime() - row.createdAt.getTime() > maxAgeSeconds * 1000 || now.getTime() - row.lastSeenAt.getTime() > idleSeconds * 1000) {
    await endSession(db, sid);
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.id, sid));
  }
  return { id: row.id, email: row.email, name: row.name };
}

export async function endSession(db: Db, sid: string | undefined): Promise<void> {
  if (!sid || !UUID.test(sid)) return;
  await db.delete(authSessions).where(eq(authSessions.id, sid));
}

/** Ends every session of the user but `keep` (after a password change: the other browsers sign in again). */
export async function endOtherSessions(db: Db, userId: string, keep: string | undefined): Promise<number> {
  const ended = await db
    .delete(authSessions)
    .where(keep && UUID.test(keep) ? and(eq(authSessions.userId, userId), ne(authSessions.id, keep)) : eq(authSessions.userId, userId))
    .returning({ id: authSessions.id });
  return ended.length;
}

/** Deletes sessions past their lifetime or idle timeout (the daily job calls it). */
export async function pruneSessions(db: Db, now = new Date()): Promise<number> {
  const { maxAgeSeconds, idleSeconds } = sessionLimits();
  const ended = await db
    .delete(authSessions)
    .where(
      or(
        lt(authSessions.createdAt, sql`${new Date(now.getTime() - maxAgeSeconds * 1000).toISOString()}::timestamptz`),
        lt(authSessions.lastSeenAt, sql`${new Date(now.getTime() - idleSeconds * 1000).toISOString()}::timestamptz`),
      ),
    )
    .returning({ id: authSessions.id });
  return ended.length;
}
