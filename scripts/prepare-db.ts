// Migrates the database, seeds the demo workspace and settles the session secret, then closes the
// connection (an embedded PGlite folder may only be open in one process at a time).
import postgres from "postgres";
import { openDb } from "@/lib/db/client";
import { migrateDb } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/db/seed";
import { loadOrCreateAuthSecret } from "@/lib/auth/secret";

/** Any fixed number: the key of the advisory lock that serialises instances starting together. */
const PREPARE_LOCK_KEY = 804_271_993;

/**
 * Several instances may start at once against one PostgreSQL server: the first to take a session
 * advisory lock migrates, seeds and settles the secret; the others wait, then find it all done. The
 * lock lives on a connection of its own (a pooled client could unlock on another connection).
 * PGlite needs none: only one process can open its folder.
 */
async function withStartLock<T>(fn: () => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) return fn();
  const lock = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${PREPARE_LOCK_KEY})`;
    return await fn();
  } finally {
    await lock`select pg_advisory_unlock(${PREPARE_LOCK_KEY})`.catch(() => {});
    await lock.end();
  }
}

export async function prepareDb(options: { seed: boolean }): Promise<{ driver: string; authSecret: string; seeded: boolean }> {
  return withStartLock(() => prepareUnlocked(options));
}

async function prepareUnlocked(options: { seed: boolean }): Promise<{ driver: string; authSecret: string; seeded: boolean }> {
  const handle = await openDb();
  try {
    await migrateDb(handle);
    const seeded = options.seed ? (await seedDemo(handle.db)).created : false;
    const authSecret = process.env.NEXTAUTH_SECRET || (await loadOrCreateAuthSecret(handle.db));
    return { driver: handle.driver, authSecret, seeded };
  } finally {
    await handle.close();
  }
}
