// The brief as a workbook: every figure as a real number cell (money in the brief's currency,
// credits as whole counts) and every date as a real date cell, with number formats that make the
// cell read as lib/brief/format.ts prints it on screen (money() keeps the cents as stored: a
// figure with more than two decimals gets a format with as many decimals). Sentences are text.
//
// Numbers: the engine's decimal strings become doubles. Amounts carry at most two decimals (a few
// rates more), far inside a double's 15–17 significant digits, so the stored number prints back
// exactly as the string.
import ExcelJS from "exceljs";

import { currencySymbol, ROLE_LABELS, AT_STAKE_LABEL } from "@/lib/brief/format";
import { asksTable, assumptionsTable, inputsTable, scenarioTable, timelineTable, type PresentedCell, type PresentedTable } from "@/lib/brief/present";
import type { BriefContent, CostPercentiles, ScenarioRole } from "@/lib/brief/types";

type Worksheet = ExcelJS.Worksheet;
type Row = ExcelJS.Row;

/** A cell to write: a value with the number format it needs, if any. */
interface Out {
  value: string | number | Date | null;
  numFmt?: string;
  wrap?: boolean;
  bold?: boolean;
}

const DATE_FMT = "yyyy-mm-dd";
/** A font without a name falls back to a serif face in some readers: always name it. */
const BOLD: Partial<ExcelJS.Font> = { name: "Calibri", size: 11, bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EDF3" } };
const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF6F8FA" } };

/** Decimals a decimal string shows once formatted: trailing zeros dropped, `min` at least. */
function decimalsOf(value: string, min: number): number {
  const frac = value.split(".")[1] ?? "";
  return Math.max(min, frac.replace(/0+$/, "").length);
}

function parse(value: string): number | null {
  const n = Number(value);
  return value.trim() !== "" && Number.isFinite(n) ? n : null;
}

class Cells {
  private readonly moneyPrefix: string;

  constructor(currency: string) {
    // Quoted so that a multi-letter code ("CHF ") is a literal, not a format token.
    this.moneyPrefix = `"${currencySymbol(currency).replace(/"/g, "")}"`;
  }

  /** Money: "$"#,##0.00, with more decimals when the figure has them (as money() prints it). */
  money(value: string | null | undefined): Out {
    if (value === null || value === undefined) return { value: null };
    const n = parse(value);
    if (n === null) return { value };
    const decimals = decimalsOf(value, 2);
    return { value: n, numFmt: `${this.moneyPrefix}#,##0.${"0".repeat(decimals)}` };
  }

  /** Credits and other counts: #,##0, decimals kept when present (as count() prints them). */
  count(value: string | number | null | undefined): Out {
    if (value === null || value === undefined || value === "") return { value: null };
    const s = String(value);
    const n = parse(s);
    if (n === null) return { value: s };
    const decimals = decimalsOf(s, 0);
    return { value: n, numFmt: decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0" };
  }

  /** A percentage given as 0–100: one decimal at most, as percent() prints it ("12.5%", "60%"). */
  percent(value: string | number | null | undefined): Out {
    if (value === null || value === undefined) return { value: null };
    const n = Number(value);
    if (!Number.isFinite(n)) return { value: String(value) };
    const rounded = Math.round(n * 10) / 10;
    return { value: n, numFmt: Number.isInteger(rounded) ? '0"%"' : '0.0"%"' };
  }

  /** An ISO yyyy-mm-dd day as a date cell at UTC midnight. */
  date(iso: string | null | undefined): Out {
    if (!iso) return { value: null };
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return { value: iso };
    return { value: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), numFmt: DATE_FMT };
  }

  text(value: string | null | undefined, wrap = false): Out {
    return { value: value ?? null, wrap };
  }

  int(value: number | null | undefined, numFmt = "0"): Out {
    return value === null || value === undefined ? { value: null } : { value, numFmt };
  }
}

function put(row: Row, col: number, out: Out): void {
  const c = row.getCell(col);
  c.value = out.value;
  if (out.numFmt) c.numFmt = out.numFmt;
  c.alignment = out.wrap ? { wrapText: true, vertical: "top" } : { vertical: "top" };
  if (out.bold) c.font = BOLD;
}

function addRow(ws: Worksheet, cells: (Out | string | null)[]): Row {
  const row = ws.addRow([]);
  cells.forEach((cell, i) => {
    if (cell === null) return;
    put(row, i + 1, typeof cell === "string" ? { value: cell } : cell);
  });
  return row;
}

function styleHeader(row: Row): void {
  row.font = BOLD;
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { vertical: "middle", wrapText: true };
    c.border = { bottom: { style: "thin", color: { argb: "FFB8C2CF" } } };
  });
}

