// The value of each ask: what adding it alone to the vendor's terms saves, and what removing it
// alone from the full set of asks costs back, on the demand paths at chosen percentiles.
//
// Both values are measured on fixed demand paths (the paths at P50 and P90 of the vendor terms'
// cost to serve, montecarlo.ts), with the exact ledger, so that they are exact money and paired.
// Every cost here is the cost to serve the path's whole demand (billed + what demand left unserved
// costs, lib/engine/ledger/plan.ts): an ask that pauses agents does not save what they would have
// cost. On a given path, when asks do not interact (each changes a different clause and its saving
// does not depend on the others),
//     Σ add-alone values = Σ remove-alone values = vendor cost − cost with every ask,
// and the gap between those three numbers measures the interaction (reported, never hidden).
// Asks are applied in the listed order, each replacing whole clause fields (as scenario clauses do):
// two asks that set the same field interact by construction, the later one winning in the full set.
import Decimal from "@/lib/engine/decimal";
import type { ContractTerms, LedgerResult } from "@/lib/engine/ledger/types";
import { EngineInputError } from "@/lib/engine/errors";
import { HUNDRED } from "@/lib/engine/money";

/** An engine input error met while costing the asks: `ask` is the ask whose terms failed (its index),
 *  "all" for the terms with every ask, null for the vendor's own terms. */
export class AskInputError extends EngineInputError {
  override name = "AskInputError";
  constructor(
    readonly cause: EngineInputError,
    readonly ask: number | "all" | null,
  ) {
    super(cause.message, cause.at);
  }
}

export interface Ask {
  id: string;
  name: string;
  /** clause fields this ask replaces in the vendor's terms */
  clauses: Partial<ContractTerms>;
}

/** Who at the vendor can grant a concession of a given size (share of the vendor's total). */
export type AuthorityLevel = "none" | "accountExecutive" | "dealDesk" | "vp" | "beyondVp" | "unknown";

/** Upper bounds (inclusive, % of the vendor's total) of each level's discount authority. */
export const AUTHORITY_LIMITS: readonly { level: AuthorityLevel; upToPct: number | null }[] = [
  { level: "accountExecutive", upToPct: 7 },
  { level: "dealDesk", upToPct: 15 },
  { level: "vp", upToPct: 25 },
  { level: "beyondVp", upToPct: null },
];

export function authorityFor(saving: Decimal | null, vendorTotal: Decimal | null): { level: AuthorityLevel; pctOfVendorTotal: Decimal | null } {
  if (saving === null || vendorTotal === null) return { level: "unknown", pctOfVendorTotal: null };
  if (vendorTotal.lte(0)) return { level: saving.gt(0) ? "beyondVp" : "none", pctOfVendorTotal: null };
  const pct = saving.div(vendorTotal).mul(HUNDRED);
  if (saving.lte(0)) return { level: "none", pctOfVendorTotal: pct };
  const found = AUTHORITY_LIMITS.find((l) => l.upToPct === null || pct.lte(l.upToPct));
  return { level: found?.level ?? "beyondVp", pctOfVendorTotal: pct };
}

/** A demand path at a percentile, with a way to cost any terms on it. */
export interface ValuationPoint {
  pct: number;
  path: number;
  evaluate(terms: ContractTerms): LedgerResult;
}

export interface AskValue {
  id: string;
  name: string;
  /** 1 = most valuable (add-alone saving at the first percentile, then the next, then id) */
  rank: number;
  /** vendor cost − cost of vendor terms + this ask, per percentile */
  addAlone: { pct: number; saving: Decimal | null }[];
  /** cost of every ask but this one − cost of every ask, per percentile */
  removeAlone: { pct: number; saving: Decimal | null }[];
  /** authority needed for the ask's own add-alone saving: at the percentile where that saving is the
   *  largest share of the vendor's cost to serve */
  authority: AuthorityLevel;
  savingPctOfVendorTotal: Decimal | null;
  /** the percentile the authority is read at */
  authorityAtPct: number | null;
}

export interface AskValuation {
  rule: string;
  points: {
    pct: number;
    path: number;
    /** cost to serve under the vendor's terms, and with every ask */
    vendorCost: Decimal | null;
    allAsksCost: Decimal | null;
    /** vendor cost − cost with every ask */
    totalSaving: Decimal | null;
    sumAddAlone: Decimal | null;
    sumRemoveAlone: Decimal | null;
    /** Σ add-alone − total saving: 0 when the asks do not interact */
    interaction: Decimal | null;
    /** Σ remove-alone − total saving: 0 when the asks do not interact */
    removeInteraction: Decimal | null;
    /** total saving − Σ add-alone and total saving − Σ remove-alone: the line that makes each
     *  column of an asks table add up to the package (negative when asks overlap) */
    overlapAlone: Decimal | null;
    overlapRemove: Decimal | null;
    packageAuthority: AuthorityLevel;
  }[];
  asks: AskValue[];
}

