// Entry points of the import parsing layer: preview a file (columns, sample rows, detected formats,
// FOCUS version, a suggested mapping) and parse it in full as a stream of row batches ending in a
// summary. No database here: the import service feeds the batches to COPY inside a transaction and
// commits only when the summary says the file is importable (all or nothing).
import type { Readable } from "node:stream";
import { z } from "zod";
import { badCharacter } from "@/lib/import/bounds";
import { commitmentDetection, commitmentRefusal } from "@/lib/import/commitments";
import { detectDateOrder, detectNumberFormat, isDateLike, type CellSample } from "@/lib/import/detect";
import { detectFocus, detectFocusDataset } from "@/lib/import/focus";
import { suggestMapping, usageMappingSchema, type ResolvedMapping, type UsageMapping } from "@/lib/import/mapping";
import { RowNormaliser, buildPlan, contentOf, type Formats, type IssueSink, type Plan } from "@/lib/import/normalise";
import { detectProfile } from "@/lib/import/profiles";
import { RowKeyer } from "@/lib/import/row-key";
import { openRecords, type ByteCounter, type RecordReader, type SourceRecord } from "@/lib/import/sources";
import { spansPeriods, spreadRow, type Granularity } from "@/lib/import/spread";
import { TotalsBuilder } from "@/lib/import/totals";
import type {
  DateFormatReport,
  FileFormat,
  FocusDataset,
  FocusDetection,
  ImportProgress,
  NumberFormatReport,
  ParseSummary,
  RowIssue,
  UsageRow,
} from "@/lib/import/types";
import { parseDecimalText, textOf, INVALID, type Cell } from "@/lib/import/values";

/** Rows examined before the date order and decimal separator are decided (preview and parse alike). */
export const DETECTION_ROWS = 10_000;

export interface ParseOptions {
  format: FileFormat;
  /** Needed unless the file is FOCUS; for FOCUS it may still fix formats or override columns. */
  mapping?: UsageMapping | null;
  /** Size of the file, for progress fractions. */
  totalBytes?: number | null;
  /** Rows per yielded batch (default 5,000). */
  batchSize?: number;
  /** Problems listed in the summary before the rest are only counted (default 1,000). */
  maxIssues?: number;
  /** XLSX worksheet name or 1-based position (default: the first). */
  sheet?: string | number;
  /** Called after every batch's worth of rows and once at the end, with done = true. */
  onProgress?: (progress: ImportProgress) => void;
  /** The contract's currency: rows billed in another are refused (default: the file's first). */
  expectedCurrency?: string | null;
  /** Periods a row spanning several is spread over by days (default: month). */
  granularity?: Granularity;
  /** Sum the rows by category, group and period into summary.totals (the preview and the CLI do). */
  totals?: boolean;
}

class Issues implements IssueSink {
  readonly errors: RowIssue[] = [];
  readonly warnings: RowIssue[] = [];
  errorCount = 0;
  warningCount = 0;
  badRows = 0;
  private lastBadRow = -1;

  constructor(private readonly max: number) {}

  error(row: number, column: string | null, value: string | null, message: string): void {
    this.errorCount++;
    if (row !== this.lastBadRow) {
      this.badRows++;
      this.lastBadRow = row;
    }
    if (this.errors.length < this.max) this.errors.push({ row, column, value, message });
  }

  warning(row: number, column: string | null, value: string | null, message: string): void {
    this.warningCount++;
    if (this.warnings.length < this.max) this.warnings.push({ row, column, value, message });
  }
}

/** What every reading of a file starts with: the header, the plan and the format decisions. */
interface Opening {
  reader: RecordReader;
  headers: string[];
  headerRow: number;
  focus: FocusDetection | null;
  dataset: FocusDataset | null;
  vendor: { id: string; name: string } | null;
  mapping: ResolvedMapping | null;
  /** The plan, or why there is none. */
  plan: Plan | string;
  /** Data records read ahead for detection, blank ones included. */
  ahead: SourceRecord[];
  /** True when `ahead` holds the rest of the file. */
  exhausted: boolean;
  dates: DateFormatReport;
  numbers: NumberFormatReport;
}