function styleTotal(row: Row): void {
  row.font = BOLD;
  row.eachCell((c) => {
    c.fill = TOTAL_FILL;
    c.border = { top: { style: "thin", color: { argb: "FF5F6B7A" } } };
  });
}

/** A sheet whose first row is a bold, frozen header, with the given column widths. */
function tableSheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; width: number }[]): Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
  });
  columns.forEach((col, i) => {
    ws.getColumn(i + 1).width = col.width;
  });
  styleHeader(addRow(ws, columns.map((c) => c.header)));
  return ws;
}

/** Rough row height (points) for wrapped text in a column of `width` characters. */
function wrappedHeight(text: string | null | undefined, width: number): number {
  if (!text) return 15;
  const lines = text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil((line.length * 1.1) / Math.max(1, width - 1))), 0);
  return Math.max(15, lines * 15);
}

const FORBIDDEN = /[\\/?*[\]:]/g;

/** An Excel sheet name: no \ / ? * [ ] :, at most 31 characters, no quote at either end, unique. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(FORBIDDEN, "-")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 31)
      .replace(/^'+|'+$/g, "")
      .trim() || "Sheet";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i += 1) {
    const suffix = ` (${i})`;
    name = `${base.slice(0, 31 - suffix.length).replace(/'+$/, "")}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

function percentiles(cells: Cells, cost: CostPercentiles | null): Out[] {
  return [cells.money(cost?.p10), cells.money(cost?.p50), cells.money(cost?.p90)];
}

// ---------------------------------------------------------------------------------------------

function summarySheet(wb: ExcelJS.Workbook, content: BriefContent, cells: Cells): void {
  const { summary } = content;
  const ws = tableSheet(wb, "Summary", [
    { header: "Cost over the horizon", width: 34 },
    { header: "P10", width: 20 },
    { header: "P50", width: 20 },
    { header: "P90", width: 20 },
  ]);
  const roles: [ScenarioRole, CostPercentiles | null][] = [
    ["vendor", summary.vendor],
    ["asks", summary.asks],
    ["walkAway", summary.walkAway],
  ];
  for (const [role, cost] of roles) if (role !== "walkAway" || content.audience !== "vendorSafe") addRow(ws, [ROLE_LABELS[role], ...percentiles(cells, cost)]);
  addRow(ws, [{ value: `${AT_STAKE_LABEL} (vendor − asks)`, bold: true }, null, { ...cells.money(summary.atStakeP50), bold: true }, { ...cells.money(summary.atStakeP90), bold: true }]);
  addRow(ws, []);

  // Sentences across B:D, wrapped.
  const textWidth = 60;
  const sentence = (label: string, text: string, bold = false) => {
    const row = addRow(ws, [{ value: label, bold: true }, { ...cells.text(text, true), bold }]);
    ws.mergeCells(row.number, 2, row.number, 4);
    row.height = wrappedHeight(text, textWidth);
  };
  sentence("Recommendation", summary.recommendation, true);
  summary.points.forEach((point, i) => sentence(`Point ${i + 1}`, point));
  addRow(ws, []);

  const facts: [string, Out][] = [
    ["Title", cells.text(content.title)],
    ["Vendor", cells.text(content.vendor)],
    ["Contract", cells.text(content.contractName)],
    ["Currency", cells.text(content.currency)],
    ["Brief version", cells.int(content.version)],
    ["Prepared on", cells.date(content.preparedOn)],
    ["Prepared by", cells.text(content.preparedBy)],
    ...(content.signOffs?.length ? content.signOffs.map((s, i): [string, Out] => [i === 0 ? "Signed off by" : "", cells.text(`${s.name}, ${s.signedAt.slice(0, 10)}${s.note ? `: ${s.note}` : ""}`)]) : []),
  ];
  for (const [label, out] of facts) addRow(ws, [{ value: label, bold: true }, { ...out, wrap: false }]);
}

function positionSheet(wb: ExcelJS.Workbook, content: BriefContent, cells: Cells, name: string): void {
  const position = content.position;
  if (!position) return;
  const observed = position.quantity === "credits" ? "Observed burn (credits)" : "Observed spend";
  const ws = tableSheet(wb, name, [
    { header: "Period", width: 22 },
    { header: "Start", width: 14 },
    { header: observed, width: 24 },
  ]);
  for (const point of position.observed) {
    addRow(ws, [point.label, cells.date(point.start), position.quantity === "credits" ? cells.count(point.value) : cells.money(point.value)]);
  }
  addRow(ws, []);
  const facts: [string, Out][] = [
    ["As of", cells.date(position.asOf)],
    ["Balance at the end of the last period (credits)", cells.count(position.balanceCredits)],
    ["Runs out on (observed rate)", cells.date(position.exhaustionDate)],
    ["Trend", cells.text(position.trend)],
    ["Runway", cells.text(position.runway)],
  ];
  for (const [label, out] of facts) {
    const row = addRow(ws, [{ value: label, bold: true }, out]);
    if (typeof out.value === "string") {
      ws.mergeCells(row.number, 2, row.number, 3);
      row.getCell(2).alignment = { wrapText: true, vertical: "top" };
      row.height = wrappedHeight(out.value, 38);
    }
  }
}

function forecastSheet(wb: ExcelJS.Workbook, content: BriefContent, cells: Cells): void {
  const roles: ScenarioRole[] = ["vendor", "asks"];
  if (content.forecast.points.some((p) => p.walkAway)) roles.push("walkAway");
  const ws = tableSheet(wb, "Forecast", [
    { header: "Period", width: 14 },
    { header: "Start", width: 12 },
    ...roles.flatMap((role) => (["P10", "P50", "P90"] as const).map((q) => ({ header: `${ROLE_LABELS[role]} ${q} (cumulative)`, width: 18 }))),
  ]);
  ws.getRow(1).height = 32;
  for (const point of content.forecast.points) {
    addRow(ws, [point.label, cells.date(point.start), ...roles.flatMap((role) => percentiles(cells, role === "walkAway" ? point.walkAway : point[role]))]);
  }
}

/** A cell of lib/brief/present.ts as a spreadsheet cell: a figure as a number with its format, a date as a date. */
function outOf(c: PresentedCell, cells: Cells): Out | null {
  switch (c.kind) {
    case "money":
      return cells.money(c.value === undefined ? null : (c.value as string | null));
    case "count":
      return typeof c.value === "number" ? cells.int(c.value) : cells.count(c.value ?? null);
    case "percent":
      return cells.percent(c.value ?? null);
    case "date":
      return c.value ? cells.date(String(c.value)) : cells.text(c.text);
    default:
      return cells.text(c.text === "" ? null : c.text, true);
  }
}

