import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { openDb, type Db } from "@/lib/db/client";
import { withDatabase } from "./global-setup";

export interface TestDb {
  db: Db;
  close: () => Promise<void>;
  /** PostgreSQL: the per-file database's URL (a second connection pool stands for a second app instance) */
  url?: string;
}

/** A fresh, migrated database for one test file: a PGlite copy of the template, or a PostgreSQL database cloned from it. */
export async function freshDb(): Promise<TestDb> {
  const tmpl = inject("dbTemplate");
  if (tmpl.kind === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(tmpl.file)]) });
    return { db: drizzle(client) as unknown as Db, close: () => client.close() };
  }
  const name = `wb_test_${randomBytes(6).toString("hex")}`;
  const admin = await openDb({ url: tmpl.url });
  await admin.db.execute(`create database ${name} template ${tmpl.template}`);
  const url = withDatabase(tmpl.url, name);
  const handle = await openDb({ url });
  return {
    db: handle.db,
    url,
    close: async () => {
      await handle.close();
      await admin.db.execute(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}
