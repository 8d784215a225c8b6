// What a brief's tables show, decided once for the screen and every export: columns with their
// meaning, rows of cells with their text (formatted by lib/brief/format.ts) and, for spreadsheets,
// the raw figure. Renderers draw these tables; they do not choose columns, labels or totals.
import { count, day, money, NO_EXHAUSTION, percent, ROLE_LABELS, wholeCount } from "./format";
import type { Authority, BriefContent, BriefScenario, UnservedAt } from "./types";

export type CellKind = "text" | "money" | "count" | "percent" | "date";

export interface PresentedCell {
  text: string;
  /** the figure behind the text, for a spreadsheet cell: a decimal string, a 0–100 share, an ISO date */
  value?: string | number | null;
  kind?: CellKind;
  /** "alert": demand left unserved; "muted": a figure not to negotiate on */
  tone?: "alert" | "muted";
  /** an authority level, drawn as a badge where the format can */
  authority?: Authority;
}

export interface PresentedColumn {
  key: string;
  label: string;
  align: "left" | "right";
  /** holds words that may wrap (figures never do) */
  wrap?: boolean;
  /** what the column means, printed under the table */
  meaning?: string;
}

export interface PresentedRow {
  key: string;
  cells: PresentedCell[];
  /** a sum or total line */
  total?: boolean;
  /** a row to act on first (the notice deadline), set in bold */
  strong?: boolean;
  /** a sentence under the row's name */
  note?: string;
}

export interface PresentedTable {
  title: string;
  /** the column that names a row (its header cell; row notes go under it) */
  nameColumn: number;
  columns: PresentedColumn[];
  rows: PresentedRow[];
  /** sentences under the table (column meanings, footnotes) */
  notes: string[];
}

const textCell = (text: string | null | undefined): PresentedCell => ({ text: text ?? "—", kind: "text", value: text ?? null });
const moneyCell = (value: string | null | undefined, currency: string, tone?: PresentedCell["tone"]): PresentedCell => ({ text: money(value, currency), value: value ?? null, kind: "money", ...(tone ? { tone } : {}) });

function unservedCell(u: UnservedAt | null | undefined, currency: string): PresentedCell {
  if (!u) return { text: "—", value: null, kind: "count" };
  if (!/[1-9]/.test(u.credits)) return { text: "none", value: "none", kind: "text" };
  const text = `${wholeCount(u.actions)} actions, ${money(u.cost, currency)}`;
  return { text, value: text, kind: "text", tone: "alert" };
}

function runsOutCell(s: BriefScenario): PresentedCell {
  const when = s.exhaustionDate ? day(s.exhaustionDate) : NO_EXHAUSTION;
  const text = s.exhaustionProbabilityPct === null ? when : `${when}; ${percent(s.exhaustionProbabilityPct)} of paths`;
  return { text, value: text, kind: "text" };
}

