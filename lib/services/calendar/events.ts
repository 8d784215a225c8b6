// The renewal calendar's events, built from stored figures only (the contract's dates and the
// forecast of record's headline): no engine here. Every event's UID is derived from the contract id
// and the kind of date, so when a date moves (a new forecast, an edited renewal) a subscribed
// calendar client updates the same event rather than adding another.
import ical, { ICalCalendarMethod } from "ical-generator";
import { addDays, addMonths } from "@/lib/engine/calendar";
import type { ForecastHeadline, RunOutRemedy } from "../forecast/types";

export type CalendarEventKind = "renewal" | "notice" | "measurement" | "runOut";

export interface CalendarContract {
  contractId: string;
  contractName: string;
  vendorName: string;
  currency: string;
  renewalDate: string | null;
  noticeDays: number | null;
  /** the stored forecast's headline when its status is ready, else null */
  headline: Pick<ForecastHeadline, "asOf" | "runOut"> | null;
}

export interface CalendarEvent {
  uid: string;
  kind: CalendarEventKind;
  contractId: string;
  /** an all-day event on this day (ISO date) */
  date: string;
  summary: string;
  description: string;
}

/** The domain for every UID: RFC 5545 asks for globally unique ids, commonly "something@host". */
export const UID_DOMAIN = "renewal-workbench";

export const uidOf = (kind: CalendarEventKind, contractId: string) => `${kind}-${contractId}@${UID_DOMAIN}`;

/** The first day of the calendar quarter that holds `date`. */
export function quarterStart(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3) * 3 + 1;
  return `${y}-${String(q).padStart(2, "0")}-01`;
}

/**
 * When burn measurement must start for a renewal: the Workday playbook says "at least two full
 * quarters before renewal", so the start of the second full calendar quarter before the one holding
 * the renewal day. A renewal on 1 April 2027 → 1 October 2026 (Q4 2026 and Q1 2027 are full before
 * it); a renewal on 15 March 2027 → 1 July 2026 (Q1 2027 is not full before 15 March).
 */
export function measurementWindowStart(renewalDate: string): string {
  return addMonths(quarterStart(renewalDate), -6);
}

/** Renewal − notice period: the last day a notice of non-renewal or renegotiation can be given (as on the portfolio). */
export function noticeDeadline(renewalDate: string, noticeDays: number): string {
  return addDays(renewalDate, -noticeDays);
}

const REMEDY: Record<RunOutRemedy, string> = {
  pause: "agents are paused (demand goes unserved)",
  autoPack: "credit packs are bought automatically",
  overage: "overage is billed",
  trueUp: "a true-up is billed",
};

const label = (c: CalendarContract) => `${c.vendorName} · ${c.contractName}`;

export function buildCalendarEvents(contracts: readonly CalendarContract[]): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const c of contracts) {
    const push = (kind: CalendarEventKind, date: string, summary: string, description: string) =>
      events.push({ uid: uidOf(kind, c.contractId), kind, contractId: c.contractId, date, summary, description });
    if (c.renewalDate) {
      const start = measurementWindowStart(c.renewalDate);
      push(
        "measurement",
        start,
        `Start measuring burn: ${label(c)}`,
        `Burn measurement for the renewal on ${c.renewalDate} should run from here: at least two full quarters of observed usage before the renewal, so the renewal is negotiated on your numbers.`,
      );
      if (c.noticeDays !== null) {
        push(
          "notice",
          noticeDeadline(c.renewalDate, c.noticeDays),
          `Notice deadline: ${label(c)}`,
          `Last day to give notice before the renewal on ${c.renewalDate} (${c.noticeDays} days' notice).`,
        );
      }
      push("renewal", c.renewalDate, `Renewal: ${label(c)}`, `The contract renews on ${c.renewalDate}.`);
    }
    const runOut = c.headline?.runOut;
    if (c.headline && runOut) {
      push(
        "runOut",
        runOut.date,
        `Credits run out: ${label(c)}`,
        `The forecast of record (as of ${c.headline.asOf}) has the balance unable to serve demand from ${runOut.date}; then ${REMEDY[runOut.remedy]}.` +
          (runOut.remedyCost !== null ? ` Forecast cost of that: ${runOut.remedyCost} ${c.currency}.` : ""),
      );
    }
  }
  return events.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
}

/** The events as an iCalendar (RFC 5545) document: all-day events, dates with no time zone. */
export function renderCalendar(name: string, events: readonly CalendarEvent[], options: { stamp?: Date; contractUrl?: (contractId: string) => string } = {}): string {
  const cal = ical({ name, prodId: { company: "Renewal Workbench", product: "renewal-calendar", language: "EN" }, method: ICalCalendarMethod.PUBLISH });
  for (const e of events) {
    cal.createEvent({
      id: e.uid,
      // ical-generator writes an all-day start as the UTC date of the instant (DTSTART;VALUE=DATE:yyyymmdd):
      // midnight UTC of the day gives that day whatever the server's time zone.
      start: new Date(`${e.date}T00:00:00Z`),
      allDay: true,
      summary: e.summary,
      description: e.description,
      stamp: options.stamp,
      url: options.contractUrl?.(e.contractId),
    });
  }
  return cal.toString();
}
