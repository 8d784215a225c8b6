// Walk-away and alternatives: what the estate would pay on per-user pricing, at which usage per
// user that becomes the cheaper option, and the floor of doing nothing (no commitment, credits
// bought in packs at list price whenever the balance runs out).
import Decimal from "@/lib/engine/decimal";
import type { ContractTerms, PerUserTerms } from "@/lib/engine/ledger/types";
import { roundMoney } from "@/lib/engine/money";
import { breakEvenActionsPerUserPerMonth, perUserCostForPeriod } from "@/lib/engine/peruser";
import { pricePerCredit, sortVersions, versionAt } from "@/lib/engine/ratecard";
import type { Granularity, Period, RateCardVersion } from "@/lib/engine/types";

/**
 * Terms of "buy packs at list when needed": no allotment, no discount, no pin. A card sold in packs
 * buys whole packs of its own denomination at the list price of the period; a card priced per
 * credit pays list for each credit as overage, uncapped.
 */
export function packsAtListTerms(rateCard: readonly RateCardVersion[], termStart: string): ContractTerms {
  const first = sortVersions(rateCard).find((v) => v.effectiveFrom <= termStart) ?? sortVersions(rateCard)[0]!;
  const price = first.creditPrice;
  return {
    termStart,
    onExhaustion:
      price.kind === "pack"
        ? { kind: "autoPack", pack: { packCredits: price.packCredits } }
        : { kind: "overage", overage: { price: { kind: "list" } } },
  };
}

/** Months a term covers: its periods, or for weeks 7 days × 12 / 365.25 each. */
export function termMonths(periods: readonly Period[], granularity: Granularity): Decimal {
  if (granularity === "month") return new Decimal(periods.length);
  if (granularity === "year") return new Decimal(periods.length * 12);
  return new Decimal(periods.length * 7).mul(12).div("365.25");
}

/** Average licensed users over the term's periods. */
function averageUsers(terms: PerUserTerms, periods: readonly Period[]): Decimal {
  if (typeof terms.users === "number") return new Decimal(terms.users);
  let s = new Decimal(0);
  for (const p of periods) {
    let value = 0;
    let best = "";
    for (const c of terms.users) {
      if (c.from <= p.start && c.from >= best) {
        best = c.from;
        value = c.headcount;
      }
    }
    s = s.add(value);
  }
  return s.div(periods.length);
}

export interface ConsumptionPoint {
  pct: number;
  totalCost: Decimal | null;
  actionsDemanded: Decimal;
}

export interface PerUserWalkAway {
  users: Decimal;
  pricePerUserPerMonth: Decimal;
  /** per-user cost over the term, rounded per period like the ledger */
  totalCost: Decimal;
  /** list price of an action: list price per credit at term start × credits per action of the likely forecast's mix */
  listPricePerAction: Decimal | null;
  /** per-user price ÷ list price per action ($125 ÷ $0.10 = 1,250) */
  breakEvenActionsPerUserPerMonth: Decimal | null;
  atPercentiles: {
    pct: number;
    consumptionCost: Decimal | null;
    actionsPerUserPerMonth: Decimal | null;
    /** per-user total − consumption total: positive means consumption is cheaper */
    savingsOfConsumption: Decimal | null;
    cheaper: "consumption" | "perUser" | "equal" | "unknown";
  }[];
}

export function perUserWalkAway(args: {
  perUser: PerUserTerms;
  periods: readonly Period[];
  granularity: Granularity;
  rateCard: readonly RateCardVersion[];
  currency: string;
  /** credits per action of the likely forecast (demand credits ÷ actions), null when no action */
  creditsPerAction: Decimal | null;
  consumption: readonly ConsumptionPoint[];
}): PerUserWalkAway {
  const { perUser, periods, granularity, currency } = args;
  let total = new Decimal(0);
  for (const p of periods) total = total.add(roundMoney(perUserCostForPeriod(perUser, p, granularity), currency));
  const version = versionAt(sortVersions(args.rateCard), periods[0]!.start);
  const listPerCredit = version ? pricePerCredit(version.creditPrice) : null;
  const listPerAction = listPerCredit === null || args.creditsPerAction === null ? null : listPerCredit.mul(args.creditsPerAction);
  const users = averageUsers(perUser, periods);
  const months = termMonths(periods, granularity);
  return {
    users,
    pricePerUserPerMonth: perUser.pricePerUserPerMonth,
    totalCost: total,
    listPricePerAction: listPerAction,
    breakEvenActionsPerUserPerMonth: breakEvenActionsPerUserPerMonth(perUser.pricePerUserPerMonth, listPerAction),
    atPercentiles: args.consumption.map((c) => {
      const savings = c.totalCost === null ? null : total.sub(c.totalCost);
      return {
        pct: c.pct,
        consumptionCost: c.totalCost,
        actionsPerUserPerMonth: users.isZero() ? null : c.actionsDemanded.div(users).div(months).toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
        savingsOfConsumption: savings,
        cheaper: savings === null ? "unknown" : savings.gt(0) ? "consumption" : savings.lt(0) ? "perUser" : "equal",
      };
    }),
  };
}
