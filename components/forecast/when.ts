// Dates read against today, and the forecast's figures as words. Formatting only: every figure was
// computed by the engine (or the forecast job) on the server; nothing here adds money.
import { formatDate, formatMoney, formatNumber } from "@/components/format";
import { daysBetween } from "@/lib/engine/calendar";
import type { ForecastResult, RunOutRemedy } from "@/lib/services/forecast/types";

/** "today", "yesterday", "in 3 days", "10 days ago", "5 months ago" (months past 60 days). */
export function relativeDay(date: string, today: string): string {
  const d = daysBetween(today, date);
  if (d === 0) return "today";
  if (d === -1) return "yesterday";
  if (d === 1) return "tomorrow";
  const n = Math.abs(d);
  const span = n < 60 ? `${n} days` : `${Math.round(n / 30.44)} months`;
  return d < 0 ? `${span} ago` : `in ${span}`;
}

export const isPast = (date: string, today: string) => date <= today;

const REMEDY: Record<RunOutRemedy, string> = {
  autoPack: "packs are bought automatically",
  overage: "usage is billed as overage",
  trueUp: "usage is billed later by true-up",
  pause: "agents stop until the next grant",
};
const REMEDY_PAST: Record<RunOutRemedy, string> = {
  autoPack: "packs were bought automatically",
  overage: "usage was billed as overage",
  trueUp: "usage is billed later by true-up",
  pause: "agents stopped until the next grant",
};

/** The run-out date as every screen shows it (the same words on the overview, Burn tab and portfolio). */
export function runOutDateText(runOut: ForecastResult["runOut"]): string {
  return runOut ? formatDate(runOut.date) : "Not within the term";
}

/** "Ran out on 24 Nov 2026, 9 days ago" / "Runs out on 10 Jan 2027, in 38 days" / "Lasts the whole term". */
export function runOutSentence(runOut: ForecastResult["runOut"], today: string): string {
  if (!runOut) return "The balance lasts the whole term.";
  return isPast(runOut.date, today)
    ? `Ran out on ${formatDate(runOut.date)}, ${relativeDay(runOut.date, today)}.`
    : `Runs out on ${formatDate(runOut.date)}, ${relativeDay(runOut.date, today)}.`;
}

/** What the contract does at run-out, with what it costs over the term. */
export function remedySentence(runOut: NonNullable<ForecastResult["runOut"]>, today: string, currency: string): string {
  const past = isPast(runOut.date, today);
  const what = (past ? REMEDY_PAST : REMEDY)[runOut.remedy];
  const first = what.charAt(0).toUpperCase() + what.slice(1);
  if (runOut.remedy === "pause") return `${first}: ${formatNumber(runOut.unservedCredits, 0)} credits unserved over the term.`;
  if (runOut.remedyCost === null) return `${first}; its cost is unknown without a price per credit.`;
  return `${first}: ${formatMoney(runOut.remedyCost, currency)} over the term.`;
}

/** The consumption cost of the term as every screen shows it. */
export function costText(cost: ForecastResult["cost"], currency: string): string {
  return cost.consumption === null ? "Price per credit not set" : formatMoney(cost.consumption, currency);
}

export function totalText(cost: ForecastResult["cost"], currency: string): string {
  return cost.total === null ? `${formatMoney(cost.fixed, currency)} + credits unpriced` : formatMoney(cost.total, currency);
}

/** "3 Dec 2026, 08:12 UTC" */
export function computedAtText(iso: string): string {
  return `${formatDate(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`;
}
