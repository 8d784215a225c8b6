// pg-boss runs its SQL through an `executeSql(text, values)` object. These build that object on the
// app's own database handle, so the job queue needs no second driver or connection pool: PGlite in
// one process, or the postgres.js pool of a PostgreSQL server.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";

export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- pg-boss's own signature
}

/**
 * Values as both drivers take them. drizzle turns off postgres.js's JSON and timestamp serializers,
 * and postgres.js refuses undefined, so objects travel as JSON text (pg-boss casts them: $3::jsonb)
 * and dates as ISO strings. Arrays stay arrays ($2::uuid[]).
 */
function driverValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === "object" && !Array.isArray(v)) return JSON.stringify(v);
  return v;
}

interface PgliteLike {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<{ rows: unknown[] }[]>;
}
interface PostgresJsLike {
  unsafe(text: string, values?: unknown[]): Promise<unknown[]> & { simple(): Promise<unknown> };
  reserve(): Promise<PostgresJsLike & { release(): void }>;
}

/**
 * The executor pg-boss itself runs on (workers, maintenance, schema migrations): the driver client
 * under the drizzle handle. Statements without values may be several at once (pg-boss's migrations
 * and maintenance are `BEGIN; …; COMMIT;` scripts), which only the simple query protocol allows.
 */
export function clientExecutor(db: Db): SqlExecutor {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client && typeof (client as PgliteLike).exec === "function" && typeof (client as PgliteLike).query === "function") {
    const pg = client as PgliteLike;
    return {
      async executeSql(text, values) {
        if (!values || values.length === 0) {
          const results = await pg.exec(text);
          return { rows: (results.at(-1)?.rows ?? []) as never[] };
        }
        const r = await pg.query(text, values.map(driverValue));
        return { rows: r.rows as never[] };
      },
    };
  }
  if (client && typeof (client as PostgresJsLike).unsafe === "function") {
    const pg = client as PostgresJsLike;
    return {
      async executeSql(text, values) {
        if (!values || values.length === 0) {
          // A script may hold its own BEGIN … COMMIT: on a connection of its own, not the pool's.
          const conn = await pg.reserve();
          let r: unknown;
          try {
            r = await conn.unsafe(text).simple();
          } finally {
            conn.release();
          }
          // Several statements give one result list each; pg-boss reads rows of single statements only.
          const last = Array.isArray(r) && Array.isArray(r.at(-1)) ? r.at(-1) : r;
          return { rows: Array.isArray(last) ? (last as never[]) : [] };
        }
        const rows = await pg.unsafe(text, values.map(driverValue));
        return { rows: [...rows] as never[] };
      },
    };
  }
  throw new Error("The job queue needs a drizzle handle on PGlite or postgres.js.");
}

/**
 * An executor on a drizzle handle that may be a transaction: a job sent through it is inserted in
 * that transaction, so it exists exactly when the write that asked for it commits. (On PGlite it is
 * also the only way: the transaction holds the one connection until it ends.) Single statements
 * only, which is all that sending a job takes.
 */
export function drizzleExecutor(db: Db): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      const chunks: SQL[] = [];
      let last = 0;
      for (const m of text.matchAll(/\$(\d+)/g)) {
        chunks.push(sql.raw(text.slice(last, m.index)));
        chunks.push(sql`${sql.param(driverValue(values[Number(m[1]) - 1]))}`);
        last = m.index + m[0].length;
      }
      chunks.push(sql.raw(text.slice(last)));
      const result = (await db.execute(sql.join(chunks))) as unknown;
      const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
      return { rows: [...rows] as never[] };
    },
  };
}