/** The scenarios compared: one row per scenario, on the same demand per percentile column. */
export function scenarioTable(content: BriefContent): PresentedTable {
  const cur = content.currency;
  const v2 = content.schemaVersion >= 2;
  const columns: PresentedColumn[] = [
    { key: "scenario", label: "Scenario", align: "left", wrap: true },
    ...(v2
      ? [
          { key: "p10", label: "Cost to serve P10", align: "right" as const, meaning: "P10, P50, P90: the demand paths at those ranks of the vendor's cost to serve; every scenario is read on the same paths, so the figures of one column differ only by their terms. Cost to serve: what the terms bill plus what the demand they leave unserved would cost." },
          { key: "p50", label: "Cost to serve P50", align: "right" as const },
          { key: "p90", label: "Cost to serve P90", align: "right" as const },
          { key: "billedP50", label: "Billed P50", align: "right" as const, meaning: "Billed: what the terms invoice on that path, without the unserved demand." },
          { key: "unservedP50", label: "Unserved P50", align: "right" as const, wrap: true, meaning: "Unserved: actions the terms leave undone on that path (a ceiling, a capped overage awaiting pre-approval, a pause) and what serving them would cost; that cost is in the cost to serve, never a saving." },
          { key: "unservedP90", label: "Unserved P90", align: "right" as const, wrap: true },
          { key: "likely", label: "Likely drivers", align: "right" as const, meaning: "Likely drivers: the cost to serve with every driver at its likely value, shown when it lies inside the P10–P90 band." },
        ]
      : [
          { key: "likely", label: "Likely drivers", align: "right" as const },
          { key: "p10", label: "P10", align: "right" as const },
          { key: "p50", label: "P50", align: "right" as const },
          { key: "p90", label: "P90", align: "right" as const },
          { key: "unserved", label: "Unserved (credits)", align: "right" as const },
        ]),
    { key: "overage", label: "Overage P50", align: "right" },
    { key: "runsOut", label: "Credits run out", align: "right", wrap: true, meaning: "Credits run out: the day on the likely drivers, and the share of simulated paths on which the balance runs out within the horizon." },
  ];
  const notes: string[] = columns.flatMap((c) => (c.meaning ? [c.meaning] : []));
  const rows = content.scenarios.map((s: BriefScenario): PresentedRow => {
    const likely = s.likely;
    if (likely?.note) notes.push(`${s.name}: ${likely.note}`);
    const figures: PresentedCell[] = v2
      ? [
          moneyCell(s.cost.p10, cur),
          moneyCell(s.cost.p50, cur),
          moneyCell(s.cost.p90, cur),
          moneyCell(s.billed?.p50, cur),
          unservedCell(s.unserved?.p50, cur),
          unservedCell(s.unserved?.p90, cur),
          likely?.inBand ? moneyCell(likely.costToServe, cur) : { text: "outside band", value: "outside band", kind: "text", tone: "muted" },
        ]
      : [
          moneyCell(s.totalCost, cur),
          moneyCell(s.cost.p10, cur),
          moneyCell(s.cost.p50, cur),
          moneyCell(s.cost.p90, cur),
          { text: count(s.unservedCredits), value: s.unservedCredits, kind: "count", ...(/[1-9]/.test(s.unservedCredits) ? { tone: "alert" as const } : {}) },
        ];
    const note = [`${ROLE_LABELS[s.role]}.`, s.description, s.priceUnpinned ? "Some money figure is unknown: the rate card gives no price for it." : null].filter(Boolean).join(" ");
    return {
      key: `${s.role}-${s.id}`,
      cells: [
        textCell(s.name),
        ...figures,
        moneyCell(s.overageP50, cur),
        runsOutCell(s),
      ],
      note,
    };
  });
  if (!v2) notes.push("This brief was computed before unserved demand was priced: its costs are what the terms bill, and demand left unserved is not in them.");
  return { title: sectionTitle("scenarios"), nameColumn: 0, columns, rows, notes };
}

