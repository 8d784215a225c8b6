// The queues of the workbench's jobs and how each one retries. Every handler is idempotent: a job
// may run again after a crash, a restart or an expired run, and must then change nothing twice.

export interface QueueSpec {
  name: string;
  /**
   * "stately": at most one queued and one running job per singleton key (a recomputation of one
   * contract for one set of inputs is queued once); "standard": every job runs.
   */
  policy: "standard" | "stately";
  retryLimit: number;
  /** seconds before the first retry; doubled (with jitter) each time when retryBackoff */
  retryDelay: number;
  retryBackoff: boolean;
  /**
   * A run still active after this long is failed (and retried): the work of an instance that died
   * mid-run is taken over once it expires. Also the handler's time limit.
   */
  expireInSeconds: number;
}

export const QUEUES = {
  /** recompute one contract's forecast of record: { workspaceId, contractId, key } */
  forecastCompute: { name: "forecast_compute", policy: "stately", retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 120 },
  /** the date changed: enqueue a recomputation for every contract whose forecast is from an earlier day */
  forecastDaily: { name: "forecast_daily", policy: "stately", retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 },
  /** compute and store a brief version: { jobId } (a row of brief_jobs holds its input and progress) */
  briefCompute: { name: "brief_compute", policy: "standard", retryLimit: 2, retryDelay: 5, retryBackoff: true, expireInSeconds: 900 },
  /** evaluate saved scenarios side by side on one demand: { workspaceId, contractId, key } */
  comparisonCompute: { name: "comparison_compute", policy: "stately", retryLimit: 3, retryDelay: 2, retryBackoff: true, expireInSeconds: 300 },
  /** import a stored workspace file: { importId } (a row of workspace_imports holds its progress and outcome) */
  transferImport: { name: "transfer_import", policy: "standard", retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 3600 },
  /** find new alerts and queue their deliveries: { workspaceId? } (none: every workspace; the daily run) */
  alertsDaily: { name: "alerts_daily", policy: "stately", retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 },
  /** deliver one alert by e-mail or webhook: { deliveryId } (a row of alert_deliveries holds its status and attempts) */
  alertDeliver: { name: "alert_deliver", policy: "standard", retryLimit: 6, retryDelay: 10, retryBackoff: true, expireInSeconds: 60 },
} as const satisfies Record<string, QueueSpec>;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]["name"];

/** When the date changes (UTC), every forecast is recomputed for the new day. */
export const DAILY_CRON = "5 0 * * *";

/** Alerts are looked for once a day, after the day's forecasts had time to be recomputed (and after each new forecast). */
export const ALERTS_CRON = "20 0 * * *";
