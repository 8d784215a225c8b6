// A FOCUS 1.3 Contract Commitment dataset read back as a contract's credit terms: allotments,
// packs and fixed lines, per set of terms in the file (the current contract, each proposed
// scenario; in a provider's file, each contract).
//
// Our own export writes each commitment's clause as written in the custom column x_Clause (JSON),
// so it reads back exactly: rollover, priorities, anchors, per-head sizes. A file without that
// column (another tool's, a provider's) is read from the FOCUS columns alone:
// - a commitment in credits (ContractCommitmentUnit "Credits") whose type names a pack is a pack
//   bought at the period's start, expiring at its end when that is before the contract's end;
// - other commitments in credits are allotments: rows of one commitment (same description,
//   quantity and cost) in back-to-back periods of a month, a quarter or a year are one recurring
//   allotment of that cadence; an allocation when it costs money, complimentary when it does not;
// - money without credits (a subscription) is a fixed line for its period;
// - anything else (instance-hours, a spend goal in dollars) is not a credit term and is left out,
//   and the notes say so. FOCUS has no column for rollover or draw order: none is read.
import Papa from "papaparse";
import { vendorKey } from "@/lib/import/profiles";
import { slugify } from "@/lib/slug";
import { dateProblem, isNullText } from "@/lib/import/bounds";
import { addMonths, cycleKey, cycleStart, daysBetween, isIsoDate } from "@/lib/engine/calendar";

export interface ImportedFixedLine {
  description: string;
  quantity: string;
  unitPrice: string;
  per: "month" | "year" | "term";
}

export interface CommitmentTermsSet {
  /** x_TermsName, or "Contract <ContractId>" in a file without it */
  name: string;
  /** x_ContractCommitmentLifecycleStatus of its rows ("Proposed", "Active", …), null when absent */
  status: string | null;
  contractId: string | null;
  currency: string | null;
  contractPeriod: { start: string; end: string } | null;
  allotments: Record<string, unknown>[];
  packs: Record<string, unknown>[];
  fixedLines: ImportedFixedLine[];
  /** true when read from x_Clause (exact), false when from the FOCUS columns alone */
  exact: boolean;
  /** what was left out or guessed, in plain words */
  notes: string[];
}

export class CommitmentFileError extends Error {}

interface Row {
  line: number;
  id: string;
  category: string | null;
  type: string | null;
  description: string | null;
  cost: string | null;
  quantity: string | null;
  unit: string | null;
  currency: string | null;
  start: string;
  end: string;
  contractId: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  status: string | null;
  termsName: string | null;
  clause: string | null;
}

/** The columns a Contract Commitment file must have, by their normalised key. */
const REQUIRED = { contractcommitmentid: "ContractCommitmentId", contractcommitmentperiodstart: "ContractCommitmentPeriodStart", contractcommitmentperiodend: "ContractCommitmentPeriodEnd" } as const;
const NON_NEGATIVE_DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/** A FOCUS date/time ("2026-01-01T00:00:00Z", "2026-01-01") as its calendar day, or null (not a date, or outside the import's years). */
function dayOf(v: string | null): string | null {
  const day = v ? /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(v.trim())?.[1] : undefined;
  return day && isIsoDate(day) && dateProblem(day) === null ? day : null;
}

function readRows(text: string): Row[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const [header, ...body] = parsed.data;
  if (!header) throw new CommitmentFileError("The file is empty.");
  const keys = header.map(vendorKey);
  const missing = Object.entries(REQUIRED).filter(([k]) => !keys.includes(k));
  if (missing.length) throw new CommitmentFileError(`This is not a FOCUS Contract Commitment dataset: it has no ${missing.map(([, name]) => name).join(", ")} column.`);
  const col = (key: string) => keys.indexOf(key);
  const idx = {
    id: col("contractcommitmentid"),
    category: col("contractcommitmentcategory"),
    type: col("contractcommitmenttype"),
    description: col("contractcommitmentdescription"),
    cost: col("contractcommitmentcost"),
    quantity: col("contractcommitmentquantity"),
    unit: col("contractcommitmentunit"),
    currency: col("billingcurrency"),
    start: col("contractcommitmentperiodstart"),
    end: col("contractcommitmentperiodend"),
    contractId: col("contractid"),
    contractStart: col("contractperiodstart"),
    contractEnd: col("contractperiodend"),
    status: col("xcontractcommitmentlifecyclestatus"),
    termsName: col("xtermsname"),
    clause: col("xclause"),
  };
  const rows: Row[] = [];
  body.forEach((cells, i) => {
    const line = i + 2;
    const at = (k: keyof typeof idx): string | null => {
      const j = idx[k];
      if (j < 0) return null;
      const v = (cells[j] ?? "").trim();
      return v === "" || isNullText(v) ? null : v;
    };
    const id = at("id");
    if (!id) throw new CommitmentFileError(`Line ${line}: ContractCommitmentId is empty.`);
    const start = dayOf(at("start"));
    const end = dayOf(at("end"));
    if (!start || !end) throw new CommitmentFileError(`Line ${line} (${id}): ContractCommitmentPeriodStart and ContractCommitmentPeriodEnd must be dates, e.g. 2026-01-01T00:00:00Z.`);
    if (end <= start) throw new CommitmentFileError(`Line ${line} (${id}): the commitment period ends (${end}) before or when it starts (${start}).`);
    for (const k of ["cost", "quantity"] as const) {
      const v = at(k);
      if (v !== null && !NON_NEGATIVE_DECIMAL.test(v)) {
        throw new CommitmentFileError(`Line ${line} (${id}): ${k === "cost" ? "ContractCommitmentCost" : "ContractCommitmentQuantity"} "${v.slice(0, 40)}" is not a number of 0 or more.`);
      }
    }
    rows.push({
      line,
      id,
      category: at("category"),
      type: at("type"),
      description: at("description"),
      cost: at("cost"),
      quantity: at("quantity"),
      unit: at("unit"),
      currency: at("currency")?.toUpperCase() ?? null,
      start,
      end,
      contractId: at("contractId"),
      contractStart: dayOf(at("contractStart")),
      contractEnd: dayOf(at("contractEnd")),
      status: at("status"),
      termsName: at("termsName"),
      clause: at("clause"),
    });
  });
  if (!rows.length) throw new CommitmentFileError("The file has a header but no commitments.");
  return rows;
}

