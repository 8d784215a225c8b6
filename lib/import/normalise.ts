// From a raw row to a UsageRow: which columns feed which field (the plan), and reading each cell
// with the file's date order and decimal separator. Bad cells become issues naming the row, the
// column and the value; a row with any issue yields no UsageRow.
import { FOCUS_FIELD_SOURCES, FOCUS_FIELDS, columnKey, headerIndex, isNationalCurrency, type FocusValueKind } from "@/lib/import/focus";
import type { ResolvedMapping, UsageField } from "@/lib/import/mapping";
import type { SourceRecord } from "@/lib/import/sources";
import type { DateOrder, Environment, FocusDetection, FocusFields, UsageRow } from "@/lib/import/types";
import {
  ENVIRONMENT_HINT,
  INVALID,
  dateFromDate,
  dateFromSerial,
  decimalFromNumber,
  environmentOf,
  parseDateText,
  parseDecimalText,
  shown,
  textOf,
  type Cell,
  type DecimalSeparator,
  type Invalid,
} from "@/lib/import/values";

export interface ColumnRef {
  index: number;
  /** Header as written in the file. */
  name: string;
}

interface FocusSource {
  field: keyof FocusFields;
  ref: ColumnRef;
  kind: FocusValueKind;
}

export interface Plan {
  kind: "focus" | "mapped";
  headers: string[];
  /** Columns read directly (FOCUS: ChargePeriodStart/End plus any mapping override). */
  fields: Partial<Record<UsageField, ColumnRef>>;
  /** FOCUS extras to read; null for a mapped file. */
  focus: FocusSource[] | null;
  /** Whether the FOCUS file has a PricingCurrency column (1.2+), which decides how credits are read. */
  hasPricingCurrency: boolean;
  environmentValues: Map<string, Environment>;
  fixedCurrency: string | null;
  /** Columns holding dates and numbers, for format detection. */
  dateColumns: ColumnRef[];
  numberColumns: ColumnRef[];
  /** (start, end) columns of the same row. */
  datePairs: Array<[ColumnRef, ColumnRef]>;
}

const DECIMAL_FIELDS: ReadonlySet<UsageField> = new Set(["actions", "credits", "cost"]);

function findColumn(headers: readonly string[], name: string): ColumnRef | string {
  const wanted = name.trim();
  let matches = headers.flatMap((h, index) => (h.trim() === wanted ? [index] : []));
  if (matches.length === 0) matches = headers.flatMap((h, index) => (columnKey(h) === columnKey(wanted) ? [index] : []));
  const index = matches[0];
  if (index === undefined) {
    const list = headers.filter((h) => h.trim() !== "").map((h) => `'${h}'`);
    return `the mapping names column '${wanted}', which the file does not have (columns: ${list.slice(0, 30).join(", ")}${list.length > 30 ? ", …" : ""})`;
  }
  if (matches.length > 1) return `the mapping names column '${wanted}', which appears ${matches.length} times in the header`;
  return { index, name: headers[index] ?? wanted };
}

