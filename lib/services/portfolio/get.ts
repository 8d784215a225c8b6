import { addDays, daysBetween } from "@/lib/engine/calendar";
import { buildModelDocument } from "@/lib/workbench/model";
import type { WorkspaceCtx } from "../context";
import { DomainError } from "../errors";
import { loadContractBundle } from "../contracts/load-bundle";
import { listContracts } from "../contracts/list";
import { evaluateDocument } from "../scenarios/evaluate";

export type AlertKind = "crossed" | "forecast" | "exhaustion" | "notice";

export interface PortfolioAlert {
  kind: AlertKind;
  contractId: string;
  contractName: string;
  vendorName: string;
  date: string;
  /** allotment threshold, for "crossed" and "forecast" */
  thresholdPct?: number;
  allotmentId?: string;
  /** days from today (negative: in the past) */
  inDays: number;
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
  /** what the forecast rests on: the trend of observed burn when there is some, else the drivers */
  basis: "observedBurn" | "drivers" | null;
  lastBurn: { periodStart: string; credits: string | null; cost: string | null } | null;
  forecastCost: string | null;
  demandCredits: string | null;
  exhaustionDate: string | null;
  priceUnpinned: boolean;
  /** why no forecast could be made, in words */
  problem: string | null;
}

/** How far back a crossing still counts as news, and how far ahead a forecast crossing is shown. */
export const ALERT_WINDOW = { pastDays: 45, futureDays: 365, noticeDays: 120 };

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Every contract of the workspace with its renewal and notice dates, its observed burn and the
 * engine's forecast (at the observed rate when burn was imported, else from the drivers), and the
 * threshold alerts that follow: crossings already observed and crossings the forecast predicts.
 */
export async function getPortfolio(ctx: WorkspaceCtx, options: { today?: string } = {}) {
  const today = options.today ?? todayIso();
  const contracts = await listContracts(ctx);
  const rows: PortfolioRow[] = [];
  const alerts: PortfolioAlert[] = [];
  for (const c of contracts) {
    const noticeDeadline = c.renewalDate && c.noticeDays !== null ? addDays(c.renewalDate, -c.noticeDays) : null;
    const row: PortfolioRow = {
      contractId: c.id,
      contractName: c.name,
      vendorName: c.vendorName,
      currency: c.currency,
      termStart: c.termStart,
      termEnd: c.termEnd,
      renewalDate: c.renewalDate,
      noticeDeadline,
      daysToNotice: noticeDeadline ? daysBetween(today, noticeDeadline) : null,
      basis: null,
      lastBurn: null,
      forecastCost: null,
      demandCredits: null,
      exhaustionDate: null,
      priceUnpinned: false,
      problem: null,
    };
    const base = { contractId: c.id, contractName: c.name, vendorName: c.vendorName };
    if (noticeDeadline && row.daysToNotice !== null && row.daysToNotice >= 0 && row.daysToNotice <= ALERT_WINDOW.noticeDays) {
      alerts.push({ ...base, kind: "notice", date: noticeDeadline, inDays: row.daysToNotice });
    }
    const { bundle } = await loadContractBundle(ctx, c.id, { scenarios: "none" });
    row.lastBurn = bundle.burn.at(-1) ?? null;
    const probe = buildModelDocument({ ...bundle, scenarios: [] });
    const basis = probe.observedBurn ? "observedBurn" : bundle.contract.drivers ? "drivers" : null;
    if (!basis) {
      row.problem = "No forecast yet: import observed burn or enter drivers.";
      rows.push(row);
      continue;
    }
    row.basis = basis;
    const id = "portfolio";
    const name = basis === "observedBurn" ? "At the observed rate" : "From the drivers";
    const doc = buildModelDocument({ ...bundle, scenarios: [{ id, name, doc: { id, name, demand: { source: basis } } }] });
    try {
      const summary = evaluateDocument(doc).scenarios[0]!.summary;
      row.forecastCost = summary.totalCost;
      row.demandCredits = summary.demandCredits;
      row.priceUnpinned = summary.priceUnpinned;
      row.exhaustionDate = summary.exhaustion?.date ?? null;
      const seen = new Set<string>();
      for (const a of summary.alerts) {
        const inDays = daysBetween(today, a.date);
        if (inDays < -ALERT_WINDOW.pastDays || inDays > ALERT_WINDOW.futureDays) continue;
        // One alert per allotment and threshold: the earliest crossing in the window.
        const key = `${a.allotmentId}:${a.thresholdPct}`;
        if (seen.has(key)) continue;
        seen.add(key);
        alerts.push({ ...base, kind: inDays <= 0 ? "crossed" : "forecast", date: a.date, thresholdPct: a.thresholdPct, allotmentId: a.allotmentId, inDays });
      }
      if (row.exhaustionDate) {
        const inDays = daysBetween(today, row.exhaustionDate);
        if (inDays >= -ALERT_WINDOW.pastDays && inDays <= ALERT_WINDOW.futureDays) {
          alerts.push({ ...base, kind: "exhaustion", date: row.exhaustionDate, inDays });
        }
      }
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      row.problem = e.message;
    }
    rows.push(row);
  }
  alerts.sort((x, y) => x.date.localeCompare(y.date));
  return { today, rows, alerts };
}