/** A table of lib/brief/present.ts as a sheet: figures as numbers with formats, row notes in a last column. */
function presentedSheet(wb: ExcelJS.Workbook, name: string, t: PresentedTable, cells: Cells): void {
  const hasNotes = t.rows.some((r) => r.note);
  const ws = tableSheet(wb, name, [
    ...t.columns.map((c) => ({ header: c.label, width: c.align === "right" ? 18 : c.key === "rank" ? 6 : 30 })),
    ...(hasNotes ? [{ header: "Notes", width: 60 }] : []),
  ]);
  ws.getRow(1).height = 32;
  for (const r of t.rows) {
    const row = addRow(ws, [
      ...r.cells.map((c) => outOf(c, cells)),
      ...(hasNotes ? [cells.text(r.note ?? null, true)] : []),
    ]);
    if (r.total) styleTotal(row);
    row.height = Math.max(wrappedHeight(r.note, 60), ...r.cells.map((c) => wrappedHeight(c.text, 30)));
  }
  if (t.notes.length > 0) {
    ws.addRow([]);
    for (const n of t.notes) put(ws.addRow([]), 1, cells.text(n));
  }
}

function scenariosSheet(wb: ExcelJS.Workbook, content: BriefContent, cells: Cells): void {
  presentedSheet(wb, "Scenarios", scenarioTable(content), cells);
}