type OpenResult = { ok: true; opening: Opening } | { ok: false; fileError: string; reader: RecordReader | null };

function readError(format: FileFormat, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return `the file could not be read as ${format === "csv" ? "CSV" : "an XLSX workbook"}: ${message}`;
}

async function openFile(input: Readable, options: ParseOptions, counter: ByteCounter, aheadRows: number): Promise<OpenResult> {
  let mapping: ResolvedMapping | null = null;
  if (options.mapping) {
    const parsed = usageMappingSchema.safeParse(options.mapping);
    if (!parsed.success) {
      input.destroy();
      return { ok: false, fileError: `the column mapping is invalid: ${z.prettifyError(parsed.error)}`, reader: null };
    }
    mapping = parsed.data;
  }

  const reader = openRecords(input, options.format, counter, { sheet: options.sheet });
  const ahead: SourceRecord[] = [];
  let header: SourceRecord | null = null;
  let exhausted = false;
  let dataRows = 0;
  try {
    for (;;) {
      const next = await reader.batches.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      for (const record of next.value) {
        if (header === null) {
          if (!RowNormaliser.isBlank(record.cells)) header = record;
          continue;
        }
        ahead.push(record);
        if (!RowNormaliser.isBlank(record.cells)) dataRows++;
      }
      if (header !== null && dataRows >= aheadRows) break;
    }
  } catch (e) {
    reader.close();
    return { ok: false, fileError: readError(options.format, e), reader };
  }
  if (header === null) {
    reader.close();
    return { ok: false, fileError: "the file is empty: no header row", reader };
  }

  const headers = header.cells.map((c) => textOf(c) ?? "");
  const bad = headers.find((h) => badCharacter(h) !== null);
  if (bad !== undefined) {
    reader.close();
    return { ok: false, fileError: "the header row holds control characters or bytes that are not UTF-8 text: the file is damaged, binary, or saved in another encoding (save it as CSV UTF-8)", reader };
  }
  const dataset = detectFocusDataset(headers);
  let focus = detectFocus(headers);
  let plan: Plan | string;
  let vendor: { id: string; name: string } | null = null;
  if (dataset === "ContractCommitment") {
    focus = commitmentDetection(headers);
    plan = commitmentRefusal(headers, ahead);
  } else {
    const hasColumns = Object.values(mapping?.columns ?? {}).some((c) => c !== undefined);
    const detected = !focus && !hasColumns ? detectProfile(headers) : null;
    if (detected && typeof detected.columns === "string") {
      vendor = { id: detected.profile.id, name: detected.profile.name };
      plan = `the file looks like a ${detected.profile.name}, but ${detected.columns}`;
    } else {
      if (detected && typeof detected.columns !== "string") vendor = { id: detected.profile.id, name: detected.profile.name };
      plan = buildPlan({
        headers,
        mapping,
        focus,
        vendor: detected && typeof detected.columns !== "string" ? { id: detected.profile.id, name: detected.profile.name, columns: detected.columns } : null,
      });
    }
  }
  const { dates, numbers } = decideFormats(typeof plan === "string" ? guessedColumns(headers, ahead) : plan, ahead, mapping, reader.delimiter());
  return {
    ok: true,
    opening: { reader, headers, headerRow: header.row, focus, dataset, vendor, mapping, plan, ahead, exhausted, dates, numbers },
  };
}

/** For a file that has no plan yet (preview without a mapping): columns that look like dates or numbers. */
function guessedColumns(headers: string[], ahead: SourceRecord[]): Pick<Plan, "dateColumns" | "numberColumns" | "datePairs"> {
  const profiles = profileColumns(headers, ahead);
  const ref = (p: ColumnProfile): { index: number; name: string } => ({ index: p.index, name: p.name });
  return {
    dateColumns: profiles.filter((p) => p.kind === "date").map(ref),
    numberColumns: profiles.filter((p) => p.kind === "number").map(ref),
    datePairs: [],
  };
}

