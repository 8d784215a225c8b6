// The per-user alternative to consumption pricing: users × price per user per month, whatever
// the agents do. Compared with consumption through the price per action.
import Decimal from "@/lib/engine/decimal";
import { monthsOfYear } from "@/lib/engine/calendar";
import type { Granularity, IsoDate, Period } from "@/lib/engine/types";
import type { HeadcountChange, PerUserTerms } from "@/lib/engine/ledger/types";

function usersAt(users: number | readonly HeadcountChange[], date: IsoDate): number {
  if (typeof users === "number") return users;
  let value = 0;
  let best = "";
  for (const c of users) {
    if (c.from <= date && c.from >= best) {
      best = c.from;
      value = c.headcount;
    }
  }
  return value;
}

/** Monthly per-user cost: 80 users × $125 = $10,000. */
export function perUserMonthlyCost(users: number, pricePerUserPerMonth: Decimal.Value): Decimal {
  return new Decimal(pricePerUserPerMonth).mul(users);
}

/** Per-user cost per action: $10,000 ÷ 500,000 actions = $0.02. Null when there is no action. */
export function perUserCostPerAction(users: number, pricePerUserPerMonth: Decimal.Value, actionsPerMonth: Decimal.Value): Decimal | null {
  const actions = new Decimal(actionsPerMonth);
  if (actions.isZero()) return null;
  return perUserMonthlyCost(users, pricePerUserPerMonth).div(actions);
}

/**
 * Actions per user per month above which per-user pricing is cheaper than consumption:
 * per-user price ÷ consumption price per action ($125 ÷ $0.10 = 1,250). Null when the price per
 * action is unknown or 0 (consumption is then never dearer).
 */
export function breakEvenActionsPerUserPerMonth(pricePerUserPerMonth: Decimal.Value, pricePerAction: Decimal | null): Decimal | null {
  if (pricePerAction === null || pricePerAction.isZero()) return null;
  return new Decimal(pricePerUserPerMonth).div(pricePerAction);
}

/**
 * Per-user cost of one ledger period, unrounded. A monthly period costs a month; a weekly period
 * costs its days over the days of the month it starts in, since per-user licences bill monthly; a
 * yearly period costs its twelve months.
 */
export function perUserCostForPeriod(terms: PerUserTerms, period: Period, granularity: Granularity): Decimal {
  const monthly = perUserMonthlyCost(usersAt(terms.users, period.start), terms.pricePerUserPerMonth);
  if (granularity === "month") return monthly;
  // a year is twelve monthly bills, each for the users licensed when it starts
  if (granularity === "year") return monthsOfYear(period).reduce((sum, m) => sum.add(perUserMonthlyCost(usersAt(terms.users, m.period.start), terms.pricePerUserPerMonth)), new Decimal(0));
  const start = Date.parse(`${period.start}T00:00:00Z`);
  const end = Date.parse(`${period.end}T00:00:00Z`);
  const days = Math.round((end - start) / 86_400_000);
  const y = Number(period.start.slice(0, 4));
  const m = Number(period.start.slice(5, 7));
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return monthly.mul(days).div(daysInMonth);
}
