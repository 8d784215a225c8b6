// Whole-import bench: the import-parse bench's 1,000,000-row usage CSV streamed through
// importBurnFile (parse → COPY into staging → one transaction moving the rows into burn_rows with
// ON CONFLICT, counting duplicates) into PostgreSQL (a fresh database, created and dropped here) and
// into PGlite (a temporary folder). Product targets: ≥ 100,000 rows/s on PostgreSQL, < 500 MB.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes, randomUUID } from "node:crypto";
import { peakRssMiB, type BenchFigure, type BenchSection } from "@/bench/harness";
import { writeUsageCsv } from "@/bench/import-parse";
import { openDb, type DbHandle } from "@/lib/db/client";
import { migrateDb } from "@/lib/db/migrate";
import type { UsageMapping } from "@/lib/import/mapping";

const ROWS = 1_000_000;
// The same cached file as bench/import-parse.ts.
const FILE = path.join(process.cwd(), ".data", "bench", `usage-${ROWS}-v1.csv`);
const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";
const TARGET_ROWS_PER_S = 100_000;
const TARGET_RSS_MIB = 500;

const MAPPING: UsageMapping = {
  columns: { periodStart: "Usage Date", agent: "Agent", meteredUnit: "Skill", environment: "Org Type", actions: "Actions", credits: "Flex Credits", cost: "Cost" },
  currency: "USD",
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

interface RunResult {
  seconds: number;
  inserted: number;
  duplicate: number;
  /** parse + COPY into staging, and the one-transaction move into burn_rows */
  stageSeconds: number;
  moveSeconds: number;
}

async function importInto(handle: DbHandle): Promise<RunResult> {
  await migrateDb(handle);
  const db = handle.db;
  const { signUp } = await import("@/lib/services/users/sign-up");
  const { createWorkspace } = await import("@/lib/services/workspaces/create");
  const { resolveWorkspace } = await import("@/lib/services/context");
  const { createVendor } = await import("@/lib/services/vendors/create");
  const { createContract } = await import("@/lib/services/contracts/create");
  const { importBurnFile } = await import("@/lib/services/burn/import-file");
  const actor = await signUp(db, { name: "Bench", email: `bench-${randomUUID()}@example.test`, password: "bench password 123" });
  const ws = await createWorkspace({ db, actor }, { name: "Bench" });
  const ctx = await resolveWorkspace({ db, actor }, ws.id, "owner");
  const vendor = await createVendor(ctx, { name: "Salesforce", product: "Agentforce" });
  const contract = await createContract(ctx, {
    fields: { name: "Bench", vendorId: vendor.id, product: "", currency: "USD", termStart: "2025-01-01", termEnd: "2026-01-01", renewalDate: "", noticeDays: "", fixedLines: [] },
    rateCard: { kind: "template", templateId: "salesforce-agentforce-flex-credits-2025-05-15" },
  });
  const t0 = performance.now();
  const outcome = await importBurnFile(
    ctx,
    { contractId: contract.id, importId: randomUUID(), fileName: path.basename(FILE), format: "csv", mapping: MAPPING, totalBytes: statSync(FILE).size },
    createReadStream(FILE, { highWaterMark: 1 << 20 }),
  );
  const seconds = (performance.now() - t0) / 1000;
  if (outcome.status !== "succeeded" || outcome.rowsInserted !== ROWS) {
    throw new Error(`bench import did not succeed: ${outcome.status}, ${outcome.rowsInserted} rows, ${outcome.errors[0]?.message ?? ""}`);
  }
  const timings = (outcome.detail?.timingsMs ?? {}) as { parseAndStage?: number; move?: number };
  return { seconds, inserted: outcome.rowsInserted, duplicate: outcome.rowsDuplicate, stageSeconds: (timings.parseAndStage ?? 0) / 1000, moveSeconds: (timings.move ?? 0) / 1000 };
}

export const importDbBench: BenchSection = {
  name: "import-db",
  description: `import a generated ${ROWS.toLocaleString("en-US")}-row usage CSV into PostgreSQL and PGlite (parse, COPY to staging, one-transaction move)`,
  async run() {
    process.env.BCRYPT_COST ??= "4";
    if (!existsSync(FILE)) await writeUsageCsv(FILE, ROWS);
    const figures: BenchFigure[] = [];
    const notes: string[] = [];

    // BENCH_IMPORT_TARGETS=postgres or =pglite runs one of the two.
    const targets = (process.env.BENCH_IMPORT_TARGETS ?? "postgres,pglite").split(",");
    const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_URL;
    const name = `wb_bench_${randomBytes(4).toString("hex")}`;
    let admin: DbHandle | null = null;
    if (targets.includes("postgres")) try {
      admin = await openDb({ url });
      await admin.db.execute(`create database ${name}`);
    } catch (e) {
      notes.push(`PostgreSQL skipped: ${(e as Error).message}`);
      await admin?.close();
      admin = null;
    }
    if (admin) {
      try {
        const handle = await openDb({ url: withDatabase(url, name) });
        try {
          const r = await importInto(handle);
          figures.push(
            { label: "PostgreSQL: wall time", value: r.seconds, unit: "s" },
            { label: "PostgreSQL: rows per second", value: r.inserted / r.seconds, unit: "rows/s" },
            { label: "PostgreSQL: parse + COPY to staging", value: r.stageSeconds, unit: "s" },
            { label: "PostgreSQL: move transaction (ON CONFLICT)", value: r.moveSeconds, unit: "s" },
            { label: "PostgreSQL: time per row (target ≥ 100,000 rows/s)", value: (r.seconds / r.inserted) * 1e6, unit: "µs", target: 1e6 / TARGET_ROWS_PER_S },
            { label: "peak RSS after PostgreSQL", value: peakRssMiB(), unit: "MiB", target: TARGET_RSS_MIB },
          );
        } finally {
          await handle.close();
        }
      } finally {
        await admin.db.execute(`drop database if exists ${name} with (force)`);
        await admin.close();
      }
    }

    if (targets.includes("pglite")) {
    const dir = mkdtempSync(path.join(tmpdir(), "wb-bench-pglite-"));
    try {
      const handle = await openDb({ pgliteDir: dir });
      try {
        const r = await importInto(handle);
        figures.push(
          { label: "PGlite: wall time", value: r.seconds, unit: "s" },
          { label: "PGlite: rows per second", value: r.inserted / r.seconds, unit: "rows/s" },
          { label: "PGlite: parse + COPY to staging", value: r.stageSeconds, unit: "s" },
          { label: "PGlite: move transaction (ON CONFLICT)", value: r.moveSeconds, unit: "s" },
          { label: "peak RSS after PGlite (process)", value: peakRssMiB(), unit: "MiB", target: TARGET_RSS_MIB },
        );
      } finally {
        await handle.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    }
    notes.push(
      `file ${path.relative(process.cwd(), FILE)} (${(statSync(FILE).size / 1024 / 1024).toFixed(1)} MiB); one run each, PostgreSQL first (database ${name}, dropped)`,
      "the parser alone bounds the throughput: compare with the import-parse section run on the same machine",
      "peak RSS is the process's maximum so far: the PGlite figure includes the PostgreSQL run and PGlite's WebAssembly heap",
    );
    return { section: "import-db", figures, notes };
  },
};
