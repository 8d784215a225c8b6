// The one place that decides which PostgreSQL the app talks to:
// PGlite (embedded, file-backed under the project) when DATABASE_URL is unset,
// a real server through postgres.js when it is set.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

export type Db = PgDatabase<PgQueryResultHKT>;

export interface DbHandle {
  db: Db;
  driver: "pglite" | "postgres";
  close: () => Promise<void>;
}

export function pgliteDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite"));
}

export async function openDb(options: { url?: string; pgliteDir?: string } = {}): Promise<DbHandle> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
    return { db: drizzle(client) as unknown as Db, driver: "postgres", close: () => client.end() };
  }
  const dir = options.pgliteDir ?? pgliteDir();
  // PGlite does not create missing parent folders.
  mkdirSync(path.dirname(dir), { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = await PGlite.create(dir);
  return { db: drizzle(client) as unknown as Db, driver: "pglite", close: () => client.close() };
}

const globalForDb = globalThis as unknown as { __dbHandle?: Promise<DbHandle> };

/** The process-wide connection used by the app (cached across hot reloads in development). */
export function getDb(): Promise<Db> {
  globalForDb.__dbHandle ??= openDb();
  return globalForDb.__dbHandle.then((h) => h.db);
}
