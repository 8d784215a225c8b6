// The inputs of a contract's forecast of record, and the two ways of naming them: the full key (a
// hash of everything the figures depend on) and a cheap stamp a page can check on every render.
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { burnRows } from "@/lib/db/schema/burn";
import { contracts, type Contract } from "@/lib/db/schema/contracts";
import type { RateCardVersionRow } from "@/lib/db/schema/ratecards";
import { addDays, addMonths } from "@/lib/engine/calendar";
import type { BurnPoint, ContractBundle } from "@/lib/workbench/model";
import type { WorkspaceCtx } from "../context";
import { loadContractBundle } from "../contracts/load-bundle";

/**
 * Bumped when what a forecast stores, or how it is computed, changes (the engine included): every
 * stored forecast then reads as stale and is recomputed.
 */
export const FORECAST_FORMAT = 1;

/** Today's date in UTC, the day every forecast and alert is read against. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The context a job runs a workspace's reads in: no user is acting (nothing it writes is audited as
 * anyone's), and every query still filters on the workspace id.
 */
export function systemCtx(db: Db, workspaceId: string): WorkspaceCtx {
  return { db, actor: { id: "00000000-0000-0000-0000-000000000000", email: "jobs@workbench.invalid", name: "Workbench jobs" }, workspace: { id: workspaceId, name: "" }, role: "viewer" };
}

/**
 * A trailing period the rows do not cover to its end (burn imported through the 10th of the month)
 * would read as a drop in burn: it is left out of trends and named. Rows that state their end say how
 * far they go; rows without one (a month column, daily rows) are partial only while the period runs.
 */
export function trailingPartialPeriod(burn: BurnPoint[], granularity: "month" | "week", today: string): { start: string; through: string } | null {
  const last = burn.at(-1);
  if (!last) return null;
  const end = granularity === "week" ? addDays(last.periodStart, 7) : addMonths(last.periodStart, 1);
  const partial = last.through ? last.through < addDays(end, -1) : today < end;
  return partial ? { start: last.periodStart, through: last.through ?? addDays(today, -1) } : null;
}

export interface ForecastInputs {
  contract: Contract;
  rateCardVersion: RateCardVersionRow;
  /** the bundle the engine's document is built from, the trailing partial period already left out */
  bundle: ContractBundle;
  partialPeriod: { start: string; through: string } | null;
  today: string;
  /** hash of every input the figures depend on */
  key: string;
  stamp: string;
  /** database time at which these inputs were read */
  readAt: string;
}

function hash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 40);
}

export function stampOf(parts: { version: number; rateCardVersionId: string; burnRows: number; burnMaxId: string; today: string }): string {
  return `v${FORECAST_FORMAT}|${parts.version}|${parts.rateCardVersionId}|${parts.burnRows}:${parts.burnMaxId}|${parts.today}`;
}

/**
 * Rows and newest row id of a contract's burn (with the contract's version, what the stamp is made
 * of), as a column of a query on `contracts`. Qualified by hand: in a subquery drizzle's bare column
 * names would resolve to burn_rows' own.
 */
export function burnStampSql() {
  return sql<string>`(select count(*)::text || ':' || coalesce(max(b.id), 0)::text from ${burnRows} b where b.workspace_id = "contracts"."workspace_id" and b.contract_id = "contracts"."id")`;
}

/**
 * Reads everything the contract's forecast depends on, as committed now. Returns null when the
 * contract is gone (deleted after the recomputation was asked for).
 */
export async function loadForecastInputs(ctx: WorkspaceCtx, contractId: string, today = todayIso()): Promise<ForecastInputs | null> {
  const [probe] = await ctx.db
    .select({ id: contracts.id, burn: burnStampSql(), readAt: sql<string>`now()::text` })
    .from(contracts)
    .where(and(eq(contracts.id, contractId), eq(contracts.workspaceId, ctx.workspace.id)));
  if (!probe) return null;
  const loaded = await loadContractBundle(ctx, contractId, { scenarios: "none" });
  const { contract, rateCardVersion: rcv } = loaded;
  const partialPeriod = trailingPartialPeriod(loaded.bundle.burn, contract.granularity, today);
  const bundle: ContractBundle = partialPeriod ? { ...loaded.bundle, burn: loaded.bundle.burn.slice(0, -1) } : loaded.bundle;
  const [rows, maxId] = probe.burn.split(":") as [string, string];
  const key = hash({
    format: FORECAST_FORMAT,
    today,
    basis: contract.forecastBasis,
    contract: {
      currency: contract.currency,
      termStart: contract.termStart,
      termEnd: contract.termEnd,
      granularity: contract.granularity,
      fixedLines: contract.fixedLines,
      clauses: contract.clauses,
      drivers: contract.drivers,
      perUser: contract.perUser,
      assumptions: contract.assumptions,
    },
    rateCardVersion: { id: rcv.id, effectiveFrom: rcv.effectiveFrom, effectiveTo: rcv.effectiveTo, units: rcv.units, creditPrice: rcv.creditPrice },
    burn: bundle.burn,
    partialPeriod,
  });
  return {
    contract,
    rateCardVersion: rcv,
    bundle,
    partialPeriod,
    today,
    key,
    stamp: stampOf({ version: contract.version, rateCardVersionId: contract.rateCardVersionId, burnRows: Number(rows), burnMaxId: maxId, today }),
    readAt: probe.readAt,
  };
}