/** The plan, or a sentence saying why the file cannot be read with this mapping. */
export function buildPlan(headers: string[], mapping: ResolvedMapping | null, focus: FocusDetection | null): Plan | string {
  const fields: Partial<Record<UsageField, ColumnRef>> = {};
  const index = headerIndex(headers);
  const ref = (id: string): ColumnRef | null => {
    const i = index.get(columnKey(id));
    return i === undefined ? null : { index: i, name: headers[i] ?? id };
  };

  let focusSources: FocusSource[] | null = null;
  if (focus) {
    const start = ref("ChargePeriodStart");
    const end = ref("ChargePeriodEnd");
    if (start) fields.periodStart = start;
    if (end) fields.periodEnd = end;
    focusSources = [];
    for (const source of FOCUS_FIELD_SOURCES) {
      for (const id of source.columns) {
        const r = ref(id);
        if (r) {
          focusSources.push({ field: source.field, ref: r, kind: source.kind });
          break;
        }
      }
    }
  }

  for (const [field, name] of Object.entries(mapping?.columns ?? {}) as Array<[UsageField, string | undefined]>) {
    if (name === undefined) continue;
    const found = findColumn(headers, name);
    if (typeof found === "string") return found;
    fields[field] = found;
  }

  if (!focus) {
    if (!mapping) return "the file is not a FOCUS cost-and-usage file, so it needs a column mapping (at least the period start and one of actions, credits or cost)";
    if (!fields.periodStart) return "the mapping has no column for the period start date";
    if (!fields.actions && !fields.credits && !fields.cost) return "the mapping has no column for actions, credits or cost";
  }

  const dateColumns: ColumnRef[] = [];
  const numberColumns: ColumnRef[] = [];
  const datePairs: Array<[ColumnRef, ColumnRef]> = [];
  if (fields.periodStart) dateColumns.push(fields.periodStart);
  if (fields.periodEnd) dateColumns.push(fields.periodEnd);
  if (fields.periodStart && fields.periodEnd) datePairs.push([fields.periodStart, fields.periodEnd]);
  for (const f of DECIMAL_FIELDS) {
    const r = fields[f];
    if (r) numberColumns.push(r);
  }
  for (const s of focusSources ?? []) {
    if (s.kind === "date") dateColumns.push(s.ref);
    if (s.kind === "decimal") numberColumns.push(s.ref);
  }
  const billingStart = focusSources?.find((s) => s.field === "billingPeriodStart")?.ref;
  const billingEnd = focusSources?.find((s) => s.field === "billingPeriodEnd")?.ref;
  if (billingStart && billingEnd) datePairs.push([billingStart, billingEnd]);

  const environmentValues = new Map<string, Environment>();
  for (const [label, env] of Object.entries(mapping?.environmentValues ?? {})) environmentValues.set(label.trim().toLowerCase(), env);

  return {
    kind: focus ? "focus" : "mapped",
    headers,
    fields,
    focus: focusSources,
    hasPricingCurrency: ref("PricingCurrency") !== null,
    environmentValues,
    fixedCurrency: mapping?.currency ?? null,
    dateColumns,
    numberColumns,
    datePairs,
  };
}

export interface IssueSink {
  error(row: number, column: string | null, value: string | null, message: string): void;
  warning(row: number, column: string | null, value: string | null, message: string): void;
}

export interface Formats {
  dateOrder: DateOrder;
  decimalSeparator: DecimalSeparator;
  /** For messages: the date shapes expected, e.g. "M/D/YY or YYYY-MM-DD". */
  dateHint: string;
}

const CACHE_LIMIT = 50_000;
const CURRENCY_CODE = /^[A-Za-z]{3}$/;
// Tag keys that name an environment: env, Environment, user:env, app_environment, stage…
const ENV_KEYS: ReadonlySet<string> = new Set(["stage", "envtype", "environmenttype", "envname", "environmentname"]);


export class RowNormaliser {
  private readonly dateCache = new Map<string, string | Invalid>();
  private readonly envCache = new Map<string, Environment | null>();
  /** Labels of a mapped environment column, the mapping's own labels included. */
  private readonly mappedEnvCache = new Map<string, Environment | null>();
  private readonly width: number;
  // The row being read. Kept on the instance rather than in per-row closures: a million rows
  // would otherwise allocate a dozen functions each.
  private row = 0;
  private cells: readonly Cell[] = [];
  private bad = false;

  constructor(
    private readonly plan: Plan,
    private readonly formats: Formats,
    private readonly issues: IssueSink,
  ) {
    this.width = plan.headers.length;
  }

  /** True when every cell is empty: such rows are skipped, not reported. */
  static isBlank(cells: readonly Cell[]): boolean {
    for (const c of cells) {
      if (c === null) continue;
      if (typeof c === "string" && c.trim() === "") continue;
      return false;
    }
    return true;
  }