function decideFormats(
  columns: Pick<Plan, "dateColumns" | "numberColumns" | "datePairs">,
  ahead: readonly SourceRecord[],
  mapping: ResolvedMapping | null,
  delimiter: string | null,
): { dates: DateFormatReport; numbers: NumberFormatReport } {
  const dateSamples: CellSample[] = [];
  const numberSamples: CellSample[] = [];
  const pairs: Array<readonly [Cell, Cell]> = [];
  for (const { row, cells } of ahead) {
    for (const ref of columns.dateColumns) dateSamples.push({ row, column: ref.name, value: cells[ref.index] ?? null });
    for (const ref of columns.numberColumns) numberSamples.push({ row, column: ref.name, value: cells[ref.index] ?? null });
    for (const [start, end] of columns.datePairs) pairs.push([cells[start.index] ?? null, cells[end.index] ?? null]);
  }

  const numberGiven = mapping && mapping.decimalSeparator !== "auto" ? mapping.decimalSeparator : null;
  let numbers = detectNumberFormat(numberSamples, delimiter === ";");
  if (numberGiven) numbers = { ...numbers, decimalSeparator: numberGiven, confidence: "given", reason: "set in the mapping" };

  const dateGiven = mapping && mapping.dateOrder !== "auto" ? mapping.dateOrder : null;
  let dates = detectDateOrder(dateSamples, pairs, delimiter === ";" || numbers.decimalSeparator === ",");
  if (dateGiven) dates = { ...dates, order: dateGiven, confidence: "given", reason: "set in the mapping" };
  return { dates, numbers };
}

function formatsOf(dates: DateFormatReport, numbers: NumberFormatReport): Formats {
  const shapes = dates.patterns.filter((p) => !p.startsWith("Excel"));
  const base = dates.order === "mdy" ? "M/D/YYYY" : dates.order === "dmy" ? "D/M/YYYY" : "YYYY-MM-DD";
  const hint = [...new Set([...(shapes.length > 0 ? shapes : [base]), "YYYY-MM-DD"])].join(" or ");
  return { dateOrder: dates.order, decimalSeparator: numbers.decimalSeparator, dateHint: hint };
}

function emptySummary(format: FileFormat, fileError: string | null): ParseSummary {
  return {
    importable: false,
    format,
    kind: null,
    focus: null,
    vendor: null,
    dataset: null,
    currency: null,
    spreadRowCount: 0,
    totals: null,
    headers: [],
    delimiter: null,
    sheetName: null,
    dates: null,
    numbers: null,
    rowCount: 0,
    validRowCount: 0,
    blankRowCount: 0,
    badRowCount: 0,
    errors: [],
    omittedErrorCount: 0,
    warnings: [],
    omittedWarningCount: 0,
    fileError,
  };
}

/**
 * Parses a whole file, yielding normalised rows in batches and returning the summary.
 *
 * Rows are yielded only while no bad row has been met: after the first one the import is void,
 * but reading goes on to the end so that the summary lists every bad row. The consumer must
 * still check `summary.importable` before committing.
 *
 * ```ts
 * const parse = parseUsageFile(stream, { format: "csv", totalBytes });
 * let step = await parse.next();
 * for (; !step.done; step = await parse.next()) await copy(step.value);
 * const summary = step.value;
 * ```
 */
