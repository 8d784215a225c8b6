// Server-side sessions: a sign-in holds only while its row lives, on every instance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openDb, type Db } from "@/lib/db/client";
import { authSessions } from "@/lib/db/schema/auth";
import { actorOfSession, createSession, endOtherSessions, endSession, pruneSessions } from "@/lib/auth/sessions";
import { freshDb, type TestDb } from "./db";
import { makeUser } from "./factories";

let t: TestDb;
let second: { db: Db; close: () => Promise<void> } | null = null;
beforeAll(async () => {
  t = await freshDb();
  // With PostgreSQL a second connection pool stands for a second app instance.
  if (t.url) second = await openDb({ url: t.url });
});
afterAll(async () => {
  await second?.close();
  await t.close();
});

const minutes = (n: number) => n * 60_000;

describe("sessions kept in PostgreSQL", () => {
  it("a live session names its user; after sign-out the same cookie is refused, on every instance", async () => {
    const { actor } = await makeUser(t.db, "dana");
    const sid = await createSession(t.db, actor.id);
    expect(await actorOfSession(t.db, sid, actor.id)).toEqual(actor);
    if (second) expect(await actorOfSession(second.db, sid, actor.id)).toEqual(actor);
    await endSession(t.db, sid);
    expect(await actorOfSession(t.db, sid, actor.id)).toBeNull();
    if (second) expect(await actorOfSession(second.db, sid, actor.id)).toBeNull();
  });

  it("a cookie naming another user's session, a malformed id or no id is refused", async () => {
    const a = (await makeUser(t.db, "a")).actor;
    const b = (await makeUser(t.db, "b")).actor;
    const sid = await createSession(t.db, a.id);
    expect(await actorOfSession(t.db, sid, b.id)).toBeNull();
    expect(await actorOfSession(t.db, "not-a-uuid", a.id)).toBeNull();
    expect(await actorOfSession(t.db, undefined, a.id)).toBeNull();
  });

  it("ends after the idle timeout (default 12 hours) and the absolute lifetime (default 30 days), deleting the row", async () => {
    const { actor } = await makeUser(t.db, "idle");
    const sid = await createSession(t.db, actor.id);
    const [row] = await t.db.select().from(authSessions).where(eq(authSessions.id, sid));
    const start = row!.createdAt.getTime();
    // seen 11 h 59 min later: still live, and marked seen then
    expect(await actorOfSession(t.db, sid, actor.id, new Date(start + minutes(719)))).toEqual(actor);
    const [seen] = await t.db.select().from(authSessions).where(eq(authSessions.id, sid));
    expect(seen!.lastSeenAt.getTime()).toBe(start + minutes(719));
    // 12 h 1 min after that: idle too long
    expect(await actorOfSession(t.db, sid, actor.id, new Date(start + minutes(719 + 721)))).toBeNull();
    expect(await t.db.select().from(authSessions).where(eq(authSessions.id, sid))).toEqual([]);

    const kept = await createSession(t.db, actor.id);
    const [k] = await t.db.select().from(authSessions).where(eq(authSessions.id, kept));
    // used every 11 hours, it still ends 30 days after sign-in
    let at = k!.createdAt.getTime();
    for (let i = 0; i < 65; i++) {
      at += minutes(11 * 60);
      expect(await actorOfSession(t.db, kept, actor.id, new Date(at))).toEqual(actor);
    }
    expect(at).toBeLessThan(k!.createdAt.getTime() + 30 * 86_400_000);
    expect(await actorOfSession(t.db, kept, actor.id, new Date(k!.createdAt.getTime() + 30 * 86_400_000 + 1000))).toBeNull();
  });

  it("lifetimes are configurable, and a bad setting is refused by name", async () => {
    const { actor } = await makeUser(t.db, "short");
    const sid = await createSession(t.db, actor.id);
    const [row] = await t.db.select().from(authSessions).where(eq(authSessions.id, sid));
    process.env.SESSION_IDLE_MINUTES = "5";
    try {
      expect(await actorOfSession(t.db, sid, actor.id, new Date(row!.createdAt.getTime() + minutes(6)))).toBeNull();
      process.env.SESSION_IDLE_MINUTES = "soon";
      await expect(actorOfSession(t.db, await createSession(t.db, actor.id), actor.id)).rejects.toThrow('SESSION_IDLE_MINUTES must be a positive number, not "soon"');
    } finally {
      delete process.env.SESSION_IDLE_MINUTES;
    }
  });

  it("a password change ends the user's other sessions and keeps this one", async () => {
    const { actor } = await makeUser(t.db, "pw");
    const here = await createSession(t.db, actor.id);
    const other1 = await createSession(t.db, actor.id);
    const other2 = await createSession(t.db, actor.id);
    const stranger = (await makeUser(t.db, "x")).actor;
    const theirs = await createSession(t.db, stranger.id);
    expect(await endOtherSessions(t.db, actor.id, here)).toBe(2);
    expect(await actorOfSession(t.db, here, actor.id)).toEqual(actor);
    expect(await actorOfSession(t.db, other1, actor.id)).toBeNull();
    expect(await actorOfSession(t.db, other2, actor.id)).toBeNull();
    expect(await actorOfSession(t.db, theirs, stranger.id)).toEqual(stranger);
  });

  it("the daily prune deletes only sessions past their limits", async () => {
    const { actor } = await makeUser(t.db, "prune");
    const fresh = await createSession(t.db, actor.id);
    const stale = await createSession(t.db, actor.id);
    await t.db.update(authSessions).set({ lastSeenAt: new Date(Date.now() - minutes(800)) }).where(eq(authSessions.id, stale));
    const pruned = await pruneSessions(t.db);
    expect(pruned).toBeGreaterThanOrEqual(1);
    expect((await t.db.select().from(authSessions).where(eq(authSessions.id, stale))).length).toBe(0);
    expect((await t.db.select().from(authSessions).where(eq(authSessions.id, fresh))).length).toBe(1);
  });
});
