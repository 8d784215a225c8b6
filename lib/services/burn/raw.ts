// The two drivers behind drizzle answer raw SQL differently (postgres.js: an array of rows; PGlite:
// { rows }) and bulk-load differently (COPY … FROM STDIN on a socket; COPY … FROM '/dev/blob').
// This file is the one place that tells them apart for the burn services.
import type { SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";

/** postgres.js `sql` (a tagged-template function) or a PGlite instance, as drizzle exposes it. */
export type RawClient =
  | { kind: "postgres"; sql: PostgresSql }
  | { kind: "pglite"; pg: PGliteLike };

export interface PostgresSql {
  unsafe(query: string): PromiseLike<unknown> & { writable(): Promise<NodeJS.WritableStream & import("node:stream").Writable> };
}

export interface PGliteLike {
  query(query: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: unknown[] }>;
}

/** The database's driver: PostgreSQL through postgres.js, or the embedded PGlite. */
export function driverOf(db: Db): RawClient["kind"] {
  return rawClientOf(db).kind;
}

/**
 * The driver client behind `db`: the pool (or the PGlite instance) for the app's handle, the
 * transaction's own connection for a drizzle transaction (whose statements must run on it).
 */
export function rawClientOf(db: Db): RawClient {
  const handle = db as unknown as { $client?: unknown; session?: { client?: unknown } };
  const client = handle.$client ?? handle.session?.client;
  if (typeof client === "function") return { kind: "postgres", sql: client as unknown as PostgresSql };
  if (client && typeof client === "object" && "query" in client) return { kind: "pglite", pg: client as PGliteLike };
  throw new Error("burn import: the database handle exposes no driver client");
}

/** Rows of a raw `db.execute`, whichever driver answered. */
export async function executeRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
