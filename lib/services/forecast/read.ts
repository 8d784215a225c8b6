// Reading stored forecasts: one query, no engine. A page shows what is stored, marked "recomputing"
// while a newer one is pending; when the stored one's stamp no longer matches its inputs (a write
// path that did not ask, or the date changed), `stale` tells the page to ask for it.
import { and, asc, eq } from "drizzle-orm";
import { contracts, type ForecastBasis } from "@/lib/db/schema/contracts";
import { contractForecasts } from "@/lib/db/schema/forecasts";
import { vendors } from "@/lib/db/schema/vendors";
import type { WorkspaceCtx } from "../context";
import { notFound } from "../errors";
import { burnStampSql, stampOf, todayIso } from "./inputs";
import type { ForecastHeadline, ForecastResult } from "./types";

export interface ForecastState {
  /** "none": never computed yet (the first computation is pending) */
  state: "ready" | "unavailable" | "none";
  message: string | null;
  computedAt: string | null;
  asOf: string | null;
  /** a newer forecast is pending: the one shown is the last stored */
  recomputing: boolean;
  /** the stored forecast's inputs are not the current ones and no recomputation is asked for yet */
  stale: boolean;
  lastError: string | null;
  chosenBasis: ForecastBasis | null;
}

export interface ForecastView extends ForecastState {
  result: ForecastResult | null;
}

type Row = {
  version: number;
  rateCardVersionId: string;
  burn: string;
  forecastBasis: ForecastBasis | null;
  stamp: string | null;
  inputKey: string | null;
  requestedKey: string | null;
  status: "pending" | "ready" | "unavailable" | null;
  message: string | null;
  computedAt: Date | null;
  asOf: string | null;
  lastError: string | null;
};

function stateOf(r: Row, today: string): ForecastState {
  const [rows, maxId] = r.burn.split(":") as [string, string];
  const current = stampOf({ version: r.version, rateCardVersionId: r.rateCardVersionId, burnRows: Number(rows), burnMaxId: maxId, today });
  const pending = r.requestedKey !== null && r.requestedKey !== r.inputKey;
  const stale = r.stamp !== current && !pending;
  return {
    state: r.status === "ready" ? "ready" : r.status === "unavailable" ? "unavailable" : "none",
    message: r.message,
    computedAt: r.computedAt ? new Date(r.computedAt).toISOString() : null,
    asOf: r.asOf,
    recomputing: pending || stale,
    stale,
    lastError: r.lastError,
    chosenBasis: r.forecastBasis,
  };
}

const stateColumns = {
  version: contracts.version,
  rateCardVersionId: contracts.rateCardVersionId,
  burn: burnStampSql(),
  forecastBasis: contracts.forecastBasis,
  stamp: contractForecasts.stamp,
  inputKey: contractForecasts.inputKey,
  requestedKey: contractForecasts.requestedKey,
  status: contractForecasts.status,
  message: contractForecasts.message,
  computedAt: contractForecasts.computedAt,
  asOf: contractForecasts.asOf,
  lastError: contractForecasts.lastError,
};

/** The stored forecast of one contract of the caller's workspace. Readable by viewers. */
export async function getForecast(ctx: WorkspaceCtx, contractId: string, options: { today?: string } = {}): Promise<ForecastView> {
  const [row] = await ctx.db
    .select({ ...stateColumns, result: contractForecasts.result })
    .from(contracts)
    .leftJoin(contractForecasts, eq(contractForecasts.contractId, contracts.id))
    .where(and(eq(contracts.id, contractId), eq(contracts.workspaceId, ctx.workspace.id)));
  if (!row) throw notFound("Contract");
  return { ...stateOf(row as Row, options.today ?? todayIso()), result: row.result ?? null };
}

export interface ForecastListItem extends ForecastState {
  contractId: string;
  contractName: string;
  vendorName: string;
  currency: string;
  termStart: string;
  termEnd: string;
  renewalDate: string | null;
  noticeDays: number | null;
  headline: ForecastHeadline | null;
  lastBurn: { periodStart: string; credits: string | null; cost: string | null } | null;
}

/** Every contract of the workspace with its stored forecast's headline (no ledger), in one query. */
export async function listForecasts(ctx: WorkspaceCtx, options: { today?: string } = {}): Promise<ForecastListItem[]> {
  const today = options.today ?? todayIso();
  const rows = await ctx.db
    .select({
      ...stateColumns,
      contractId: contracts.id,
      contractName: contracts.name,
      vendorName: vendors.name,
      currency: contracts.currency,
      termStart: contracts.termStart,
      termEnd: contracts.termEnd,
      renewalDate: contracts.renewalDate,
      noticeDays: contracts.noticeDays,
      headline: contractForecasts.headline,
      lastBurn: contractForecasts.lastBurn,
    })
    .from(contracts)
    .innerJoin(vendors, and(eq(vendors.id, contracts.vendorId), eq(vendors.workspaceId, contracts.workspaceId)))
    .leftJoin(contractForecasts, eq(contractForecasts.contractId, contracts.id))
    .where(eq(contracts.workspaceId, ctx.workspace.id))
    .orderBy(asc(vendors.name), asc(contracts.name));
  return rows.map((r) => ({
    ...stateOf(r as Row, today),
    contractId: r.contractId,
    contractName: r.contractName,
    vendorName: r.vendorName,
    currency: r.currency,
    termStart: r.termStart,
    termEnd: r.termEnd,
    renewalDate: r.renewalDate,
    noticeDays: r.noticeDays,
    headline: r.headline ?? null,
    lastBurn: r.lastBurn ?? null,
  }));
}