const isCredits = (unit: string | null) => unit !== null && /^credits?$/i.test(unit.trim());

const CADENCE_MONTHS = { month: 1, quarter: 3, year: 12 } as const;

/** The cadence whose one cycle is exactly this period (start + 1, 3 or 12 calendar months = end), or null. */
function cadenceOf(start: string, end: string): keyof typeof CADENCE_MONTHS | null {
  for (const [cadence, months] of Object.entries(CADENCE_MONTHS) as [keyof typeof CADENCE_MONTHS, number][]) if (addMonths(start, months) === end) return cadence;
  return null;
}

/** Whether a cycle of this cadence starting on this day is a calendar cycle (1 Jan, 1 Apr, the 1st), as the engine cuts them. */
function onCalendar(start: string, cadence: keyof typeof CADENCE_MONTHS): boolean {
  return cycleStart(cycleKey(start, cadence, "calendar", start), cadence, "calendar", start) === start;
}


/** x_Clause: {"allotment": {...}} | {"pack": {...}} | {"fixedLine": {...}} as our export writes it. */
function clauseOf(r: Row): { kind: "allotment" | "pack" | "fixedLine"; value: Record<string, unknown> } {
  let v: unknown;
  try {
    v = JSON.parse(r.clause!);
  } catch {
    throw new CommitmentFileError(`Line ${r.line} (${r.id}): x_Clause is not JSON.`);
  }
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    const entries = Object.entries(v);
    const [kind, value] = entries[0] ?? [];
    if (entries.length === 1 && (kind === "allotment" || kind === "pack" || kind === "fixedLine") && typeof value === "object" && value !== null && !Array.isArray(value)) {
      return { kind, value: value as Record<string, unknown> };
    }
  }
  throw new CommitmentFileError(`Line ${r.line} (${r.id}): x_Clause must hold one allotment, pack or fixedLine object.`);
}

