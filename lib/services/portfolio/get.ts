// The portfolio: every contract of the workspace with its renewal and notice dates and its stored
// forecast of record (never an engine run here), the alerts that follow, what needs action first,
// and the money per currency.
import Decimal from "decimal.js";
import type { ForecastBasis } from "@/lib/db/schema/contracts";
import { addDays, daysBetween } from "@/lib/engine/calendar";
import { minorUnits } from "@/lib/engine/money";
import type { WorkspaceCtx } from "../context";
import { todayIso } from "../forecast/inputs";
import { listForecasts, type ForecastListItem } from "../forecast/read";
import type { ForecastHeadline } from "../forecast/types";

export type AlertKind = "ranOut" | "runsOut" | "crossed" | "willCross" | "notice" | "noticePassed";

export interface PortfolioAlert {
  kind: AlertKind;
  contractId: string;
  contractName: string;
  vendorName: string;
  date: string;
  /** days from today (negative: in the past) */
  inDays: number;
  thresholdPct?: number;
  allotmentId?: string;
  /** the forecast's basis, for alerts that come from it */
  basis?: ForecastBasis;
}

export interface PortfolioRow {
  contractId: string;
  contractName: string;
  vendorName: string;
  currency: string;
  termStart: string;
  termEnd: string;
  renewalDate: string | null;
  noticeDeadline: string | null;
  daysToNotice: number | null;
  lastBurn: ForecastListItem["lastBurn"];
  forecast: ForecastHeadline | null;
  /** why there is no forecast, in words */
  problem: string | null;
  computedAt: string | null;
  recomputing: boolean;
  /** 0 = act now … 3 = nothing to decide yet; the portfolio lists the lowest first */
  attention: { rank: 0 | 1 | 2 | 3; reason: string | null };
}

export interface CurrencyTotal {
  currency: string;
  contracts: number;
  /** consumption cost of the priced contracts */
  consumption: string;
  fixed: string;
  total: string;
  /** contracts whose consumption has no price (their fixed lines are counted, their credits are not) */
  unpriced: number;
}

/** How far ahead a notice deadline is an alert. */
export const NOTICE_ALERT_DAYS = 120;

function alertsOf(f: ForecastListItem, noticeDeadline: string | null, today: string): PortfolioAlert[] {
  const base = { contractId: f.contractId, contractName: f.contractName, vendorName: f.vendorName };
  const out: PortfolioAlert[] = [];
  if (noticeDeadline) {
    const d = daysBetween(today, noticeDeadline);
    if (d >= 0 && d <= NOTICE_ALERT_DAYS) out.push({ ...base, kind: "notice", date: noticeDeadline, inDays: d });
    else if (d < 0 && f.renewalDate && today < f.renewalDate) out.push({ ...base, kind: "noticePassed", date: noticeDeadline, inDays: d });
  }
  for (const a of f.headline?.alerts ?? []) {
    // Alerts are read against the day the forecast was computed for; a stale one is being recomputed.
    out.push({ ...base, kind: a.kind, date: a.date, inDays: daysBetween(today, a.date), basis: f.headline!.basis, ...(a.thresholdPct !== undefined ? { thresholdPct: a.thresholdPct } : {}), ...(a.allotmentId ? { allotmentId: a.allotmentId } : {}) });
  }
  return out;
}

const SEVERITY: Record<AlertKind, number> = { ranOut: 0, notice: 1, runsOut: 2, crossed: 3, noticePassed: 4, willCross: 5 };

function attentionOf(alerts: PortfolioAlert[], f: ForecastListItem, today: string): PortfolioRow["attention"] {
  const ranOut = alerts.find((a) => a.kind === "ranOut");
  if (ranOut) return { rank: 0, reason: "Balance ran out" };
  const notice = alerts.find((a) => a.kind === "notice");
  if (notice && notice.inDays <= 30) return { rank: 0, reason: "Notice deadline within 30 days" };
  const runsOut = alerts.find((a) => a.kind === "runsOut");
  if (runsOut && runsOut.inDays <= 90) return { rank: 1, reason: "Balance runs out within 90 days" };
  if (notice) return { rank: 1, reason: `Notice deadline within ${NOTICE_ALERT_DAYS} days` };
  if (alerts.some((a) => a.kind === "crossed")) return { rank: 1, reason: "Allotment threshold crossed" };
  if (!f.headline || today >= f.termEnd) return { rank: 3, reason: null };
  return { rank: 2, reason: null };
}

/** The earliest date that matters for a row, for ordering rows of the same rank. */
function attentionDate(alerts: PortfolioAlert[], r: { termEnd: string }): string {
  return alerts.filter((a) => a.kind !== "willCross").map((a) => a.date).sort()[0] ?? r.termEnd;
}

export function buildPortfolio(items: ForecastListItem[], today: string) {
  const rows: (PortfolioRow & { sortDate: string })[] = [];
  const alerts: PortfolioAlert[] = [];
  for (const f of items) {
    const noticeDeadline = f.renewalDate && f.noticeDays !== null ? addDays(f.renewalDate, -f.noticeDays) : null;
    const own = alertsOf(f, noticeDeadline, today);
    alerts.push(...own);
    rows.push({
      contractId: f.contractId,
      contractName: f.contractName,
      vendorName: f.vendorName,
      currency: f.currency,
      termStart: f.termStart,
      termEnd: f.termEnd,
      renewalDate: f.renewalDate,
      noticeDeadline,
      daysToNotice: noticeDeadline ? daysBetween(today, noticeDeadline) : null,
      lastBurn: f.lastBurn,
      forecast: f.headline,
      problem: f.state === "unavailable" ? f.message : f.state === "none" ? "The forecast is being computed." : null,
      computedAt: f.computedAt,
      recomputing: f.recomputing,
      attention: attentionOf(own, f, today),
      sortDate: attentionDate(own, f),
    });
  }
  rows.sort((a, b) => a.attention.rank - b.attention.rank || a.sortDate.localeCompare(b.sortDate) || a.contractName.localeCompare(b.contractName));
  alerts.sort((a, b) => SEVERITY[a.kind] - SEVERITY[b.kind] || Math.abs(a.inDays) - Math.abs(b.inDays));
  return { today, rows: rows.map(({ sortDate: _s, ...r }) => (void _s, r)), alerts, totals: totalsOf(rows) };
}

/** Money per currency, summed exactly from the stored figures (never across currencies). */
function totalsOf(rows: PortfolioRow[]): CurrencyTotal[] {
  const by = new Map<string, { contracts: number; consumption: Decimal; fixed: Decimal; unpriced: number }>();
  for (const r of rows) {
    if (!r.forecast) continue;
    const t = by.get(r.currency) ?? { contracts: 0, consumption: new Decimal(0), fixed: new Decimal(0), unpriced: 0 };
    t.contracts += 1;
    t.fixed = t.fixed.plus(r.forecast.cost.fixed);
    if (r.forecast.cost.consumption === null) t.unpriced += 1;
    else t.consumption = t.consumption.plus(r.forecast.cost.consumption);
    by.set(r.currency, t);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => {
      const dp = minorUnits(currency);
      return { currency, contracts: t.contracts, consumption: t.consumption.toFixed(dp), fixed: t.fixed.toFixed(dp), total: t.consumption.plus(t.fixed).toFixed(dp), unpriced: t.unpriced };
    });
}

/** The portfolio of the caller's workspace, from stored forecasts. Readable by viewers. */
export async function getPortfolio(ctx: WorkspaceCtx, options: { today?: string } = {}) {
  const today = options.today ?? todayIso();
  return buildPortfolio(await listForecasts(ctx, { today }), today);
}
