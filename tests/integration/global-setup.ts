// Prepares one migrated template database per test run; every test file then gets its own copy
// (tests/integration/db.ts), which is much cheaper than migrating a new database each time.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDb } from "@/lib/db/client";
import { migrateDb } from "@/lib/db/migrate";

/** One template per run, so runs from several checkouts can share one PostgreSQL server. */
const TEMPLATE_DB = `wb_test_template_${process.pid}`;

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = await openDb({ url });
    await admin.db.execute(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.db.execute(`create database ${TEMPLATE_DB}`);
    await admin.close();
    const tmpl = await openDb({ url: withDatabase(url, TEMPLATE_DB) });
    await migrateDb(tmpl);
    await tmpl.close();
    project.provide("dbTemplate", { kind: "postgres", url, template: TEMPLATE_DB });
    return async () => {
      const cleanup = await openDb({ url });
      await cleanup.db.execute(`drop database if exists ${TEMPLATE_DB} with (force)`);
      await cleanup.close();
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = await PGlite.create();
  await migrateDb({ db: drizzle(client) as never, driver: "pglite", close: () => client.close() });
  const dump = await client.dumpDataDir("none");
  await client.close();
  const dir = path.join(process.cwd(), ".data", "test");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("dbTemplate", { kind: "pglite", file });
  // Each run's template is tens of megabytes: remove it when the run ends.
  return () => rmSync(file, { force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: { kind: "postgres"; url: string; template: string } | { kind: "pglite"; file: string };
  }
}