function exactSet(rows: Row[], set: CommitmentTermsSet): void {
  const seen = new Set<string>();
  let without = 0;
  for (const r of rows) {
    if (!r.clause) {
      without++;
      continue;
    }
    const { kind, value } = clauseOf(r);
    // an allotment's clause is written on each of its periods' rows: read it once
    const key = kind === "fixedLine" ? `${kind}:${r.id}` : `${kind}:${String(value.id)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (kind === "allotment") set.allotments.push(value);
    else if (kind === "pack") set.packs.push(value);
    else set.fixedLines.push(value as unknown as ImportedFixedLine);
  }
  if (without) set.notes.push(`${without} row${without === 1 ? "" : "s"} without x_Clause left out.`);
}

function focusSet(rows: Row[], set: CommitmentTermsSet): void {
  const contractEnd = set.contractPeriod?.end ?? null;
  const contractStart = set.contractPeriod?.start ?? null;
  const ids = new Set<string>();
  const uniqueId = (base: string) => {
    const b = slugify(base, "commitment");
    let id = b;
    for (let n = 2; ids.has(id); n++) id = `${b}-${n}`;
    ids.add(id);
    return id;
  };
  const leftOut: string[] = [];
  // Allotment candidates grouped by what they commit to; consecutive equal periods chain.
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    if (isCredits(r.unit) && r.quantity !== null) {
      if (r.type && /pack/i.test(r.type)) {
        set.packs.push({
          id: uniqueId(r.description ?? r.id),
          credits: r.quantity,
          ...(r.cost !== null ? { price: r.cost } : {}),
          purchaseDate: r.start,
          ...(contractEnd === null || r.end < contractEnd ? { expiresOn: r.end } : {}),
        });
        continue;
      }
      const key = JSON.stringify([r.type, r.description, r.quantity, r.cost, r.category]);
      groups.set(key, [...(groups.get(key) ?? []), r]);
    } else if (r.quantity === null && r.cost !== null && (r.unit === null || r.unit.toUpperCase() === r.currency)) {
      const span = contractStart && contractEnd && r.start === contractStart && r.end === contractEnd ? "term" : cadenceOf(r.start, r.end);
      set.fixedLines.push({
        description: r.description ?? r.type ?? r.id,
        quantity: "1",
        unitPrice: r.cost,
        per: span === "month" || span === "year" ? span : "term",
      });
      if (span !== "term" && span !== "month" && span !== "year") set.notes.push(`${r.id}: a ${daysBetween(r.start, r.end)}-day subscription read as a fixed line for the term.`);
    } else {
      leftOut.push(`${r.id} (${r.quantity ?? r.cost ?? ""} ${r.unit ?? r.currency ?? ""}`.trim() + ")");
    }
  }
  for (const group of groups.values()) {
    group.sort((a, b) => a.start.localeCompare(b.start));
    // split into runs of back-to-back periods of one cadence
    const runs: Row[][] = [];
    for (const r of group) {
      const run = runs[runs.length - 1];
      const last = run?.[run.length - 1];
      const cadence = cadenceOf(r.start, r.end);
      if (run && last && last.end === r.start && cadence !== null && cadenceOf(last.start, last.end) === cadence) run.push(r);
      else runs.push([r]);
    }
    for (const run of runs) {
      const first = run[0]!;
      const last = run[run.length - 1]!;
      const cadence = run.length > 1 ? cadenceOf(first.start, first.end)! : "term";
      const paid = first.cost !== null && Number(first.cost) > 0;
      const kind = first.type && /complimentary/i.test(first.type) ? "complimentary" : paid ? "allocation" : "complimentary";
      set.allotments.push({
        id: uniqueId(first.description ?? first.id),
        kind,
        cadence,
        ...(cadence === "term" ? {} : { anchor: onCalendar(first.start, cadence) ? "calendar" : "anniversary" }),
        size: { kind: "fixed", credits: first.quantity },
        ...(first.cost !== null ? { feePerCycle: first.cost } : {}),
        ...(contractStart === null || first.start > contractStart ? { from: first.start } : {}),
        ...(contractEnd === null || last.end < contractEnd ? { until: last.end } : {}),
      });
    }
  }
  if (leftOut.length) set.notes.push(`Not credit terms, left out: ${leftOut.slice(0, 5).join("; ")}${leftOut.length > 5 ? `; and ${leftOut.length - 5} more` : ""}.`);
  if (set.allotments.length) set.notes.push("FOCUS has no column for rollover, priorities or draw order: the allotments read from this file have none.");
}

/** A set's lifecycle status: Proposed if any row is; else Active if any period is running; else Pending, else Expired. */
function statusOfSet(rows: Row[]): string | null {
  const statuses = new Set(rows.map((r) => r.status?.toLowerCase()).filter(Boolean));
  for (const s of ["Proposed", "Active", "Pending", "Expired"]) if (statuses.has(s.toLowerCase())) return s;
  return rows.find((r) => r.status)?.status ?? null;
}

/** Reads every set of terms in a Contract Commitment CSV. Throws CommitmentFileError naming the line at fault. */
export function termsFromCommitmentCsv(text: string): CommitmentTermsSet[] {
  const rows = readRows(text);
  const bySet = new Map<string, Row[]>();
  for (const r of rows) {
    const name = r.termsName ?? (r.contractId ? `Contract ${r.contractId}` : "Commitments");
    bySet.set(name, [...(bySet.get(name) ?? []), r]);
  }
  const sets: CommitmentTermsSet[] = [];
  for (const [name, setRows] of bySet) {
    const currencies = [...new Set(setRows.map((r) => r.currency).filter((c): c is string => c !== null))];
    if (currencies.length > 1) throw new CommitmentFileError(`"${name}" mixes billing currencies (${currencies.join(", ")}); one set of terms has one currency.`);
    const first = setRows[0]!;
    const set: CommitmentTermsSet = {
      name,
      status: statusOfSet(setRows),
      contractId: first.contractId,
      currency: currencies[0] ?? null,
      contractPeriod: first.contractStart && first.contractEnd ? { start: first.contractStart, end: first.contractEnd } : null,
      allotments: [],
      packs: [],
      fixedLines: [],
      exact: setRows.some((r) => r.clause !== null),
      notes: [],
    };
    if (set.exact) exactSet(setRows, set);
    else focusSet(setRows, set);
    sets.push(set);
  }
  return sets;
}
