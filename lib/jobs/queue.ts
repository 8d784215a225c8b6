// The job queue: pg-boss on the app's own database (its tables in the `pgboss` schema). With
// DATABASE_URL every app instance works jobs from the same PostgreSQL tables (SKIP LOCKED: each job
// runs once, on whichever instance fetches it first); with PGlite the one app process runs them,
// through the same interface. Services only ever call `enqueue`; app start and tests create a queue
// with `createJobQueue`, register handlers with `work` and call `start` / `stop`.
import PgBoss from "pg-boss";
import type { Db } from "@/lib/db/client";
import { QUEUES, type QueueName, type QueueSpec } from "./queues";
import { clientExecutor, drizzleExecutor } from "./sql";

export const JOB_SCHEMA = "pgboss";

export interface JobInfo {
  id: string;
  /** 0 on the first run, n on the n-th retry */
  retryCount: number;
  retryLimit: number;
}

export type JobHandler<T> = (data: T, job: JobInfo) => Promise<void>;

export interface JobQueue {
  start(): Promise<void>;
  /** stops fetching and waits (up to `timeoutMs`) for running jobs; jobs still running are failed, to be retried */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** runs `handler` for jobs of `queue` in this process, `concurrency` at a time */
  work<T extends object>(queue: QueueName, handler: JobHandler<T>, options?: { concurrency?: number }): Promise<void>;
  /** a cron schedule (UTC); across instances each tick sends one job */
  schedule(queue: QueueName, cron: string, data?: object): Promise<void>;
  /** wakes this process's workers of `queue` without waiting for their next poll */
  notify(queue: QueueName): void;
}

const spec = (name: QueueName): QueueSpec => Object.values(QUEUES).find((q) => q.name === name)!;

function queueOptions(q: QueueSpec) {
  return { name: q.name, policy: q.policy, retryLimit: q.retryLimit, retryDelay: q.retryDelay, retryBackoff: q.retryBackoff, expireInSeconds: q.expireInSeconds };
}

/**
 * Creates or migrates pg-boss's schema and the workbench's queues. Part of the database migration
 * (lib/db/migrate.ts), so a service can enqueue as soon as the app's tables exist. Idempotent, and
 * safe for instances starting together (pg-boss takes an advisory lock while it migrates).
 */
export async function installJobs(db: Db): Promise<void> {
  const boss = new PgBoss({ db: clientExecutor(db), schema: JOB_SCHEMA, migrate: true, supervise: false, schedule: false });
  boss.on("error", (e) => console.error("job queue install:", e));
  await boss.start();
  try {
    for (const q of Object.values(QUEUES)) {
      if (await boss.getQueue(q.name)) await boss.updateQueue(q.name, queueOptions(q));
      else await boss.createQueue(q.name, queueOptions(q));
    }
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}

// Sending a job only builds an INSERT and runs it on the executor given with the job, so one
// unstarted instance serves every database handle.
let sender: PgBoss | null = null;
function getSender(): PgBoss {
  sender ??= new PgBoss({
    db: {
      executeSql: () => {
        throw new Error("jobs are sent on the caller's database handle");
      },
    },
    schema: JOB_SCHEMA,
  });
  return sender;
}

const globalJobs = globalThis as unknown as { __workbenchJobQueues?: Set<JobQueue> };

/**
 * Queues a job in the caller's database handle: inside the caller's transaction when `db` is one, so
 * the job exists exactly when the write that asked for it commits. A job with a singleton key that is
 * already queued under that key is not queued again (returns null).
 */
export async function enqueue(db: Db, queue: QueueName, data: object, options: { singletonKey?: string; startAfterSeconds?: number; retryDelaySeconds?: number } = {}): Promise<string | null> {
  const id = await getSender().send(queue, data, {
    db: drizzleExecutor(db),
    ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    ...(options.retryDelaySeconds ? { retryDelay: options.retryDelaySeconds } : {}),
  });
  // Workers in this process need not wait for their next poll (the job may still be uncommitted;
  // then the poll after finds it).
  for (const q of globalJobs.__workbenchJobQueues ?? []) q.notify(queue);
  return id;
}

export interface JobQueueOptions {
  /**
   * how often an idle worker looks for work (default 1 s on PostgreSQL, where other instances queue
   * jobs; 10 s on PGlite, where only this process queues them and wakes its workers as it does, so
   * the poll only catches retries and delayed starts: each poll of PGlite runs on the event loop
   * that serves the pages)
   */
  pollingIntervalSeconds?: number;
  /** how often expired runs are failed and old jobs archived (default 60 s) */
  maintenanceIntervalSeconds?: number;
  /**
   * PGlite: only this process can have run a job still marked active, so such a job was interrupted
   * by a restart and is retried at once. With PostgreSQL another instance may be running it: it is
   * retried when it expires instead. Default: true on PGlite.
   */
  retryActiveOnStart?: boolean;
  /** run cron schedules in this instance (default true) */
  schedules?: boolean;
}

export function createJobQueue(db: Db, options: JobQueueOptions = {}): JobQueue {
  const executor = clientExecutor(db);
  const isPglite = typeof (db as unknown as { $client?: { exec?: unknown } }).$client?.exec === "function";
  const boss = new PgBoss({
    db: executor,
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: true,
    schedule: options.schedules ?? true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  boss.on("error", (e) => console.error("job queue:", e));
  const workers = new Map<string, string[]>();
  const polling = options.pollingIntervalSeconds ?? (isPglite ? 10 : 1);
  let started = false;

  const queue: JobQueue = {
    async start() {
      if (started) return;
      await boss.start();
      started = true;
      if (options.retryActiveOnStart ?? isPglite) {
        const { rows } = await executor.executeSql(`select name, array_agg(id::text) as ids from ${JOB_SCHEMA}.job where state = 'active' group by name`, []);
        for (const r of rows as { name: string; ids: string[] }[]) await boss.fail(r.name, r.ids, { message: "interrupted by a restart" } as never);
      }
      globalJobs.__workbenchJobQueues ??= new Set();
      globalJobs.__workbenchJobQueues.add(queue);
    },
    async stop({ timeoutMs = 10_000 } = {}) {
      if (!started) return;
      globalJobs.__workbenchJobQueues?.delete(queue);
      started = false;
      await boss.stop({ graceful: true, close: false, wait: true, timeout: timeoutMs });
    },
    async work<T extends object>(name: QueueName, handler: JobHandler<T>, { concurrency = 1 } = {}) {
      const q = spec(name);
      for (let i = 0; i < concurrency; i++) {
        const id = await boss.work<T>(name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: polling }, async ([job]) => {
          if (!job) return;
          try {
            await handler(job.data, { id: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit });
          } catch (e) {
            const last = job.retryCount >= job.retryLimit;
            console.error(`job ${q.name} ${job.id} failed (run ${job.retryCount + 1} of ${job.retryLimit + 1}${last ? ", giving up" : ", will retry"}):`, e);
            throw e;
          }
        });
        workers.set(name, [...(workers.get(name) ?? []), id]);
      }
    },
    async schedule(name: QueueName, cron: string, data: object = {}) {
      await boss.schedule(name, cron, data, { tz: "UTC" });
    },
    notify(name: QueueName) {
      for (const id of workers.get(name) ?? []) boss.notifyWorker(id);
    },
  };
  return queue;
}
