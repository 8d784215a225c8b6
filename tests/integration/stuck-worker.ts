// A second process working forecast jobs that never finish: the integration test kills it with
// SIGKILL in the middle of a run, as a crash or a redeploy would. Argument: where the database is,
// as JSON ({ "pgliteDir": … } or { "url": … }).
import { openDb } from "@/lib/db/client";
import { createJobQueue } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";

const where = JSON.parse(process.argv[2] ?? "{}") as { pgliteDir?: string; url?: string };
const handle = await openDb(where);
const queue = createJobQueue(handle.db, { schedules: false, pollingIntervalSeconds: 0.5, retryActiveOnStart: false });
await queue.start();
await queue.work(QUEUES.forecastCompute.name, async (_data, job) => {
  console.log(`RUNNING ${job.id}`);
  await new Promise(() => {});
});
console.log("READY");