export const ASK_RULE =
  "Each ask is costed on the demand paths at the stated percentiles of the vendor terms' cost to serve, in the exact ledger; every cost is the cost to serve the path's whole demand (billed + the cost of demand left unserved), so an ask never saves by pausing agents. " +
  "Add-alone = vendor cost − cost(vendor + ask); remove-alone = cost(all asks − ask) − cost(all asks). " +
  "When asks do not interact, Σ add-alone = Σ remove-alone = vendor cost − cost(all asks); the difference is reported as interaction. " +
  "Authority: the ask's own add-alone saving as a share of the vendor's cost to serve, at the percentile where that share is largest; account executive up to 7 %, deal desk up to 15 %, VP up to 25 %, beyond VP above.";

const sub = (a: Decimal | null, b: Decimal | null) => (a === null || b === null ? null : a.sub(b));
const sum = (xs: (Decimal | null)[]) => xs.reduce<Decimal | null>((s, x) => (s === null || x === null ? null : s.add(x)), new Decimal(0));

function apply(vendor: ContractTerms, asks: readonly Ask[]): ContractTerms {
  return asks.reduce<ContractTerms>((t, a) => ({ ...t, ...a.clauses }), vendor);
}

export function valueAsks(vendor: ContractTerms, asks: readonly Ask[], points: readonly ValuationPoint[]): AskValuation {
  const cost = (p: ValuationPoint, terms: ContractTerms, blame: number | "all" | null) => {
    try {
      return p.evaluate(terms).summary.costToServe;
    } catch (e) {
      if (e instanceof EngineInputError) throw new AskInputError(e, blame);
      throw e;
    }
  };
  const perPoint = points.map((p) => {
    const vendorCost = cost(p, vendor, null);
    const allCost = cost(p, apply(vendor, asks), "all");
    const add = asks.map((a, j) => sub(vendorCost, cost(p, apply(vendor, [a]), j)));
    const remove = asks.map((a) => sub(cost(p, apply(vendor, asks.filter((x) => x !== a)), "all"), allCost));
    const totalSaving = sub(vendorCost, allCost);
    const sumAdd = sum(add);
    return {
      summary: {
        pct: p.pct,
        path: p.path,
        vendorCost,
        allAsksCost: allCost,
        totalSaving,
        sumAddAlone: sumAdd,
        sumRemoveAlone: sum(remove),
        interaction: sub(sumAdd, totalSaving),
        removeInteraction: sub(sum(remove), totalSaving),
        overlapAlone: sub(totalSaving, sumAdd),
        overlapRemove: sub(totalSaving, sum(remove)),
        packageAuthority: authorityFor(totalSaving, vendorCost).level,
      },
      add,
      remove,
    };
  });
  const values = asks.map((a, j) => {
    // The level the ask's own saving needs, where that saving is the largest share of the deal.
    let auth: ReturnType<typeof authorityFor> = { level: "unknown", pctOfVendorTotal: null };
    let at: number | null = null;
    for (const p of perPoint) {
      const here = authorityFor(p.add[j] ?? null, p.summary.vendorCost);
      if (at === null || (here.pctOfVendorTotal !== null && (auth.pctOfVendorTotal === null || here.pctOfVendorTotal.gt(auth.pctOfVendorTotal)))) {
        auth = here;
        at = p.summary.pct;
      }
    }
    return {
      id: a.id,
      name: a.name,
      rank: 0,
      addAlone: perPoint.map((p) => ({ pct: p.summary.pct, saving: p.add[j] ?? null })),
      removeAlone: perPoint.map((p) => ({ pct: p.summary.pct, saving: p.remove[j] ?? null })),
      authority: auth.level,
      savingPctOfVendorTotal: auth.pctOfVendorTotal === null ? null : auth.pctOfVendorTotal.toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
      authorityAtPct: at,
    };
  });
  const key = (v: AskValue) => v.addAlone.map((x) => x.saving);
  const ranked = [...values].sort((x, y) => {
    const a = key(x);
    const b = key(y);
    for (let k = 0; k < a.length; k++) {
      const p = a[k] ?? null;
      const q = b[k] ?? null;
      if (p === null && q === null) continue;
      if (p === null) return 1;
      if (q === null) return -1;
      const c = q.cmp(p);
      if (c !== 0) return c;
    }
    return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  });
  ranked.forEach((v, i) => (v.rank = i + 1));
  return { rule: ASK_RULE, points: perPoint.map((p) => p.summary), asks: ranked };
}
