// A contract's terms as the FOCUS 1.3 Contract Commitment dataset: one row per commitment and
// commitment period. Built from the terms as written (allotments, packs, fixed lines), in exact
// decimals, without running the engine: what was agreed (or is asked for), not what it will cost.
//
// Which FOCUS column holds what:
// - ContractId: the contract's id in the workbench; every set of terms of one contract shares it.
// - ContractCommitmentId: contract id / terms set / commitment / period start, unique and stable
//   across exports (the same commitment exported twice has the same id).
// - ContractCommitmentCategory: "Spend" when the commitment is money (an allocation fee, a pack or a
//   subscription price), "Usage" when it is credits only (a complimentary allotment, a pack without
//   its own price).
// - ContractCommitmentCost (in BillingCurrency) / ContractCommitmentQuantity + ContractCommitmentUnit
//   ("Credits"): whichever the terms state; both when both are written.
// - ContractCommitmentPeriodStart/End, ContractPeriodStart/End: FOCUS date/times (UTC, end exclusive).
// - x_ContractCommitmentLifecycleStatus: FOCUS 1.4's ContractCommitmentLifecycleStatus, carried in a
//   custom column until 1.4: "Proposed" for a saved scenario's terms (modelled asks, no legal effect),
//   else "Pending", "Active" or "Expired" by the period's dates against the day of the export.
// - x_TermsName: "Current contract" or the scenario's name.
// - x_Clause: the clause the row comes from, as written in the terms (JSON: {"allotment": …},
//   {"pack": …} or {"fixedLine": …}), so that the file reads back as the same terms
//   (lib/import/commitment-terms.ts): FOCUS has no columns for rollover, priorities or anchors.
import Decimal from "decimal.js";
import type { ClausesJson, FixedLineJson } from "@/lib/db/schema/json";
import { cycleKey, cycleStart } from "@/lib/engine/calendar";
import { minorUnits } from "@/lib/engine/money";
import { fixedLinesCost } from "../forecast/fixed-lines";

export const COMMITMENT_CSV_COLUMNS = [
  "ContractId",
  "ContractCommitmentId",
  "ContractCommitmentCategory",
  "ContractCommitmentType",
  "ContractCommitmentDescription",
  "ContractCommitmentCost",
  "ContractCommitmentQuantity",
  "ContractCommitmentUnit",
  "BillingCurrency",
  "ContractCommitmentPeriodStart",
  "ContractCommitmentPeriodEnd",
  "ContractPeriodStart",
  "ContractPeriodEnd",
  "x_ContractCommitmentLifecycleStatus",
  "x_TermsName",
  "x_Clause",
] as const;

export type CommitmentRow = Record<(typeof COMMITMENT_CSV_COLUMNS)[number], string>;

export type LifecycleStatus = "Proposed" | "Pending" | "Active" | "Expired";

export interface TermsSet {
  /** "current", or "scenario:<id>" */
  key: string;
  name: string;
  proposed: boolean;
  clauses: ClausesJson;
}

export interface CommitmentInput {
  contractId: string;
  currency: string;
  termStart: string;
  /** exclusive */
  termEnd: string;
  fixedLines: FixedLineJson[];
  sets: TermsSet[];
  /** the day of the export (lifecycle status of current terms) */
  today: string;
}

const focusDate = (d: string) => `${d}T00:00:00Z`;
const plain = (v: string | number) => new Decimal(v).toFixed();
const CADENCE_WORD = { month: "a month", quarter: "a quarter", year: "a year", term: "for the term" } as const;

type Allotment = NonNullable<ClausesJson["allotments"]>[number];

/** The periods of an allotment within the term: its cycles, clipped to the term and to its own from/until. */
function allotmentPeriods(a: Allotment, termStart: string, termEnd: string, anchorStart: string): { start: string; end: string }[] {
  const from = a.from && a.from > termStart ? a.from : termStart;
  const until = a.until && a.until < termEnd ? a.until : termEnd;
  if (from >= until) return [];
  if (a.cadence === "term") return [{ start: from, end: until }];
  const anchor = a.anchor ?? "anniversary";
  const out: { start: string; end: string }[] = [];
  for (let key = cycleKey(from, a.cadence, anchor, anchorStart); ; key++) {
    const start = cycleStart(key, a.cadence, anchor, anchorStart);
    if (start >= until) break;
    const end = cycleStart(key + 1, a.cadence, anchor, anchorStart);
    out.push({ start: start < from ? from : start, end: end > until ? until : end });
  }
  return out;
}

/** Credits granted at the start of a period: the written size; per head, the headcount in effect then. */
function allotmentCredits(a: Allotment, periodStart: string): Decimal | null {
  const size = a.size;
  if (size.kind === "fixed") return new Decimal(size.credits);
  if (size.kind === "perHead") {
    const changes = [...size.headcount].sort((x, y) => x.from.localeCompare(y.from));
    const inEffect = changes.filter((c) => c.from <= periodStart).pop() ?? changes[0]!;
    return new Decimal(size.creditsPerHead).times(inEffect.headcount);
  }
  // fromAmount: the credits depend on the price the contract applies (the engine's business).
  return null;
}