/** The asks, ranked, with lines that make every column add up to the package saving. */
export function asksTable(content: BriefContent): PresentedTable {
  const cur = content.currency;
  const pkg = content.asksPackage;
  const sums = pkg?.sums;
  const columns: PresentedColumn[] = [
    { key: "rank", label: "#", align: "right" },
    { key: "ask", label: "Ask", align: "left", wrap: true },
    { key: "aloneP50", label: "Saves alone P50", align: "right" },
    { key: "aloneP90", label: "Saves alone P90", align: "right" },
    { key: "dropP50", label: "Lost if dropped P50", align: "right" },
    ...(sums ? [{ key: "dropP90", label: "Lost if dropped P90", align: "right" as const }] : []),
    { key: "authority", label: "Authority", align: "left", wrap: true },
  ];
  const rows: PresentedRow[] = [...content.asks]
    .sort((a, b) => a.rank - b.rank)
    .map((a) => {
      const share = a.authorityShare;
      const authority = share?.sharePct != null && share.pct !== null && a.authority !== "none" && a.authority !== "unknown" ? `${a.authorityLabel} · ${percent(share.sharePct)} of the vendor's P${share.pct}` : a.authorityLabel;
      return {
        key: a.id,
        cells: [
          { text: String(a.rank), value: a.rank, kind: "count" },
          textCell(a.name),
          moneyCell(a.savingP50, cur),
          moneyCell(a.savingP90, cur),
          moneyCell(a.removeAloneP50, cur),
          ...(sums ? [moneyCell(a.removeAloneP90, cur)] : []),
          { ...textCell(authority), authority: a.authority },
        ],
        note: [a.clause, a.justification].filter(Boolean).join(" "),
      };
    });
  if (pkg && sums && content.asks.length > 1) {
    rows.push({
      key: "sum",
      total: true,
      cells: [textCell(""), textCell("Sum of the asks one by one"), moneyCell(sums.aloneP50, cur), moneyCell(sums.aloneP90, cur), moneyCell(sums.removeP50, cur), moneyCell(sums.removeP90, cur), textCell("")],
    });
    rows.push({
      key: "overlap",
      cells: [textCell(""), textCell("Overlap between asks"), moneyCell(sums.overlapAloneP50, cur), moneyCell(sums.overlapAloneP90, cur), moneyCell(sums.overlapRemoveP50, cur), moneyCell(sums.overlapRemoveP90, cur), textCell("")],
    });
  }
  if (pkg) {
    rows.push({
      key: "package",
      total: true,
      cells: [
        textCell(""),
        textCell("All asks together"),
        moneyCell(pkg.savingP50, cur),
        moneyCell(pkg.savingP90, cur),
        ...(sums ? [moneyCell(pkg.savingP50, cur), moneyCell(pkg.savingP90, cur)] : [textCell("")]),
        { ...textCell(pkg.authorityLabel), authority: pkg.authority },
      ],
    });
  }
  const notes = pkg?.columns
    ? pkg.columns.map((c) => `${c.label}: ${c.meaning}`).concat(sums && content.asks.length > 1 ? ["Each money column adds up: the sum of the asks one by one plus the overlap is what all asks save together."] : [])
    : ["Saving: what the ask alone saves against the vendor's terms. Lost if dropped: what the package loses at P50 without it."];
  if (content.audience === "vendorSafe") {
    // a vendor-safe brief never says who at the vendor can grant what
    const at = columns.findIndex((c) => c.key === "authority");
    return {
      title: sectionTitle("asks"),
      nameColumn: 1,
      columns: columns.filter((_, i) => i !== at),
      rows: rows.map((r) => ({ ...r, cells: r.cells.filter((_, i) => i !== at) })),
      notes: notes.filter((n) => !n.startsWith("Authority:")),
    };
  }
  return { title: sectionTitle("asks"), nameColumn: 1, columns, rows, notes };
}

const PERIOD_WORDS: Record<BriefContent["inputs"]["granularity"], [string, string]> = {
  month: ["month", "months"],
  week: ["week", "weeks"],
  year: ["year", "years"],
};

const dateCell = (iso: string | null | undefined, none = "—"): PresentedCell => (iso ? { text: day(iso), value: iso, kind: "date" } : { text: none, value: null, kind: "text" });
const countCell = (n: number, text = count(n)): PresentedCell => ({ text, value: n, kind: "count" });

/** What the brief was computed from: one row per input, in the order every format lists them. */
export function inputsTable(content: BriefContent): PresentedTable {
  const i = content.inputs;
  const [one, many] = PERIOD_WORDS[i.granularity];
  const rows: PresentedRow[] = [
    { key: "rateCard", cells: [textCell("Rate card version"), textCell(`${i.rateCardVersion.label} (effective ${day(i.rateCardVersion.effectiveFrom)})`)] },
    { key: "burnThrough", cells: [textCell("Observed burn through"), dateCell(i.burnThrough, "No observed burn")] },
    ...(i.partialPeriod
      ? [{ key: "partial", cells: [textCell("Left out, not yet complete"), textCell(`${day(i.partialPeriod.start)} – ${day(i.partialPeriod.through)}`)] }]
      : []),
    { key: "horizon", cells: [textCell("Horizon"), textCell(`${count(i.horizonPeriods)} ${i.horizonPeriods === 1 ? one : many}, ${day(i.horizonStart)} – ${day(i.horizonEnd)}`)] },
    { key: "paths", cells: [textCell("Simulated paths"), countCell(i.paths)] },
    { key: "seed", cells: [textCell("Random seed"), countCell(i.seed, String(i.seed))] },
    { key: "currency", cells: [textCell("Currency"), textCell(content.currency)] },
    ...i.scenarios.map((s): PresentedRow => ({ key: `scenario-${s.role}`, cells: [textCell(ROLE_LABELS[s.role]), textCell(s.name)] })),
  ];
  return { title: "Inputs", nameColumn: 0, columns: [{ key: "input", label: "Input", align: "left" }, { key: "value", label: "Value", align: "left", wrap: true }], rows, notes: [] };
}