function asksSheet(wb: ExcelJS.Workbook, content: BriefContent, cells: Cells): void {
  presentedSheet(wb, "Asks", asksTable(content), cells);
}

function walkAwaySheet(wb: ExcelJS.Workbook, content: BriefContent, cells: Cells): void {
  const { walkAway } = content;
  const ws = tableSheet(wb, "Walk-away", [
    { header: "Walk-away", width: 40 },
    { header: "Value", width: 20 },
    { header: "", width: 20 },
    { header: "", width: 20 },
  ]);
  const sentence = (label: string, text: string) => {
    const row = addRow(ws, [{ value: label, bold: true }, cells.text(text, true)]);
    ws.mergeCells(row.number, 2, row.number, 4);
    row.height = wrappedHeight(text, 60);
  };
  sentence("Walk away", walkAway.sentence);
  addRow(ws, [{ value: "Scenario", bold: true }, cells.text(walkAway.scenarioName)]);
  addRow(ws, [{ value: "", bold: true }, { value: "P10", bold: true }, { value: "P50", bold: true }, { value: "P90", bold: true }]);
  addRow(ws, [{ value: "Cost of the walk-away scenario", bold: true }, ...percentiles(cells, walkAway.cost)]);
  addRow(ws, [{ value: "Credit packs at list instead", bold: true }, ...percentiles(cells, walkAway.packsAtList)]);
  const per = walkAway.perUser;
  if (per) {
    addRow(ws, []);
    addRow(ws, [{ value: "Users", bold: true }, cells.count(per.users)]);
    addRow(ws, [{ value: "Price per user per month", bold: true }, cells.money(per.pricePerUserPerMonth)]);
    addRow(ws, [{ value: "Per-user total cost", bold: true }, cells.money(per.totalCost)]);
    addRow(ws, [{ value: "List price per action", bold: true }, cells.money(per.listPricePerAction)]);
    addRow(ws, [{ value: "Break-even actions per user per month", bold: true }, cells.count(per.breakEvenActionsPerUserPerMonth)]);
    sentence("Per-user pricing", per.sentence);
  }
}

function risksSheet(wb: ExcelJS.Workbook, content: BriefContent, cells: Cells): void {
  const ws = tableSheet(wb, "Risks", [
    { header: "Kind", width: 14 },
    { header: "Risk", width: 28 },
    { header: "Agent", width: 22 },
    { header: "Periods", width: 24 },
    { header: "Credits", width: 14 },
    { header: "Amount at list", width: 16 },
    { header: "What it means", width: 70 },
  ]);
  for (const risk of content.risks) {
    const row = addRow(ws, [
      risk.kind,
      cells.text(risk.title, true),
      cells.text(risk.agent, true),
      cells.text(risk.periods.join(", "), true),
      cells.count(risk.credits),
      cells.money(risk.amount),
      cells.text(risk.sentence, true),
    ]);
    row.height = Math.max(wrappedHeight(risk.sentence, 70), wrappedHeight(risk.periods.join(", "), 24));
  }
}

function timelineSheet(wb: ExcelJS.Workbook, content: BriefContent, cells: Cells): void {
  const ws = tableSheet(wb, "Timeline", [
    { header: "Date", width: 14 },
    { header: "Event", width: 48 },
  ]);
  for (const r of timelineTable(content).rows) {
    const row = addRow(ws, r.cells.map((c) => outOf(c, cells)));
    if (r.strong) row.font = { bold: true };
  }
}

