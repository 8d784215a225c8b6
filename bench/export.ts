// Workspace export / import bench: a workspace of BENCH_EXPORT_ROWS (1,000,000) burn rows on a
// fresh PostgreSQL database (created and dropped here), exported as the archive the route streams
// (exportArchive, written to a temporary file as a client would), then imported back into a new
// workspace through the request's structural check (receiveWorkspaceFile) and the job
// (runTransferImportJob); then two exports of two such workspaces at once, and a third of one of
// them refused by the lease. Wall time and the process's RSS (sampled every 50 ms) for each; the
// bound is 200 MiB of growth whatever the workspace size.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { BenchFigure, BenchSection } from "@/bench/harness";
import { openDb, type Db } from "@/lib/db/client";
import { migrateDb } from "@/lib/db/migrate";
import type { WorkspaceCtx } from "@/lib/services/context";

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";
const TARGET_RSS_GROWTH_MIB = 200;
const mib = (bytes: number) => bytes / 1024 / 1024;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs `fn` with the process's RSS sampled every 50 ms: seconds, RSS before and peak. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; beforeMiB: number; peakMiB: number }> {
  global.gc?.();
  const beforeMiB = mib(process.memoryUsage.rss());
  let peakMiB = beforeMiB;
  const sampler = setInterval(() => {
    peakMiB = Math.max(peakMiB, mib(process.memoryUsage.rss()));
  }, 50);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, seconds: (performance.now() - t0) / 1000, beforeMiB, peakMiB: Math.max(peakMiB, mib(process.memoryUsage.rss())) };
  } finally {
    clearInterval(sampler);
  }
}

async function workspaceWithBurn(db: Db, name: string, rows: number): Promise<WorkspaceCtx> {
  const { createConfirmedUser } = await import("@/lib/services/users/sign-up");
  const { createWorkspace } = await import("@/lib/services/workspaces/create");
  const { resolveWorkspace } = await import("@/lib/services/context");
  const { createVendor } = await import("@/lib/services/vendors/create");
  const { createContract } = await import("@/lib/services/contracts/create");
  const actor = await createConfirmedUser(db, { name: "Bench", email: `bench-${randomUUID()}@example.test`, password: "bench password 123" });
  const ws = await createWorkspace({ db, actor }, { name });
  const ctx = await resolveWorkspace({ db, actor }, ws.id, "owner");
  const vendor = await createVendor(ctx, { name: "Salesforce", product: "Agentforce" });
  // Two contracts: nine rows in ten on the first, the rest on the second.
  const ids: string[] = [];
  for (const label of ["Agentforce 2025", "Agentforce pilot"]) {
    const c = await createContract(ctx, {
      fields: { name: label, vendorId: vendor.id, product: "", currency: "USD", termStart: "2026-01-01", termEnd: "2027-01-01", renewalDate: "", noticeDays: "", fixedLines: [] },
      rateCard: { kind: "template", templateId: "salesforce-agentforce-flex-credits-2025-05-15" },
    });
    ids.push(c.id);
  }
  const first = Math.round(rows * 0.9);
  for (const [contractId, from, to] of [
    [ids[0]!, 1, first],
    [ids[1]!, first + 1, rows],
  ] as const) {
    if (to < from) continue;
    await db.execute(sql`
      insert into burn_rows (workspace_id, contract_id, row_key, period_start, period_end, agent, unit, environment, actions, credits, cost, currency, extras)
      select ${ws.id}::uuid, ${contractId}::uuid, md5(i::text), date '2026-01-01' + (i % 365), date '2026-01-01' + (i % 365) + 1,
             'Agent ' || (i % 40), 'action', case when i % 9 = 0 then 'nonProduction' else 'production' end,
             i % 500, ((i % 500) * 20)::numeric + 0.25, round(((i % 500) * 0.1)::numeric, 2), 'USD', case when i % 100 = 0 then jsonb_build_object('source', 'bench', 'line', i) end
      from generate_series(${from}::int, ${to}::int) as i`);
  }
  return ctx;
}

async function burnTotals(db: Db, workspaceId: string): Promise<{ n: number; credits: string }> {
  const rows = (await db.execute(sql`select count(*)::int as n, coalesce(sum(credits), 0)::text as credits from burn_rows where workspace_id = ${workspaceId}::uuid`)) as unknown;
  const r = (Array.isArray(rows) ? rows[0] : (rows as { rows: unknown[] }).rows[0]) as { n: number; credits: string };
  return { n: Number(r.n), credits: r.credits };
}