/** The assumptions the brief rests on, as the engine and the builder recorded them. */
export function assumptionsTable(content: BriefContent): PresentedTable {
  return {
    title: "Assumptions",
    nameColumn: 0,
    columns: [{ key: "assumption", label: "Assumption", align: "left", wrap: true }, { key: "value", label: "Value", align: "left", wrap: true }],
    rows: content.assumptions.map((a, n): PresentedRow => ({ key: `assumption-${n}`, cells: [textCell(a.label), textCell(a.value)] })),
    notes: [],
  };
}

/** The dates that bound the negotiation, in date order; the notice deadline is the one to act on. */
export function timelineTable(content: BriefContent): PresentedTable {
  const events = [...content.timeline].sort((a, b) => a.date.localeCompare(b.date));
  return {
    title: sectionTitle("timeline"),
    nameColumn: 1,
    columns: [{ key: "date", label: "Date", align: "left" }, { key: "event", label: "Event", align: "left", wrap: true }],
    rows: events.map((e, n): PresentedRow => ({ key: `${e.kind}-${n}`, cells: [dateCell(e.date), textCell(e.label)], ...(e.kind === "notice" ? { strong: true } : {}) })),
    notes: [],
  };
}

/**
 * A brief's sections in their order, with the headings the screen, the PDF and the Markdown give
 * them (the deck has slides of its own, the workbook a sheet per table). A vendor-safe brief leaves
 * out the walk-away and the risks.
 */
export const BRIEF_SECTIONS = [
  { key: "summary", id: "brief-summary", title: "Executive summary" },
  { key: "position", id: "brief-position", title: "Current position" },
  { key: "forecast", id: "brief-forecast", title: "Forecast" },
  { key: "scenarios", id: "brief-scenarios", title: "Scenarios" },
  { key: "asks", id: "brief-asks", title: "Asks ranked by value" },
  { key: "walkAway", id: "brief-walk-away", title: "Walk-away" },
  { key: "risks", id: "brief-risks", title: "Risks found in burn" },
  { key: "timeline", id: "brief-timeline", title: "Timeline" },
  { key: "inputs", id: "brief-inputs", title: "Inputs and assumptions" },
  { key: "ledger", id: "brief-ledger", title: "Ledger" },
] as const;

export type BriefSectionKey = (typeof BRIEF_SECTIONS)[number]["key"];

/** The heading of a section, the same in every format. */
export function sectionTitle(key: BriefSectionKey): string {
  return BRIEF_SECTIONS.find((s) => s.key === key)!.title;
}

/** The periods a risk was found in, as every human-read format writes them: "1 Oct 2026", or
 *  "1 Apr 2026 – 1 Oct 2026" for a run of periods (first and last); "—" when none. */
export function riskPeriods(periods: readonly string[]): string {
  const at = (p: string) => (/^\d{4}-\d{2}-\d{2}$/.test(p) ? day(p) : p);
  const first = periods[0];
  const last = periods[periods.length - 1];
  return !first || !last ? "—" : first === last ? at(first) : `${at(first)} – ${at(last)}`;
}

/** A two-column table's rows as label and value texts (a definition list, a key–value block). */
export function pairsOf(t: PresentedTable): [string, string][] {
  return t.rows.map((r) => [r.cells[0]?.text ?? "", r.cells[1]?.text ?? ""]);
}