export async function* parseUsageFile(input: Readable, options: ParseOptions): AsyncGenerator<UsageRow[], ParseSummary, undefined> {
  const counter: ByteCounter = { bytesRead: 0 };
  const batchSize = Math.max(1, options.batchSize ?? 5_000);
  const totalBytes = options.totalBytes ?? null;
  let rows = 0;
  const progress = (done: boolean): void => {
    if (!options.onProgress) return;
    const fraction = totalBytes ? Math.min(1, counter.bytesRead / totalBytes) : null;
    options.onProgress({ bytesRead: counter.bytesRead, totalBytes, fraction, rows, done });
  };

  const opened = await openFile(input, options, counter, DETECTION_ROWS);
  if (!opened.ok) {
    progress(true);
    return emptySummary(options.format, opened.fileError);
  }
  const { reader, headers, focus, plan, ahead, dates, numbers, dataset } = opened.opening;
  const summary: ParseSummary = {
    ...emptySummary(options.format, null),
    kind: typeof plan === "string" ? (focus ? "focus" : opened.opening.vendor ? "vendor" : null) : plan.kind,
    focus,
    vendor: opened.opening.vendor,
    dataset,
    headers,
    delimiter: reader.delimiter(),
    sheetName: reader.sheetName(),
    dates,
    numbers,
  };
  if (typeof plan === "string") {
    reader.close();
    progress(true);
    return { ...summary, fileError: plan };
  }

  const issues = new Issues(Math.max(0, options.maxIssues ?? 1_000));
  const normaliser = new RowNormaliser(plan, formatsOf(dates, numbers), issues, { expectedCurrency: options.expectedCurrency ?? null });
  const keyer = new RowKeyer();
  const granularity = options.granularity ?? "month";
  const totals = options.totals ? new TotalsBuilder(granularity) : null;
  let batch: UsageRow[] = [];
  let sinceProgress = 0;

  try {
    const take = (record: SourceRecord): void => {
      if (RowNormaliser.isBlank(record.cells)) {
        summary.blankRowCount++;
        return;
      }
      rows++;
      sinceProgress++;
      const row = normaliser.normalise(record);
      if (row === null) return;
      summary.validRowCount++;
      // Consumption is placed by its charge period: a row spanning several is spread by days.
      const spread = row.category === "usage" && row.periodEnd !== null && spansPeriods(row, granularity);
      if (spread) {
        summary.spreadRowCount++;
        if (summary.spreadRowCount <= 20) {
          issues.warning(record.row, null, null, `row ${record.row}: its period ${row.periodStart} to ${row.periodEnd} spans several ${granularity === "week" ? "weeks" : "months"}; spread over them by days`);
        }
      }
      // A void import needs no keys and no batches (the totals still count what was read).
      if (issues.errorCount > 0) {
        if (totals) for (const piece of spread ? spreadRow(row, granularity) : [row]) totals.add(piece);
        return;
      }
      row.rowKey = keyer.key(contentOf(row));
      if (spread) {
        for (const piece of spreadRow(row, granularity)) {
          totals?.add(piece);
          batch.push(piece);
        }
      } else {
        totals?.add(row);
        batch.push(row);
      }
    };
    const flush = function* (force: boolean): Generator<UsageRow[], void, undefined> {
      if (issues.errorCount > 0) batch = [];
      if (batch.length >= batchSize || (force && batch.length > 0)) {
        const out = batch;
        batch = [];
        yield out;
      }
    };

    for (const record of ahead) {
      take(record);
      if (batch.length >= batchSize) yield* flush(false);
      if (sinceProgress >= batchSize) {
        sinceProgress = 0;
        progress(false);
      }
    }
    // Let the read-ahead rows go: the generator lives as long as the whole file.
    ahead.length = 0;
    if (!opened.opening.exhausted) {
      for (;;) {
        const next = await reader.batches.next();
        if (next.done) break;
        for (const record of next.value) {
          take(record);
          if (batch.length >= batchSize) yield* flush(false);
        }
        if (sinceProgress >= batchSize) {
          sinceProgress = 0;
          progress(false);
        }
      }
    }
    yield* flush(true);
  } catch (e) {
    summary.fileError = readError(options.format, e);
  } finally {
    reader.close();
  }

  summary.rowCount = rows;
  summary.currency = normaliser.currency();
  summary.totals = totals?.result() ?? null;
  if (summary.spreadRowCount > 20) {
    issues.warning(0, null, null, `${summary.spreadRowCount} rows in all span several periods and were spread over them by days`);
  }
  summary.badRowCount = issues.badRows;
  summary.errors = issues.errors;
  summary.omittedErrorCount = issues.errorCount - issues.errors.length;
  summary.warnings = issues.warnings;
  summary.omittedWarningCount = issues.warningCount - issues.warnings.length;
  if (summary.fileError === null && rows === 0) summary.fileError = "the file has a header but no data rows";
  summary.importable = summary.fileError === null && issues.errorCount === 0;
  progress(true);
  return summary;
}