  /**
   * The normalised row, or null after reporting what is wrong with it. Its rowKey is left empty:
   * the key depends on the rows before it in the file (see RowKeyer), so the caller sets it.
   */
  normalise(record: SourceRecord): UsageRow | null {
    const { row, cells } = record;
    this.row = row;
    this.cells = cells;
    this.bad = false;

    if (cells.length > this.width) {
      for (let i = this.width; i < cells.length; i++) {
        if (textOf(cells[i] ?? null) !== null) {
          this.fail(null, null, `${cells.length} cells but the header has ${this.width} columns (check the quoting or the delimiter)`);
          break;
        }
      }
    }

    const { fields } = this.plan;
    // FOCUS extras first: the usage fields of a FOCUS row are derived from them.
    let focus: FocusFields | null = null;
    let tagEnvironment: Environment | null = null;
    if (this.plan.focus) {
      focus = emptyFocusFields();
      for (const source of this.plan.focus) {
        switch (source.kind) {
          case "text":
            focus[source.field] = this.text(source.ref);
            break;
          case "decimal":
            focus[source.field] = this.decimal(source.ref);
            break;
          case "date":
            focus[source.field] = this.date(source.ref);
            break;
          case "currency":
            focus[source.field] = this.currency(source.ref);
            break;
          case "json": {
            const raw = this.text(source.ref);
            if (raw === null) break;
            const parsed = parseJsonObject(raw);
            if (parsed === null) {
              this.issues.warning(row, source.ref.name, shown(raw), `row ${row}: ${source.ref.name} '${shown(raw)}' is not a JSON object; ignored`);
              break;
            }
            focus[source.field] = JSON.stringify(parsed);
            if (source.field === "tags") tagEnvironment = this.environmentFromTags(parsed);
          }
        }
      }
    }

    const periodStart = this.date(fields.periodStart);
    const periodEnd = this.date(fields.periodEnd);
    if (periodStart === null && fields.periodStart && textOf(cells[fields.periodStart.index] ?? null) === null) {
      this.fail(fields.periodStart.name, null, `${fields.periodStart.name} is empty; every row needs a period start date`);
    }
    if (periodStart !== null && periodEnd !== null && periodEnd < periodStart && fields.periodEnd && fields.periodStart) {
      const endCell = shown(cells[fields.periodEnd.index] ?? null);
      const startCell = shown(cells[fields.periodStart.index] ?? null);
      this.fail(fields.periodEnd.name, endCell, `${fields.periodEnd.name} '${endCell}' is before ${fields.periodStart.name} '${startCell}'`);
    }

    let agent: string | null;
    let meteredUnit: string | null;
    let environment: Environment | null;
    let actions: string | null;
    let credits: string | null;
    let cost: string | null;
    let currencyCode: string | null;
    if (focus) {
      agent = fields.agent ? this.text(fields.agent) : (focus.resourceName ?? focus.resourceId);
      meteredUnit = fields.meteredUnit ? this.text(fields.meteredUnit) : (focus.skuMeter ?? focus.chargeDescription ?? focus.skuId);
      environment = fields.environment
        ? this.mappedEnvironment(fields.environment)
        : (tagEnvironment ?? (focus.subAccountName !== null ? this.environmentLabel(focus.subAccountName) : null));
      actions = fields.actions ? this.decimal(fields.actions) : focus.consumedQuantity;
      credits = fields.credits ? this.decimal(fields.credits) : this.focusCredits(focus);
      cost = fields.cost ? this.decimal(fields.cost) : (focus.effectiveCost ?? focus.billedCost);
      currencyCode = fields.currency ? this.currency(fields.currency) : (focus.billingCurrency ?? this.plan.fixedCurrency);
    } else {
      agent = this.text(fields.agent);
      meteredUnit = this.text(fields.meteredUnit);
      environment = fields.environment ? this.mappedEnvironment(fields.environment) : null;
      actions = this.decimal(fields.actions);
      credits = this.decimal(fields.credits);
      cost = this.decimal(fields.cost);
      currencyCode = fields.currency ? this.currency(fields.currency) : this.plan.fixedCurrency;
      if (actions === null && credits === null && cost === null) this.noMeasure();
    }

    if (this.bad || periodStart === null) return null;
    return {
      sourceRow: row,
      rowKey: "",
      periodStart,
      periodEnd,
      agent,
      meteredUnit,
      environment,
      actions,
      credits,
      cost,
      currency: currencyCode,
      focus,
    };
  }