function rolloverText(a: Allotment): string {
  const r = a.rollover;
  if (!r) return "unused credits lapse at the end of each period";
  const expiry = r.expiresAfterCycles ? `, expiring after ${r.expiresAfterCycles} period${r.expiresAfterCycles === 1 ? "" : "s"}` : "";
  const cap = r.cap ? (r.cap.kind === "credits" ? `, at most ${plain(r.cap.credits)} credits` : `, at most ${plain(r.cap.pct)}% of the grant`) : "";
  return `${plain(r.sharePct)}% of unused credits roll over${expiry}${cap}`;
}

function statusOf(set: TermsSet, start: string, end: string, today: string): LifecycleStatus {
  if (set.proposed) return "Proposed";
  if (today < start) return "Pending";
  if (today >= end) return "Expired";
  return "Active";
}

export function commitmentRows(input: CommitmentInput): CommitmentRow[] {
  const { contractId, currency, termStart, termEnd, today } = input;
  const money = (v: Decimal.Value) => new Decimal(v).toFixed(minorUnits(currency));
  const fixed = fixedLinesCost(input.fixedLines, termStart, termEnd, currency);
  const rows: CommitmentRow[] = [];
  for (const set of input.sets) {
    const row = (
      id: string,
      p: { start: string; end: string },
      f: { category: "Spend" | "Usage"; type: string; description: string; cost: string | null; credits: Decimal | null; clause: Record<string, unknown> },
    ) =>
      rows.push({
        ContractId: contractId,
        ContractCommitmentId: `${contractId}/${set.key}/${id}/${p.start}`,
        ContractCommitmentCategory: f.category,
        ContractCommitmentType: f.type,
        ContractCommitmentDescription: f.description,
        ContractCommitmentCost: f.cost ?? "",
        ContractCommitmentQuantity: f.credits ? f.credits.toFixed() : "",
        ContractCommitmentUnit: f.credits ? "Credits" : "",
        BillingCurrency: currency,
        ContractCommitmentPeriodStart: focusDate(p.start),
        ContractCommitmentPeriodEnd: focusDate(p.end),
        ContractPeriodStart: focusDate(termStart),
        ContractPeriodEnd: focusDate(termEnd),
        x_ContractCommitmentLifecycleStatus: statusOf(set, p.start, p.end, today),
        x_TermsName: set.name,
        x_Clause: JSON.stringify(f.clause),
      });

    const anchorStart = set.clauses.termStart ?? termStart;
    const rp = set.clauses.ratePolicy;
    const atPrice = rp?.kind === "pinned" && rp.pricePerCredit !== undefined ? `at the pinned ${plain(rp.pricePerCredit)} ${currency} a credit` : "at the contract's credit price";
    for (const a of set.clauses.allotments ?? []) {
      const fee = a.feePerCycle !== undefined ? new Decimal(a.feePerCycle) : a.size.kind === "fromAmount" ? new Decimal(a.size.amount) : null;
      const complimentary = a.kind === "complimentary";
      for (const p of allotmentPeriods(a, termStart, termEnd, anchorStart)) {
        const credits = allotmentCredits(a, p.start);
        const what =
          credits !== null ? `${credits.toFixed()} credits ${CADENCE_WORD[a.cadence]}` : `credits bought with ${money(fee ?? 0)} ${currency} ${CADENCE_WORD[a.cadence]} ${atPrice}`;
        row(`allotment:${a.id}`, p, {
          category: fee !== null && fee.gt(0) ? "Spend" : "Usage",
          type: complimentary ? "Complimentary credit allotment" : "Credit allocation",
          description: `${a.id}: ${what}${fee !== null && a.size.kind !== "fromAmount" ? ` for ${money(fee)} ${currency}` : ""}; ${rolloverText(a)}`,
          cost: fee !== null ? money(fee) : null,
          credits,
          clause: { allotment: a },
        });
      }
    }
    for (const pack of set.clauses.packs ?? []) {
      const end = pack.expiresOn && pack.expiresOn < termEnd ? pack.expiresOn : termEnd;
      const price = pack.price !== undefined ? money(pack.price) : null;
      row(`pack:${pack.id}`, { start: pack.purchaseDate, end }, {
        category: price !== null && new Decimal(price).gt(0) ? "Spend" : "Usage",
        type: "Credit pack purchase",
        description: `${pack.id}: ${plain(pack.credits)} credits bought ${pack.purchaseDate}${price !== null ? ` for ${price} ${currency}` : ` ${atPrice}`}${pack.expiresOn ? `, expiring ${pack.expiresOn}` : ""}`,
        cost: price,
        credits: new Decimal(pack.credits),
        clause: { pack },
      });
    }
    fixed.lines.forEach((l, i) => {
      const per = l.per === "term" ? "for the term" : `a ${l.per}`;
      row(`fixed:${i + 1}`, { start: termStart, end: termEnd }, {
        category: "Spend",
        type: "Subscription",
        description: `${l.description}: ${plain(l.quantity)} × ${plain(l.unitPrice)} ${currency} ${per}`,
        cost: l.total,
        credits: null,
        clause: { fixedLine: input.fixedLines[i]! },
      });
    });
  }
  return rows;
}