/** Whole-file convenience for small files and tests: every row in memory. */
export async function collectUsageFile(input: Readable, options: ParseOptions): Promise<{ rows: UsageRow[]; summary: ParseSummary }> {
  const rows: UsageRow[] = [];
  const parse = parseUsageFile(input, options);
  let step = await parse.next();
  for (; !step.done; step = await parse.next()) for (const r of step.value) rows.push(r);
  return { rows, summary: step.value };
}

// ---------------------------------------------------------------------------------------------
// Preview

export type ColumnKind = "date" | "number" | "text" | "empty" | "boolean";

export interface ColumnProfile {
  index: number;
  name: string;
  kind: ColumnKind;
  /**
   * What most (more than half) of the filled cells look like: a date column with one bad date is
   * still mostly dates, and is still offered as the usage date so that the bad row is reported.
   */
  mostly: ColumnKind;
  /** Non-empty cells among the sampled rows. */
  filled: number;
  /** A few distinct non-empty values, as text. */
  examples: string[];
}

export interface PreviewOptions {
  format: FileFormat;
  mapping?: UsageMapping | null;
  expectedCurrency?: string | null;
  /** Rows shown (default 20). */
  rows?: number;
  sheet?: string | number;
}

export interface ImportPreview {
  format: FileFormat;
  delimiter: string | null;
  sheetName: string | null;
  /** a recognised vendor export (read without a mapping) */
  vendor: { id: string; name: string } | null;
  dataset: FocusDataset | null;
  headers: string[];
  /** Spreadsheet row of the header (1 unless blank rows precede it). */
  headerRow: number;
  columns: ColumnProfile[];
  /** The first rows as text, as the spreadsheet shows them. */
  rows: Array<{ row: number; cells: Array<string | null> }>;
  focus: FocusDetection | null;
  dates: DateFormatReport;
  numbers: NumberFormatReport;
  /**
   * The mapping to confirm: the one given, else one guessed from the headers (FOCUS files need no
   * columns). The detected date order and decimal separator are filled in, so parsing with it
   * reads the file as this preview did.
   */
  mapping: UsageMapping;
  /** Why the file cannot be parsed with `mapping` as it stands, null when it can. */
  mappingProblem: string | null;
  /** The shown rows normalised with `mapping` (empty while mappingProblem is set). */
  normalised: UsageRow[];
  /** Problems in the shown rows. */
  issues: RowIssue[];
  /** Data rows read for the preview and the detection. */
  sampledRows: number;
  /** True when the sample is the whole file. */
  wholeFile: boolean;
  fileError: string | null;
}

/** Rows looked at to tell a column's kind: enough to see through the odd blank or "n/a". */
const PROFILE_ROWS = 2_000;

function profileColumns(headers: readonly string[], all: readonly SourceRecord[]): ColumnProfile[] {
  const records = all.length > PROFILE_ROWS ? all.slice(0, PROFILE_ROWS) : all;
  return headers.map((name, index) => {
    let filled = 0;
    let dates = 0;
    let numbers = 0;
    let booleans = 0;
    const examples = new Set<string>();
    for (const { cells } of records) {
      const cell = cells[index] ?? null;
      const text = textOf(cell);
      if (text === null) continue;
      filled++;
      if (examples.size < 5) examples.add(text.length > 60 ? `${text.slice(0, 57)}...` : text);
      if (typeof cell === "boolean" || /^(true|false|yes|no)$/i.test(text)) booleans++;
      else if (isDateLike(cell)) dates++;
      else if (typeof cell === "number" || (typeof cell === "string" && (parseDecimalText(cell, ".") !== INVALID || parseDecimalText(cell, ",") !== INVALID))) numbers++;
    }
    // Nine in ten: a column with the odd "n/a" is still a number column.
    const share = (part: number): ColumnKind =>
      filled === 0 ? "empty" : booleans >= filled * part ? "boolean" : dates >= filled * part ? "date" : numbers >= filled * part ? "number" : "text";
    const kind = share(0.9);
    const mostly = kind === "text" ? share(0.5 + Number.EPSILON) : kind;
    return { index, name, kind, mostly, filled, examples: [...examples] };
  });
}