  private fail(column: string | null, value: string | null, message: string): void {
    this.bad = true;
    this.issues.error(this.row, column, value, `row ${this.row}: ${message}`);
  }

  /** A mapped row with no actions, credits or cost: reported unless a value was there but unreadable (already reported). */
  private noMeasure(): void {
    const { fields } = this.plan;
    const measures = [fields.actions, fields.credits, fields.cost].filter((r): r is ColumnRef => r !== undefined);
    if (measures.some((ref) => textOf(this.cells[ref.index] ?? null) !== null)) return;
    this.fail(null, null, `no value in ${measures.map((ref) => ref.name).join(", ")}: a usage row needs actions, credits or cost`);
  }

  private text(ref: ColumnRef | undefined): string | null {
    return ref ? textOf(this.cells[ref.index] ?? null) : null;
  }

  private date(ref: ColumnRef | undefined): string | null {
    if (!ref) return null;
    const cell = this.cells[ref.index] ?? null;
    const v = this.readDate(cell);
    if (v === INVALID) {
      this.fail(ref.name, shown(cell), `${ref.name} '${shown(cell)}' is not a date (expected ${this.formats.dateHint})`);
      return null;
    }
    return v;
  }

  private decimal(ref: ColumnRef | undefined): string | null {
    if (!ref) return null;
    const cell = this.cells[ref.index] ?? null;
    const v = this.readDecimal(cell);
    if (v === INVALID) {
      this.fail(ref.name, shown(cell), `${ref.name} '${shown(cell)}' is not a number`);
      return null;
    }
    return v;
  }

  private currency(ref: ColumnRef | undefined): string | null {
    const t = this.text(ref);
    if (t === null || !ref) return null;
    if (!CURRENCY_CODE.test(t)) {
      this.fail(ref.name, shown(t), `${ref.name} '${shown(t)}' is not a three-letter currency code`);
      return null;
    }
    return t.toUpperCase();
  }

  /**
   * Credits burned by a FOCUS row. FOCUS 1.2 prices virtual currencies in the PricingCurrency
   * columns; before 1.2 a vendor can only say "credits" through the pricing unit.
   */
  private focusCredits(focus: FocusFields): string | null {
    if (this.plan.hasPricingCurrency) {
      const pc = focus.pricingCurrency;
      return pc !== null && !isNationalCurrency(pc) ? focus.pricingCurrencyEffectiveCost : null;
    }
    const unit = focus.pricingUnit;
    if (unit !== null && /credit|token/i.test(unit) && focus.chargeCategory?.toLowerCase() === "usage") return focus.pricingQuantity;
    return null;
  }

  private mappedEnvironment(ref: ColumnRef): Environment | null {
    const label = textOf(this.cells[ref.index] ?? null);
    if (label === null) return null;
    let env = this.mappedEnvCache.get(label);
    if (env === undefined) {
      env = this.plan.environmentValues.get(label.toLowerCase()) ?? environmentOf(label);
      if (this.mappedEnvCache.size >= CACHE_LIMIT) this.mappedEnvCache.clear();
      this.mappedEnvCache.set(label, env);
    }
    if (env === null) {
      this.fail(ref.name, shown(label), `${ref.name} '${shown(label)}' is not a known environment (${ENVIRONMENT_HINT}); name it in the mapping's environmentValues`);
    }
    return env;
  }

  private environmentLabel(label: string): Environment | null {
    let env = this.envCache.get(label);
    if (env === undefined) {
      env = environmentOf(label);
      if (this.envCache.size >= CACHE_LIMIT) this.envCache.clear();
      this.envCache.set(label, env);
    }
    return env;
  }

