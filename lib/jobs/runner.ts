// Which handler runs which queue. Started in every app instance (instrumentation.ts) and by tests,
// on a given database handle.
import type { Db } from "@/lib/db/client";
import { runAlertDelivery } from "@/lib/services/alerts/deliver";
import { enqueueAlertScan, runAlertScan } from "@/lib/services/alerts/scan";
import { runBriefJob } from "@/lib/services/briefs/job";
import { runComparisonJob } from "@/lib/services/forecast/compare";
import { todayIso } from "@/lib/services/forecast/inputs";
import { enqueueOutdatedForecasts, runForecastJob } from "@/lib/services/forecast/recompute";
import { runTransferImportJob } from "@/lib/services/transfer/job";
import { pruneSessions } from "@/lib/auth/sessions";
import { pruneSecurityEvents } from "@/lib/services/security/log";
import { pruneLinks } from "@/lib/services/users/account-links";
import { createJobQueue, enqueue, type JobQueue, type JobQueueOptions } from "./queue";
import { ALERTS_CRON, DAILY_CRON, QUEUES } from "./queues";

export interface RunnerOptions extends JobQueueOptions {
  /** the day forecasts are computed for (tests pin it; default: today in UTC) */
  today?: () => string;
}

export async function registerHandlers(queue: JobQueue, db: Db, options: Pick<RunnerOptions, "today"> = {}): Promise<void> {
  const today = options.today ?? todayIso;
  await queue.work(QUEUES.forecastCompute.name, async (data: Parameters<typeof runForecastJob>[1], job) => {
    // A new forecast of record may bring new alerts: the workspace is looked at again (once at a time).
    if ((await runForecastJob(db, data, job, { today: today() })) === "computed") await enqueueAlertScan(db, data.workspaceId);
  });
  await queue.work(QUEUES.forecastDaily.name, async () => {
    await enqueueOutdatedForecasts(db, today());
    await pruneSessions(db);
    await pruneSecurityEvents(db);
    await pruneLinks(db);
  });
  await queue.work(QUEUES.comparisonCompute.name, async (data: Parameters<typeof runComparisonJob>[1], job) => {
    await runComparisonJob(db, data, job);
  });
  await queue.work(QUEUES.briefCompute.name, async (data: Parameters<typeof runBriefJob>[1], job) => {
    await runBriefJob(db, data, job);
  });
  await queue.work(QUEUES.alertsDaily.name, async (data: { workspaceId?: string }) => {
    await runAlertScan(db, data, { today: today() });
  });
  await queue.work(QUEUES.alertDeliver.name, async (data: { deliveryId: string }, job) => {
    await runAlertDelivery(db, data, job);
  }, { concurrency: 2 });
  await queue.work(QUEUES.transferImport.name, async (data: Parameters<typeof runTransferImportJob>[1], job) => {
    await runTransferImportJob(db, data, job);
  });
}

/** A started queue working every workbench job on `db`, with the daily recomputation scheduled. */
export async function startJobRunner(db: Db, options: RunnerOptions = {}): Promise<JobQueue> {
  const queue = createJobQueue(db, options);
  await queue.start();
  await registerHandlers(queue, db, options);
  if (options.schedules ?? true) {
    await queue.schedule(QUEUES.forecastDaily.name, DAILY_CRON);
    // A day that began while no instance was running is caught up now (once a day across instances).
    await enqueue(db, QUEUES.forecastDaily.name, {}, { singletonKey: (options.today ?? todayIso)() });
    await queue.schedule(QUEUES.alertsDaily.name, ALERTS_CRON);
    await enqueue(db, QUEUES.alertsDaily.name, {}, { singletonKey: `day:${(options.today ?? todayIso)()}` });
  }
  return queue;
}