/** Reads the head of a file (up to DETECTION_ROWS rows) and describes it; the stream is then released. */
export async function previewUsageFile(input: Readable, options: PreviewOptions): Promise<ImportPreview> {
  const shownRows = Math.max(0, options.rows ?? 20);
  const counter: ByteCounter = { bytesRead: 0 };
  const opened = await openFile(input, { format: options.format, mapping: options.mapping, sheet: options.sheet }, counter, DETECTION_ROWS);
  const unknownDates: DateFormatReport = { order: "ymd", patterns: [], confidence: "assumed", reason: "nothing read" };
  const unknownNumbers: NumberFormatReport = {
    decimalSeparator: ".",
    thousandsSeparator: null,
    currencySymbols: [],
    confidence: "assumed",
    reason: "nothing read",
  };
  if (!opened.ok) {
    return {
      format: options.format,
      delimiter: opened.reader?.delimiter() ?? null,
      sheetName: opened.reader?.sheetName() ?? null,
      vendor: null,
      dataset: null,
      headers: [],
      headerRow: 0,
      columns: [],
      rows: [],
      focus: null,
      dates: unknownDates,
      numbers: unknownNumbers,
      mapping: options.mapping ?? { columns: {} },
      mappingProblem: null,
      normalised: [],
      issues: [],
      sampledRows: 0,
      wholeFile: false,
      fileError: opened.fileError,
    };
  }
  const { reader, headers, headerRow, focus, ahead, exhausted, dataset, vendor } = opened.opening;
  reader.close();

  const data = ahead.filter((r) => !RowNormaliser.isBlank(r.cells));
  const shown = data.slice(0, shownRows);
  const columns = profileColumns(headers, data);

  // Without a mapping, guess one and decide the formats on the columns it names.
  let mapping: UsageMapping;
  let plan = opened.opening.plan;
  let { dates, numbers } = opened.opening;
  if (options.mapping) {
    mapping = options.mapping;
  } else if (focus || vendor || dataset) {
    mapping = { columns: {} };
  } else {
    mapping = { columns: suggestMapping(headers, columns) };
    const resolved = usageMappingSchema.parse(mapping);
    plan = buildPlan({ headers, mapping: resolved, focus });
    if (typeof plan !== "string") ({ dates, numbers } = decideFormats(plan, ahead, resolved, opened.opening.reader.delimiter()));
  }
  mapping = {
    ...mapping,
    dateOrder: mapping.dateOrder && mapping.dateOrder !== "auto" ? mapping.dateOrder : dates.order,
    decimalSeparator: mapping.decimalSeparator && mapping.decimalSeparator !== "auto" ? mapping.decimalSeparator : numbers.decimalSeparator,
  };

  const normalised: UsageRow[] = [];
  const issues = new Issues(1_000);
  if (typeof plan !== "string") {
    const normaliser = new RowNormaliser(plan, formatsOf(dates, numbers), issues, { expectedCurrency: options.expectedCurrency ?? null });
    const keyer = new RowKeyer();
    for (const record of shown) {
      const row = normaliser.normalise(record);
      if (row) {
        row.rowKey = keyer.key(contentOf(row));
        normalised.push(row);
      }
    }
  }

  return {
    format: options.format,
    delimiter: reader.delimiter(),
    sheetName: reader.sheetName(),
    vendor,
    dataset,
    headers,
    headerRow,
    columns,
    rows: shown.map((r) => ({ row: r.row, cells: headers.map((_, i) => textOf(r.cells[i] ?? null)) })),
    focus,
    dates,
    numbers,
    mapping,
    mappingProblem: typeof plan === "string" ? plan : null,
    normalised,
    issues: issues.errors,
    sampledRows: data.length,
    wholeFile: exhausted,
    fileError: null,
  };
}
