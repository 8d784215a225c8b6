// The job queue itself: two app instances on one PostgreSQL run each job once; a job killed in the
// middle of a run (the instance crashed) runs again after a restart and completes, idempotently.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openDb, type Db } from "@/lib/db/client";
import { QUEUES } from "@/lib/jobs/queues";
import { createJobQueue } from "@/lib/jobs/queue";
import { startJobRunner } from "@/lib/jobs/runner";
import type { WorkspaceCtx } from "@/lib/services/context";
import { getForecast } from "@/lib/services/forecast/read";
import { runForecastJob } from "@/lib/services/forecast/recompute";
import { freshDb, type TestDb } from "./db";
import { makeSalesforceContract, makeWorkspace } from "./factories";

const TODAY = "2026-04-15";
const onPostgres = inject("dbTemplate").kind === "postgres";
const DRIVERS = { units: [{ unit: "action", actionsPerMonth: 6000 }] };
const CLAUSES = { allotments: [{ id: "monthly", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: "100000" }, feePerCycle: "500" }], onExhaustion: { kind: "overage", overage: { price: { kind: "list" } } } };

async function rows<T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await db.execute(q)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

async function settledAll(ctx: WorkspaceCtx, ids: string[], timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const views = await Promise.all(ids.map((id) => getForecast(ctx, id, { today: TODAY })));
    if (views.every((v) => v.state === "ready" && !v.recomputing)) return views;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("forecasts did not settle");
}

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => {});
});

describe("two app instances on one PostgreSQL", () => {
  it.skipIf(!onPostgres)("run each job once, whichever instance fetches it", async () => {
    const t: TestDb = await freshDb();
    cleanup.push(() => t.close());
    const second = await openDb({ url: t.url! });
    cleanup.push(() => second.close());
    const { ownerCtx } = await makeWorkspace(t.db, "Two instances");
    const ran: { instance: string; job: string }[] = [];
    const instances = [
      { name: "a", db: t.db },
      { name: "b", db: second.db },
    ];
    for (const inst of instances) {
      const q = createJobQueue(inst.db, { schedules: false, pollingIntervalSeconds: 0.5 });
      await q.start();
      cleanup.push(() => q.stop({ timeoutMs: 2000 }));
      await q.work(QUEUES.forecastCompute.name, async (data: Parameters<typeof runForecastJob>[1], job) => {
        ran.push({ instance: inst.name, job: job.id });
        await runForecastJob(inst.db, data, job, { today: TODAY });
      }, { concurrency: 2 });
    }
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await makeSalesforceContract(ownerCtx, { name: `Contract ${i}`, drivers: DRIVERS, clauses: CLAUSES })).contract.id);
    const views = await settledAll(ownerCtx, ids);
    // 12 × ($500 + 20,000 × $0.005) = $7,200.00 each, whichever instance computed it.
    expect(views.map((v) => v.result?.cost.consumption)).toEqual(ids.map(() => "7200.00"));
    const jobs = await rows<{ id: string; state: string }>(t.db, sql`select id::text, state::text from pgboss.job where name = ${QUEUES.forecastCompute.name}`);
    // One job per contract (each created its forecast's recomputation), each run exactly once.
    expect(jobs).toHaveLength(12);
    expect(jobs.every((j) => j.state === "completed")).toBe(true);
    expect(ran.map((r) => r.job).sort()).toEqual(jobs.map((j) => j.id).sort());
  }, 60_000);
});

/** Spawns the stuck worker on the database at `where` and resolves when it has a job in hand. */
function stuckWorker(where: { pgliteDir?: string; url?: string }) {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const child = spawn(tsx, [path.join("tests", "integration", "stuck-worker.ts"), JSON.stringify(where)], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env } });
  let out = "";
  const running = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker took no job: ${out}`)), 30_000);
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /RUNNING (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr.on("data", (b: Buffer) => (out += b.toString()));
    child.on("exit", (code) => reject(new Error(`the worker exited (${code}): ${out}`)));
  });
  const killed = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { running, kill: async () => { child.kill("SIGKILL"); await killed; } };
}

describe("a job killed in the middle of a run", () => {
  it("runs again after the restart and completes", async () => {
    let where: { pgliteDir?: string; url?: string };
    let db: Db;
    let close: () => Promise<void>;
    const tmpl = inject("dbTemplate");
    if (tmpl.kind === "pglite") {
      // A data folder of its own: one process at a time opens it (the killed worker, then this one).
      const dir = mkdtempSync(path.join(process.cwd(), ".data", "test", "killed-"));
      cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
      const { PGlite } = await import("@electric-sql/pglite");
      const seed = await PGlite.create(dir, { loadDataDir: new Blob([readFileSync(tmpl.file)]) });
      await seed.close();
      where = { pgliteDir: path.join(dir) };
      const h = await openDb(where);
      db = h.db;
      close = h.close;
    } else {
      const t = await freshDb();
      where = { url: t.url! };
      db = t.db;
      close = t.close;
    }
    const { ownerCtx } = await makeWorkspace(db, "Crash");
    const { contract } = await makeSalesforceContract(ownerCtx, { drivers: DRIVERS, clauses: CLAUSES });
    if (tmpl.kind === "pglite") await close();

    const worker = stuckWorker(where);
    const jobId = await worker.running;
    await worker.kill();

    if (tmpl.kind === "pglite") {
      const h = await openDb(where);
      db = h.db;
      close = h.close;
    }
    cleanup.push(() => close());
    const [before] = await rows<{ state: string }>(db, sql`select state::text from pgboss.job where id = ${jobId}::uuid`);
    // Killed mid-run: pg-boss still has it as active, with nobody running it.
    expect(before?.state).toBe("active");
    if (tmpl.kind === "postgres") {
      // Another instance might be running it: it is taken over once its run expires (120 s for
      // forecasts). Time passes here by moving its start back.
      await db.execute(sql`update pgboss.job set started_on = now() - interval '10 minutes' where id = ${jobId}::uuid`);
    }
    // PGlite: only this process can have run it, so the restart retries it at once.
    const queue = await startJobRunner(db, { schedules: false, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, today: () => TODAY });
    cleanup.push(() => queue.stop({ timeoutMs: 2000 }));
    const [view] = await settledAll(ownerCtx.db === db ? ownerCtx : { ...ownerCtx, db }, [contract.id]);
    // 12 × ($500 + 20,000 credits × $0.005) = $7,200.00.
    expect(view?.result?.cost.consumption).toBe("7200.00");
    // pg-boss marks the job completed just after its handler has stored the forecast, which the
    // settled view above already reads: wait for that last step rather than race it.
    await expect
      .poll(async () => (await rows<{ state: string; retry_count: number }>(db, sql`select state::text, retry_count from pgboss.job where id = ${jobId}::uuid`))[0], { timeout: 15_000, interval: 200 })
      .toEqual({ state: "completed", retry_count: 1 });
    // The forecast raises a "credits run out" alert, whose delivery is a job of this runner too: it
    // finishes before the runner stops and the database closes (a delivery cut off by the close
    // once left pg-boss recording its failure on an ended connection, an unhandled rejection).
    await expect
      .poll(async () => (await rows<{ n: number }>(db, sql`select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active')`))[0]?.n, { timeout: 15_000, interval: 200 })
      .toBe(0);
  }, 90_000);
});