/** The archive written to `file` as a client downloading it would, pulled chunk by chunk. */
async function exportTo(ctx: WorkspaceCtx, file: string, onPage?: () => Promise<void>): Promise<number> {
  const { exportArchive } = await import("@/lib/services/transfer/export");
  const out = createWriteStream(file);
  let bytes = 0;
  for await (const chunk of exportArchive(ctx, { onPage })) {
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return bytes;
}

export const exportBench: BenchSection = {
  name: "export",
  description: "export a workspace of BENCH_EXPORT_ROWS (1,000,000) burn rows as the streamed archive and import it back (PostgreSQL), then two exports at once",
  async run() {
    process.env.BCRYPT_COST ??= "4";
    const rows = Number(process.env.BENCH_EXPORT_ROWS) > 0 ? Math.floor(Number(process.env.BENCH_EXPORT_ROWS)) : 1_000_000;
    const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_URL;
    const figures: BenchFigure[] = [];
    const notes: string[] = [];
    const name = `wb_bench_export_${randomBytes(4).toString("hex")}`;
    const dir = mkdtempSync(path.join(tmpdir(), "wb-bench-export-"));
    let admin: Awaited<ReturnType<typeof openDb>> | null = null;
    try {
      admin = await openDb({ url });
      await admin.db.execute(`create database ${name}`);
    } catch (e) {
      await admin?.close();
      rmSync(dir, { recursive: true, force: true });
      return { section: "export", figures, notes: [`PostgreSQL unavailable (${(e as Error).message}); set BENCH_DATABASE_URL`] };
    }
    try {
      const handle = await openDb({ url: withDatabase(url, name) });
      try {
        await migrateDb(handle);
        const db = handle.db;
        const { acquireExportLease, ExportBusy } = await import("@/lib/services/transfer/lease");
        const { receiveWorkspaceFile } = await import("@/lib/services/transfer/receive");
        const { runTransferImportJob } = await import("@/lib/services/transfer/job");
        const t0 = performance.now();
        const a = await workspaceWithBurn(db, "Bench export A", rows);
        const setup = (performance.now() - t0) / 1000;
        const totals = await burnTotals(db, a.workspace.id);

        // ── one export ──
        const fileA = path.join(dir, "a.workbench.zip");
        const one = await measured(() => exportTo(a, fileA));
        figures.push(
          { label: `export of ${rows.toLocaleString("en-US")} rows: wall time`, value: one.seconds, unit: "s" },
          { label: "export: rows per second", value: rows / one.seconds, unit: "rows/s" },
          { label: "export: archive size", value: mib(one.value), unit: "MiB" },
          { label: `export: RSS growth (over ${one.beforeMiB.toFixed(0)} MiB before; peak ${one.peakMiB.toFixed(0)} MiB)`, value: one.peakMiB - one.beforeMiB, unit: "MiB", target: TARGET_RSS_GROWTH_MIB },
        );

        // ── imported back: the request's check, then the job ──
        const { createConfirmedUser } = await import("@/lib/services/users/sign-up");
        const { createWorkspace } = await import("@/lib/services/workspaces/create");
        const { resolveWorkspace } = await import("@/lib/services/context");
        const actor = await createConfirmedUser(db, { name: "Bench", email: `bench-${randomUUID()}@example.test`, password: "bench password 123" });
        const target = await resolveWorkspace({ db, actor }, (await createWorkspace({ db, actor }, { name: "Bench import" })).id, "owner");
        const request = await measured(() => receiveWorkspaceFile(target, createReadStream(fileA, { highWaterMark: 1 << 20 })));
        const job = await measured(() => runTransferImportJob(db, { importId: request.value.id }));
        const back = await burnTotals(db, target.workspace.id);
        if (back.n !== totals.n || back.credits !== totals.credits) {
          const { getWorkspaceImport } = await import("@/lib/services/transfer/receive");
          const outcome = await getWorkspaceImport(target, request.value.id);
          throw new Error(`import did not give back the rows: ${back.n} rows, ${back.credits} credits; expected ${totals.n}, ${totals.credits} (import ${outcome.status}: ${outcome.error ?? ""} ${JSON.stringify(outcome.issues.slice(0, 3))})`);
        }
        figures.push(
          { label: "import, request (store + structural check): wall time", value: request.seconds, unit: "s" },
          { label: `import, request: RSS growth (over ${request.beforeMiB.toFixed(0)} MiB)`, value: request.peakMiB - request.beforeMiB, unit: "MiB", target: TARGET_RSS_GROWTH_MIB },
          { label: "import, job (engine + one transaction): wall time", value: job.seconds, unit: "s" },
          { label: "import, job: rows per second", value: rows / job.seconds, unit: "rows/s" },
          { label: `import, job: RSS growth (over ${job.beforeMiB.toFixed(0)} MiB)`, value: job.peakMiB - job.beforeMiB, unit: "MiB", target: TARGET_RSS_GROWTH_MIB },
        );
        notes.push(`round trip exact: ${back.n.toLocaleString("en-US")} rows and ${back.credits} credits in both workspaces`);

        // ── two exports at once (two workspaces), and a third of the same workspace refused ──
        const b = await workspaceWithBurn(db, "Bench export B", rows);
        const leaseA = await acquireExportLease(a);
        const leaseB = await acquireExportLease(b);
        let refused = "";
        try {
          await acquireExportLease(a);
        } catch (e) {
          if (e instanceof ExportBusy) refused = `a third export of workspace A was refused: 429, Retry-After ${e.retryAfterSeconds} s`;
          else throw e;
        }
        const two = await measured(() =>
          Promise.all([exportTo(a, path.join(dir, "a2.zip"), () => leaseA.renew()), exportTo(b, path.join(dir, "b.zip"), () => leaseB.renew())]),
        );
        await leaseA.release();
        await leaseB.release();
        figures.push(
          { label: `two exports at once (2 × ${rows.toLocaleString("en-US")} rows): wall time`, value: two.seconds, unit: "s" },
          { label: `two exports at once: RSS growth (over ${two.beforeMiB.toFixed(0)} MiB; peak ${two.peakMiB.toFixed(0)} MiB)`, value: two.peakMiB - two.beforeMiB, unit: "MiB", target: TARGET_RSS_GROWTH_MIB },
        );
        notes.push(
          refused || "the third export was NOT refused",
          `setup (${rows.toLocaleString("en-US")} rows by generate_series): ${setup.toFixed(1)} s; archive ${statSync(fileA).size.toLocaleString("en-US")} bytes; database ${name} (dropped)`,
          "RSS is this process's (the app's side: queries, JSON, deflate, inflate, inserts); PostgreSQL's own memory is not in it",
        );
      } finally {
        await handle.close();
      }
    } finally {
      await admin.db.execute(`drop database if exists ${name} with (force)`);
      await admin.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return { section: "export", figures, notes };
  },
};
