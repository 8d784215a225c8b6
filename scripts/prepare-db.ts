// Migrates the database, seeds the demo workspace and settles the session secret, then closes the
// connection (an embedded PGlite folder may only be open in one process at a time).
import { openDb } from "@/lib/db/client";
import { migrateDb } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/db/seed";
import { loadOrCreateAuthSecret } from "@/lib/auth/secret";

export async function prepareDb(options: { seed: boolean }): Promise<{ driver: string; authSecret: string; seeded: boolean }> {
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
