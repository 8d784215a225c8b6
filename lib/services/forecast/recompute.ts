// Asking for a forecast's recomputation (any write path: one line) and running it (the job).
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { contracts } from "@/lib/db/schema/contracts";
import { contractForecasts } from "@/lib/db/schema/forecasts";
import { enqueue, type JobInfo } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import { computeForecast } from "./compute";
import { loadForecastInputs, systemCtx, todayIso } from "./inputs";

/**
 * A request is met by a result computed from inputs read after it was made (or from the inputs it
 * named); one made meanwhile stays pending.
 */
function satisfied(inputs: { key: string; readAt: string }) {
  return sql`case when ${contractForecasts.requestedKey} = ${inputs.key} or ${contractForecasts.requestedAt} <= ${inputs.readAt}::timestamptz then null else ${contractForecasts.requestedKey} end`;
}

function lastBurnOf(inputs: NonNullable<Awaited<ReturnType<typeof loadForecastInputs>>>) {
  const last = inputs.bundle.burn.at(-1);
  return last ? { periodStart: last.periodStart, credits: last.credits, cost: last.cost } : null;
}

export interface ForecastJobData {
  workspaceId: string;
  contractId: string;
  /** the inputs the recomputation was asked for (the job computes whatever is current when it runs) */
  key: string;
}

/**
 * Asks for the contract's forecast to be recomputed from its inputs as they now are. Call it after
 * (or inside the transaction of) any write that changes an input: terms, contract, rate card
 * version, burn rows, basis. Inside a transaction the job commits with the write. Idempotent: inputs
 * already computed ask for nothing, a recomputation already queued for the same inputs is not queued
 * twice.
 */
export async function enqueueForecast(db: Db, workspaceId: string, contractId: string, options: { today?: string } = {}): Promise<void> {
  const inputs = await loadForecastInputs(systemCtx(db, workspaceId), contractId, options.today ?? todayIso());
  if (!inputs) return;
  // Same inputs as the stored result: only the stamp moves (a rename changed the contract's version).
  const [row] = await db
    .insert(contractForecasts)
    .values({ contractId, workspaceId, requestedKey: inputs.key, requestedAt: sql`now()` })
    .onConflictDoUpdate({
      target: contractForecasts.contractId,
      set: {
        requestedKey: sql`case when ${contractForecasts.inputKey} = excluded.requested_key then null else excluded.requested_key end`,
        requestedAt: sql`case when ${contractForecasts.inputKey} = excluded.requested_key then ${contractForecasts.requestedAt} else now() end`,
        stamp: sql`case when ${contractForecasts.inputKey} = excluded.requested_key then ${inputs.stamp} else ${contractForecasts.stamp} end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ inputKey: contractForecasts.inputKey });
  if (row?.inputKey === inputs.key) return;
  await enqueue(db, QUEUES.forecastCompute.name, { workspaceId, contractId, key: inputs.key } satisfies ForecastJobData, { singletonKey: `${contractId}:${inputs.key}` });
}

/** enqueueForecast for every contract of a workspace (after a workspace import). */
export async function enqueueWorkspaceForecasts(db: Db, workspaceId: string, options: { today?: string } = {}): Promise<void> {
  const rows = await db.select({ id: contracts.id }).from(contracts).where(eq(contracts.workspaceId, workspaceId));
  for (const r of rows) await enqueueForecast(db, workspaceId, r.id, options);
}

/**
 * The date changed: every contract whose forecast was computed for an earlier day (or never) is
 * recomputed. A system job across workspaces; each contract's inputs are read in its own workspace.
 */
export async function enqueueOutdatedForecasts(db: Db, today = todayIso()): Promise<number> {
  const rows = await db
    .select({ id: contracts.id, workspaceId: contracts.workspaceId })
    .from(contracts)
    .leftJoin(contractForecasts, eq(contractForecasts.contractId, contracts.id))
    .where(or(isNull(contractForecasts.asOf), lt(contractForecasts.asOf, today)));
  for (const r of rows) await enqueueForecast(db, r.workspaceId, r.id, { today });
  return rows.length;
}

/**
 * The job: reads the contract's inputs as committed now, computes the forecast with the engine
 * (outside any transaction) and stores it in one statement that never replaces a result computed
 * from newer inputs. Running it again changes nothing.
 */
export async function runForecastJob(db: Db, data: ForecastJobData, job?: JobInfo, options: { today?: string } = {}): Promise<"computed" | "unchanged" | "gone"> {
  try {
    const inputs = await loadForecastInputs(systemCtx(db, data.workspaceId), data.contractId, options.today ?? todayIso());
    if (!inputs) return "gone";
    const [current] = await db
      .select({ inputKey: contractForecasts.inputKey, status: contractForecasts.status })
      .from(contractForecasts)
      .where(and(eq(contractForecasts.contractId, data.contractId), eq(contractForecasts.workspaceId, data.workspaceId)));
    if (current?.inputKey === inputs.key && current.status !== "pending") {
      await db
        .update(contractForecasts)
        .set({ stamp: inputs.stamp, requestedKey: satisfied(inputs) })
        .where(and(eq(contractForecasts.contractId, data.contractId), eq(contractForecasts.inputKey, inputs.key)));
      return "unchanged";
    }
    const computed = computeForecast(inputs);
    const values = {
      inputKey: inputs.key,
      stamp: inputs.stamp,
      inputsReadAt: sql`${inputs.readAt}::timestamptz`,
      asOf: inputs.today,
      status: computed.status,
      message: computed.status === "unavailable" ? computed.message : null,
      headline: computed.status === "ready" ? computed.headline : null,
      result: computed.status === "ready" ? computed.result : null,
      lastBurn: lastBurnOf(inputs),
      computedAt: sql`now()`,
      lastError: null,
      updatedAt: sql`now()`,
    };
    await db
      .insert(contractForecasts)
      .values({ contractId: data.contractId, workspaceId: data.workspaceId, ...values } as never)
      .onConflictDoUpdate({
        target: contractForecasts.contractId,
        set: {
          ...values,
          requestedKey: satisfied(inputs),
        } as never,
        setWhere: or(isNull(contractForecasts.inputsReadAt), lt(contractForecasts.inputsReadAt, sql`${inputs.readAt}::timestamptz`)),
      });
    return "computed";
  } catch (e) {
    if (job && job.retryCount >= job.retryLimit) {
      await db
        .update(contractForecasts)
        .set({ lastError: e instanceof Error ? e.message : String(e), requestedKey: null, updatedAt: sql`now()` })
        .where(and(eq(contractForecasts.contractId, data.contractId), eq(contractForecasts.workspaceId, data.workspaceId)))
        .catch(() => {});
    }
    throw e;
  }
}