/** The assumptions, then the inputs, as every format lists them. */
function assumptionsSheet(wb: ExcelJS.Workbook, content: BriefContent, cells: Cells): void {
  const ws = tableSheet(wb, "Assumptions", [
    { header: "Assumption", width: 40 },
    { header: "Value", width: 80 },
  ]);
  for (const r of assumptionsTable(content).rows) {
    const row = addRow(ws, r.cells.map((c) => outOf(c, cells)));
    row.height = Math.max(...r.cells.map((c, i) => wrappedHeight(c.text, i === 0 ? 40 : 80)));
  }
  addRow(ws, []);
  styleHeader(addRow(ws, ["Input", "Value"]));
  for (const r of inputsTable(content).rows) {
    const row = addRow(ws, r.cells.map((c) => outOf(c, cells)));
    row.getCell(2).alignment = { horizontal: "left", vertical: "top" };
  }
}

const LEDGER_COLUMNS = [
  { header: "Period", width: 14 },
  { header: "Start", width: 12 },
  { header: "Demand (credits)", width: 16 },
  { header: "Granted (credits)", width: 16 },
  { header: "Purchased (credits)", width: 16 },
  { header: "Drawn (credits)", width: 16 },
  { header: "Overage (credits)", width: 16 },
  { header: "Unserved (credits)", width: 16 },
  { header: "Closing balance (credits)", width: 18 },
  { header: "Cost", width: 16 },
  { header: "Cumulative cost", width: 18 },
];

function ledgerSheets(wb: ExcelJS.Workbook, content: BriefContent, cells: Cells, taken: Set<string>): void {
  for (const ledger of content.ledgers) {
    const ws = tableSheet(wb, sheetName(`Ledger – ${ROLE_LABELS[ledger.role]}`, taken), LEDGER_COLUMNS);
    ws.getRow(1).height = 32;
    for (const line of ledger.lines) {
      addRow(ws, [
        line.label,
        cells.date(line.start),
        cells.count(line.demandCredits),
        cells.count(line.grantedCredits),
        cells.count(line.purchasedCredits),
        cells.count(line.drawnCredits),
        cells.count(line.overageCredits),
        cells.count(line.unservedCredits),
        cells.count(line.closingCredits),
        cells.money(line.cost),
        cells.money(line.cumulativeCost),
      ]);
    }
    // The engine's totals, as stored (not re-added here).
    const { totals } = ledger;
    styleTotal(
      addRow(ws, [
        "Total",
        null,
        cells.count(totals.demandCredits),
        null,
        null,
        null,
        cells.count(totals.overageCredits),
        cells.count(totals.unservedCredits),
        null,
        cells.money(totals.cost),
        null,
      ]),
    );
    if (ledger.lines.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: ledger.lines.length + 1, column: LEDGER_COLUMNS.length } };
    addRow(ws, []);
    addRow(ws, [{ value: "Scenario", bold: true }, null, cells.text(ledger.scenarioName)]);
  }
}

/** The brief as an Excel workbook. */
export async function renderBriefXlsx(content: BriefContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = content.preparedBy ?? "FlexCredit Workbench";
  wb.title = content.title;
  wb.subject = `${content.vendor} · ${content.contractName}`;
  // A fixed timestamp keeps the file a function of the content: the day the version was made.
  const prepared = new Date(`${content.preparedOn}T00:00:00Z`);
  if (!Number.isNaN(prepared.getTime())) {
    wb.created = prepared;
    wb.modified = prepared;
  }

  const cells = new Cells(content.currency);
  const taken = new Set(["summary", "position", "forecast", "scenarios", "asks", "walk-away", "risks", "timeline", "assumptions"]);
  summarySheet(wb, content, cells);
  positionSheet(wb, content, cells, "Position");
  forecastSheet(wb, content, cells);
  scenariosSheet(wb, content, cells);
  asksSheet(wb, content, cells);
  if (content.audience !== "vendorSafe") {
    walkAwaySheet(wb, content, cells);
    risksSheet(wb, content, cells);
  }
  timelineSheet(wb, content, cells);
  assumptionsSheet(wb, content, cells);
  ledgerSheets(wb, content, cells, taken);

  const out = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}
