// Runs once when a server instance starts: every instance works the job queue (forecasts, briefs,
// comparisons) on the app's database, unless WORK_JOBS=false (an instance that only serves pages).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.WORK_JOBS === "false") return;
  const { getDb } = await import("./lib/db/client");
  const { startJobRunner } = await import("./lib/jobs/runner");
  const g = globalThis as unknown as { __workbenchJobRunner?: Promise<unknown> };
  g.__workbenchJobRunner ??= startJobRunner(await getDb());
  await g.__workbenchJobRunner;
}