  private environmentFromTags(tags: Record<string, unknown>): Environment | null {
    for (const [key, value] of Object.entries(tags)) {
      if (typeof value !== "string") continue;
      const k = key.toLowerCase().replace(/[^a-z]/g, "");
      if (!ENV_KEYS.has(k) && !k.endsWith("environment") && !k.endsWith("env")) continue;
      const env = this.environmentLabel(value);
      if (env !== null) return env;
    }
    return null;
  }

  private readDate(cell: Cell): string | null | Invalid {
    if (cell === null) return null;
    if (typeof cell === "string") {
      let v = this.dateCache.get(cell);
      if (v === undefined) {
        const parsed = this.parseDate(cell);
        if (parsed === null) return null;
        v = parsed;
        if (this.dateCache.size >= CACHE_LIMIT) this.dateCache.clear();
        this.dateCache.set(cell, v);
      }
      return v;
    }
    if (typeof cell === "number") return dateFromSerial(cell);
    if (cell instanceof Date) return dateFromDate(cell);
    return INVALID;
  }

  private parseDate(text: string): string | null | Invalid {
    const order = this.formats.dateOrder;
    if (order !== "ymd") return parseDateText(text, order);
    // The sample had only year-first dates: a later 4/1/25 has no order to be read in. It is
    // accepted only when both orders agree or one of them is impossible.
    const m = parseDateText(text, "mdy");
    const d = parseDateText(text, "dmy");
    if (m === d) return m;
    if (m === INVALID) return d;
    if (d === INVALID) return m;
    return INVALID;
  }

  private readDecimal(cell: Cell): string | null | Invalid {
    if (cell === null) return null;
    if (typeof cell === "string") return cell === "" ? null : parseDecimalText(cell, this.formats.decimalSeparator);
    if (typeof cell === "number") return decimalFromNumber(cell);
    return INVALID;
  }
}

/**
 * The text hashed for a row's key: every normalised field but sourceRow and rowKey, in a fixed
 * order, joined by a control character ("\u0000" standing for null). A cell that itself holds
 * those characters could make two different rows spell alike; they would then share a digest and
 * be told apart by their occurrence number, so keys stay unique and repeatable either way.
 */
export function contentOf(row: UsageRow): string {
  let s = `${row.periodStart}\u001f${row.periodEnd ?? "\u0000"}\u001f${row.agent ?? "\u0000"}\u001f${row.meteredUnit ?? "\u0000"}\u001f${row.environment ?? "\u0000"}\u001f${row.actions ?? "\u0000"}\u001f${row.credits ?? "\u0000"}\u001f${row.cost ?? "\u0000"}\u001f${row.currency ?? "\u0000"}`;
  const { focus } = row;
  if (focus) for (const f of FOCUS_FIELDS) s += `\u001f${focus[f] ?? "\u0000"}`;
  return s;
}

function emptyFocusFields(): FocusFields {
  return {
    chargeCategory: null, chargeClass: null, chargeDescription: null, chargeFrequency: null, billingCurrency: null,
    billingPeriodStart: null, billingPeriodEnd: null, billedCost: null, effectiveCost: null, listCost: null,
    contractedCost: null, listUnitPrice: null, contractedUnitPrice: null, pricingCategory: null, pricingQuantity: null,
    pricingUnit: null, pricingCurrency: null, pricingCurrencyEffectiveCost: null, pricingCurrencyListUnitPrice: null,
    pricingCurrencyContractedUnitPrice: null, consumedQuantity: null, consumedUnit: null,
    commitmentDiscountCategory: null, commitmentDiscountId: null, commitmentDiscountName: null,
    commitmentDiscountQuantity: null, commitmentDiscountStatus: null, commitmentDiscountType: null,
    commitmentDiscountUnit: null, billingAccountId: null, billingAccountName: null, billingAccountType: null,
    subAccountId: null, subAccountName: null, subAccountType: null, invoiceId: null, invoiceIssuerName: null,
    providerName: null, publisherName: null, hostProviderName: null, serviceCategory: null, serviceName: null,
    serviceSubcategory: null, resourceId: null, resourceName: null, resourceType: null, skuId: null, skuMeter: null,
    skuPriceId: null, tags: null, contractApplied: null,
  };
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
