// The renewal term as the engine sees it: the contract's document moved to start on the renewal
// date. The brief (lib/brief/document.ts) and the scenario builder (lib/services/scenarios/evaluate.ts)
// price a horizon that starts later through these two functions, so both read the same renewal term.
import { addDays, addMonths, daysBetween } from "@/lib/engine/calendar";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import type { ContractBundle } from "./model";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every date in a clause set (pack purchases and expiries, allotment from/until, headcount changes) moved by `shift`. */
function shiftDates<T>(value: T, shift: (d: string) => string): T {
  if (typeof value === "string") return (ISO_DATE.test(value) ? shift(value) : value) as T;
  if (Array.isArray(value)) return value.map((v) => shiftDates(v, shift)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftDates(v, shift)])) as T;
  return value;
}

/** The horizon's first day when it is not the contract's term start; null otherwise. */
export function laterStart(bundle: ContractBundle, startsOn: string | null | undefined): string | null {
  return startsOn && startsOn !== bundle.contract.termStart ? startsOn : null;
}

/**
 * The bundle as a horizon starting on `startsOn` sees it. For a renewal term the clauses are the
 * current ones moved to the new term: every date in them (a pack bought at the start of the term, an
 * allotment until its end, a headcount change) moves by the distance from the term start to the
 * renewal date, whole months when both fall on the same day of the month.
 */
export function bundleForHorizon(bundle: ContractBundle, startsOn: string | null | undefined): ContractBundle {
  const later = laterStart(bundle, startsOn);
  if (!later) return bundle;
  const from = bundle.contract.termStart;
  const months = (Number(later.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(later.slice(5, 7)) - Number(from.slice(5, 7));
  const shift = later.slice(8) === from.slice(8) ? (d: string) => addMonths(d, months) : (d: string) => addDays(d, daysBetween(from, later));
  return {
    ...bundle,
    contract: { ...bundle.contract, clauses: shiftDates(bundle.contract.clauses, shift), perUser: shiftDates(bundle.contract.perUser, shift) },
    scenarios: bundle.scenarios.map((sc) => {
      const d = sc.doc as { clauses?: unknown; perUser?: unknown };
      return { ...sc, doc: { ...sc.doc, ...(d.clauses ? { clauses: shiftDates(d.clauses, shift) } : {}), ...(d.perUser ? { perUser: shiftDates(d.perUser, shift) } : {}) } as typeof sc.doc };
    }),
  };
}

/**
 * A document built from bundleForHorizon's bundle, on the term that starts on `later`: its own
 * contract years, and the estate past its ramp (drivers counted from go-live, the current term's
 * start, unless they name a start of their own).
 */
export function documentOnLaterTerm(doc: ModelDocumentInput, goLive: string, later: string): ModelDocumentInput {
  const withStart = <D extends { units?: unknown; start?: string }>(d: D): D => (d.start ? d : { ...d, start: goLive });
  return {
    ...doc,
    term: { ...doc.term, start: later },
    contract: { ...(doc.contract ?? {}), termStart: later },
    ...(doc.drivers ? { drivers: withStart(doc.drivers) } : {}),
    scenarios: doc.scenarios.map((sc) => {
      const d = sc.demand?.drivers as { units?: unknown; start?: string } | undefined;
      return d?.units && !doc.drivers ? { ...sc, demand: { ...sc.demand, drivers: withStart(d) as never } } : sc;
    }),
  };
}
