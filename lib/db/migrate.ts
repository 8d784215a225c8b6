import path from "node:path";
import { installJobs } from "@/lib/jobs/queue";
import type { DbHandle } from "./client";

export const migrationsFolder = path.join(process.cwd(), "drizzle");

/**
 * Applies drizzle-kit's migrations from drizzle/ with the migrator of the handle's driver, then
 * installs (or migrates) the job queue's own schema, so services can enqueue from the start.
 */
export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
  await installJobs(handle.db);
}
