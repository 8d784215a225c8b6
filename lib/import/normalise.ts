// From a raw row to a UsageRow: which columns feed which field (the plan), and reading each cell
// with the file's date order and decimal separator. Bad cells become issues naming the row, the
// column and the value; a row with any issue yields no UsageRow.
import { LIMITS, badCharacter, dateProblem, decimalProblem, isNullText } from "@/lib/import/bounds";
import { CATEGORY_LABEL, allowsNegative, categoryOf, countsActions, isUnusedCommitment, namesCredits, namesPrepaidUnits } from "@/lib/import/categories";
import { FOCUS_FIELD_SOURCES, FOCUS_FIELDS, columnKey, headerIndex, isNationalCurrency, type FocusValueKind } from "@/lib/import/focus";
import type { ResolvedMapping, UsageField } from "@/lib/import/mapping";
import type { ProfileColumns } from "@/lib/import/profiles";
import type { SourceRecord } from "@/lib/import/sources";
import type { ChargeCategory, DateOrder, Environment, FocusDetection, FocusFields, UsageRow } from "@/lib/import/types";
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
  kind: "focus" | "vendor" | "mapped";
  headers: string[];
  /** Columns read directly (FOCUS: ChargePeriodStart/End plus any mapping override). */
  fields: Partial<Record<UsageField, ColumnRef>>;
  /** FOCUS extras to read; null for a mapped file. */
  focus: FocusSource[] | null;
  /** FOCUS: cost is EffectiveCost; BilledCost only in a file without an EffectiveCost column. */
  hasEffectiveCost: boolean;
  environmentValues: Map<string, Environment>;
  fixedCurrency: string | null;
  /** Vendor formats: credits summed over several columns, a quantity with its unit, extra columns kept. */
  creditsSum: ColumnRef[];
  quantity: ColumnRef | null;
  quantityUnit: ColumnRef | null;
  quantityUnitFixed: string | null;
  unixDates: ReadonlySet<number>;
  blankIsZero: boolean;
  lenientEnvironment: boolean;
  keep: Array<{ key: string; ref: ColumnRef }>;
  vendor: { id: string; name: string } | null;
  /** groupKeyOf() keys left out of the consumption */
  excludeGroups: ReadonlySet<string>;
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

export interface PlanInput {
  headers: string[];
  mapping: ResolvedMapping | null;
  focus: FocusDetection | null;
  /** a recognised vendor export: its columns, used when the mapping names none */
  vendor?: { id: string; name: string; columns: ProfileColumns } | null;
}

/** The plan, or a sentence saying why the file cannot be read with this mapping. */
export function buildPlan(input: PlanInput): Plan | string {
  const { headers, mapping, focus } = input;
  const fields: Partial<Record<UsageField, ColumnRef>> = {};
  const index = headerIndex(headers);
  const ref = (id: string): ColumnRef | null => {
    const i = index.get(columnKey(id));
    return i === undefined ? null : { index: i, name: headers[i] ?? id };
  };
  const mappedColumns = Object.entries(mapping?.columns ?? {}).filter(([, name]) => name !== undefined) as Array<[UsageField, string]>;
  const vendor = !focus && mappedColumns.length === 0 ? (input.vendor ?? null) : null;

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

  const resolve = (name: string | undefined): ColumnRef | null | string => (name === undefined ? null : findColumn(headers, name));
  let creditsSum: ColumnRef[] = [];
  let quantity: ColumnRef | null = null;
  let quantityUnit: ColumnRef | null = null;
  const keep: Array<{ key: string; ref: ColumnRef }> = [];
  const unixDates = new Set<number>();
  if (vendor) {
    const v = vendor.columns;
    for (const [field, name] of Object.entries(v.fields) as Array<[UsageField, string | undefined]>) {
      const found = resolve(name);
      if (typeof found === "string") return found;
      if (found) fields[field] = found;
    }
    for (const name of v.creditsSum ?? []) {
      const found = resolve(name);
      if (typeof found === "string") return found;
      if (found) creditsSum.push(found);
    }
    const q = resolve(v.quantity);
    const qu = resolve(v.quantityUnit);
    if (typeof q === "string") return q;
    if (typeof qu === "string") return qu;
    quantity = q;
    quantityUnit = qu;
    for (const [key, name] of Object.entries(v.keep ?? {})) {
      const found = resolve(name);
      if (found && typeof found !== "string") keep.push({ key, ref: found });
    }
    for (const name of v.unixDates ?? []) {
      const found = resolve(name);
      if (found && typeof found !== "string") unixDates.add(found.index);
    }
  }
  if (creditsSum.length === 1) {
    fields.credits = creditsSum[0];
    creditsSum = [];
  }

  for (const [field, name] of mappedColumns) {
    const found = findColumn(headers, name);
    if (typeof found === "string") return found;
    fields[field] = found;
  }

  if (!focus) {
    if (!mapping && !vendor) return "the file is not a FOCUS cost-and-usage file, so it needs a column mapping (at least the period start and one of actions, credits or cost)";
    if (!fields.periodStart) return "the mapping has no column for the period start date";
    if (!fields.actions && !fields.credits && !fields.cost && creditsSum.length === 0) return "the mapping has no column for actions, credits or cost";
  }

  const dateColumns: ColumnRef[] = [];
  const numberColumns: ColumnRef[] = [];
  const datePairs: Array<[ColumnRef, ColumnRef]> = [];
  if (fields.periodStart && !unixDates.has(fields.periodStart.index)) dateColumns.push(fields.periodStart);
  if (fields.periodEnd && !unixDates.has(fields.periodEnd.index)) dateColumns.push(fields.periodEnd);
  if (fields.periodStart && fields.periodEnd) datePairs.push([fields.periodStart, fields.periodEnd]);
  for (const f of DECIMAL_FIELDS) {
    const r = fields[f];
    if (r) numberColumns.push(r);
  }
  numberColumns.push(...creditsSum);
  if (quantity) numberColumns.push(quantity);
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
    kind: focus ? "focus" : vendor ? "vendor" : "mapped",
    headers,
    fields,
    focus: focusSources,
    hasEffectiveCost: ref("EffectiveCost") !== null,
    environmentValues,
    fixedCurrency: mapping?.currency ?? null,
    creditsSum,
    quantity,
    quantityUnit,
    quantityUnitFixed: vendor?.columns.quantityUnitFixed ?? null,
    unixDates,
    blankIsZero: vendor?.columns.blankIsZero ?? false,
    lenientEnvironment: vendor?.columns.lenientEnvironment ?? false,
    keep,
    vendor: vendor ? { id: vendor.id, name: vendor.name } : null,
    excludeGroups: new Set(mapping?.excludeGroups ?? []),
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

export interface NormaliseOptions {
  /** The contract's currency: rows billed in another are refused. Without it, the file's first currency is expected. */
  expectedCurrency?: string | null;
}

const CACHE_LIMIT = 50_000;
const CURRENCY_CODE = /^[A-Za-z]{3}$/;
// Tag keys that name an environment: env, Environment, user:env, app_environment, stage…
const ENV_KEYS: ReadonlySet<string> = new Set(["stage", "envtype", "environmenttype", "envname", "environmentname"]);
const UNIX_SECONDS = /^\d{9,10}(?:\.\d+)?$/;
const NO_GROUP = "(no description)";

export class RowNormaliser {
  private readonly dateCache = new Map<string, string | Invalid>();
  private readonly envCache = new Map<string, Environment | null>();
  /** Labels of a mapped environment column, the mapping's own labels included. */
  private readonly mappedEnvCache = new Map<string, Environment | null>();
  private readonly width: number;
  private readonly warnedCategories = new Set<string>();
  /** The currency rows must be billed in, and the row that set it when it came from the file. */
  private currencyExpected: string | null;
  private currencyRow: number | null = null;
  // The row being read. Kept on the instance rather than in per-row closures: a million rows
  // would otherwise allocate a dozen functions each.
  private row = 0;
  private cells: readonly Cell[] = [];
  private bad = false;
  /** A cell already refused by checkCells (oversized or damaged): not reported again. */
  private badCell = -1;

  constructor(
    private readonly plan: Plan,
    private readonly formats: Formats,
    private readonly issues: IssueSink,
    options: NormaliseOptions = {},
  ) {
    this.width = plan.headers.length;
    this.currencyExpected = options.expectedCurrency ?? null;
  }

  /** The billing currency of the rows read so far (the expected one, else the first the file named). */
  currency(): string | null {
    return this.currencyExpected;
  }

  /** True when every cell is empty: such rows are skipped, not reported. */
  static isBlank(cells: readonly Cell[]): boolean {
    for (const c of cells) {
      if (c === null) continue;
      if (typeof c === "string") {
        if (c.length === 0) continue;
        const t = c.trim();
        if (t === "" || isNullText(t)) continue;
      }
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
    this.badCell = -1;

    if (cells.length > this.width) {
      for (let i = this.width; i < cells.length; i++) {
        if (textOf(cells[i] ?? null) !== null) {
          this.fail(null, null, `${cells.length} cells but the header has ${this.width} columns (check the quoting or the delimiter)`);
          break;
        }
      }
    }
    this.checkCells();

    const { fields, plan } = this;
    // FOCUS extras first: the usage fields of a FOCUS row are derived from them.
    let focus: FocusFields | null = null;
    let tagEnvironment: Environment | null = null;
    if (plan.focus) {
      focus = emptyFocusFields();
      for (const source of plan.focus) {
        switch (source.kind) {
          case "text":
            focus[source.field] = this.text(source.ref, LIMITS.textChars);
            break;
          case "decimal":
            focus[source.field] = this.decimal(source.ref);
            break;
          case "date":
            focus[source.field] = this.date(source.ref);
            break;
          case "currency":
            focus[source.field] = this.currencyCell(source.ref);
            break;
          case "json": {
            const raw = this.text(source.ref, LIMITS.textChars);
            if (raw === null) break;
            // ContractApplied lists commitments; a provider writing the bare list means the same.
            const parsed = parseJsonObject(raw) ?? (source.field === "contractApplied" ? parseJsonList(raw) : null);
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
    let actions: string | null = null;
    let credits: string | null;
    let cost: string | null;
    let billedCost: string | null = null;
    let quantity: string | null = null;
    let quantityUnit: string | null = null;
    let currencyCode: string | null;
    let category: ChargeCategory = "usage";
    let description: string | null = null;
    let correction = false;
    let scope: string | null = null;
    let vendor: Record<string, string> | null = null;
    const categoryCell = fields.category ? this.text(fields.category, LIMITS.labelChars) : null;
    if (focus) {
      agent = fields.agent ? this.label(fields.agent) : this.labelValue(focus.resourceName ?? focus.resourceId);
      meteredUnit = fields.meteredUnit ? this.label(fields.meteredUnit) : this.labelValue(focus.skuMeter ?? focus.chargeDescription ?? focus.skuId);
      environment = fields.environment
        ? this.mappedEnvironment(fields.environment)
        : (tagEnvironment ?? (focus.subAccountName !== null ? this.environmentLabel(focus.subAccountName) : null));
      category = this.categoryFrom(categoryCell ?? focus.chargeCategory, fields.category?.name ?? "ChargeCategory");
      if (category === "usage" && isUnusedCommitment(focus.chargeDescription, focus.commitmentDiscountStatus)) category = "unusedCommitment";
      correction = focus.chargeClass !== null && focus.chargeClass.toLowerCase() === "correction";
      description = fields.description ? this.text(fields.description, LIMITS.textChars) : (focus.chargeDescription ?? focus.skuMeter ?? focus.skuId);
      // The unit of ConsumedQuantity; without a ConsumedUnit column, the pricing unit when it is a
      // metered unit (a file priced per credit says nothing of what was consumed).
      const consumedUnit = focus.consumedUnit ?? (namesCredits(focus.pricingUnit) ? null : focus.pricingUnit);
      if (fields.actions) actions = this.decimal(fields.actions);
      else if (focus.consumedQuantity !== null && !namesCredits(consumedUnit)) {
        if (countsActions(consumedUnit)) actions = focus.consumedQuantity;
        else {
          quantity = focus.consumedQuantity;
          quantityUnit = consumedUnit;
        }
      }
      credits = fields.credits ? this.decimal(fields.credits) : this.focusCredits(focus, category);
      billedCost = focus.billedCost;
      cost = fields.cost ? this.decimal(fields.cost) : plan.hasEffectiveCost ? focus.effectiveCost : focus.billedCost;
      currencyCode = fields.currency ? this.currencyCell(fields.currency) : (focus.billingCurrency ?? plan.fixedCurrency);
      if (focus.billingPeriodStart !== null) scope = `${focus.providerName ?? ""}|${focus.billingAccountId ?? ""}|${focus.billingPeriodStart}`;
    } else {
      agent = this.label(fields.agent);
      meteredUnit = this.label(fields.meteredUnit);
      environment = fields.environment ? this.mappedEnvironment(fields.environment) : null;
      if (categoryCell !== null && fields.category) category = this.categoryFrom(categoryCell, fields.category.name);
      description = fields.description ? this.text(fields.description, LIMITS.textChars) : null;
      if (category === "usage" && description !== null && isUnusedCommitment(description, null)) category = "unusedCommitment";
      actions = this.measure(fields.actions);
      credits = plan.creditsSum.length > 0 ? this.sum(plan.creditsSum) : this.measure(fields.credits);
      cost = this.measure(fields.cost);
      currencyCode = fields.currency ? this.currencyCell(fields.currency) : plan.fixedCurrency;
      if (plan.quantity) {
        const q = this.measure(plan.quantity);
        // Without a unit column, the metered unit names what was counted ("AgentAction", "StreamingDataIngest").
        const unit = (plan.quantityUnit ? this.text(plan.quantityUnit, LIMITS.labelChars) : null) ?? plan.quantityUnitFixed ?? meteredUnit;
        if (q !== null) {
          if (actions === null && countsActions(unit)) actions = q;
          else {
            quantity = q;
            quantityUnit = unit;
          }
        }
      }
      if (plan.keep.length > 0) {
        for (const { key, ref } of plan.keep) {
          const v = this.text(ref, LIMITS.textChars);
          if (v !== null) (vendor ??= {})[key] = v;
        }
      }
      if (actions === null && credits === null && cost === null) this.noMeasure();
    }

    if (category === "purchase" && credits === null && focus && namesPrepaidUnits(focus.pricingUnit)) credits = focus.pricingQuantity;
    if (!allowsNegative(category, correction, focus !== null)) {
      this.notNegative(actions, fields.actions?.name ?? "ConsumedQuantity", category);
      this.notNegative(credits, fields.credits?.name ?? (plan.creditsSum.length > 0 ? plan.creditsSum.map((r) => r.name).join(" + ") : "Credits"), category);
      this.notNegative(cost, fields.cost?.name ?? "Cost", category);
      this.notNegative(quantity, plan.quantity?.name ?? "quantity", category);
    }
    currencyCode = this.checkCurrency(currencyCode, fields.currency?.name ?? (focus ? "BillingCurrency" : "currency"));

    if (this.bad || periodStart === null) return null;
    const groupLabel = description ?? meteredUnit ?? NO_GROUP;
    const excluded = plan.excludeGroups.size > 0 && plan.excludeGroups.has(`${category}:${groupLabel}`);
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
      quantity,
      quantityUnit,
      billedCost,
      category,
      groupLabel,
      excluded,
      correction,
      scope,
      spread: null,
      vendor,
      focus,
    };
  }

  private get fields(): Plan["fields"] {
    return this.plan.fields;
  }

  private fail(column: string | null, value: string | null, message: string): void {
    this.bad = true;
    this.issues.error(this.row, column, value, `row ${this.row}: ${message}`);
  }

  /** Control characters and oversized cells, in any column: the row is refused, naming the column. */
  private checkCells(): void {
    const { cells } = this;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (typeof c !== "string" || c.length === 0) continue;
      const name = this.plan.headers[i] ?? `column ${i + 1}`;
      if (c.length > LIMITS.cellChars) {
        this.badCell = i;
        this.fail(name, null, `${name} is ${c.length.toLocaleString("en-US")} characters long; a cell may hold at most ${LIMITS.cellChars.toLocaleString("en-US")}`);
        return;
      }
      const bad = badCharacter(c);
      if (bad !== null) {
        this.badCell = i;
        this.fail(name, null, `${name} contains ${bad}: the file is damaged or not text; nothing of it was read as usage`);
        return;
      }
    }
  }

  /** A mapped row with no actions, credits or cost: reported unless a value was there but unreadable (already reported). */
  private noMeasure(): void {
    const { fields } = this.plan;
    const measures = [fields.actions, fields.credits, fields.cost, ...this.plan.creditsSum].filter((r): r is ColumnRef => r !== undefined);
    if (measures.some((ref) => textOf(this.cells[ref.index] ?? null) !== null)) return;
    this.fail(null, null, `no value in ${measures.map((ref) => ref.name).join(", ")}: a usage row needs actions, credits or cost`);
  }

  private text(ref: ColumnRef | undefined, max: number): string | null {
    if (!ref || ref.index === this.badCell) return null;
    const t = textOf(this.cells[ref.index] ?? null);
    if (t !== null && t.length > max) {
      this.fail(ref.name, null, `${ref.name} is ${t.length.toLocaleString("en-US")} characters long (at most ${max.toLocaleString("en-US")})`);
      return null;
    }
    return t;
  }

  /** Agent and metered unit: as long as the manual-entry form allows. */
  private label(ref: ColumnRef | undefined): string | null {
    return this.text(ref, LIMITS.labelChars);
  }

  /**
   * A label derived from a FOCUS column (ResourceName, else ResourceId…): cloud resource ids run
   * longer than a label, so they are shortened for display; the full value stays in the FOCUS columns.
   */
  private labelValue(value: string | null): string | null {
    if (value !== null && value.length > LIMITS.labelChars) return `${value.slice(0, LIMITS.labelChars - 1)}…`;
    return value;
  }

  private date(ref: ColumnRef | undefined): string | null {
    if (!ref || ref.index === this.badCell) return null;
    const cell = this.cells[ref.index] ?? null;
    const v = this.plan.unixDates.has(ref.index) ? this.readUnix(cell) : this.readDate(cell);
    if (v === INVALID) {
      this.fail(ref.name, shown(cell), `${ref.name} '${shown(cell)}' is not a date (expected ${this.plan.unixDates.has(ref.index) ? "Unix seconds" : this.formats.dateHint})`);
      return null;
    }
    if (v !== null) {
      const problem = dateProblem(v);
      if (problem !== null) {
        this.fail(ref.name, shown(cell), `${ref.name} '${shown(cell)}' ${problem}`);
        return null;
      }
    }
    return v;
  }

  private decimal(ref: ColumnRef | undefined): string | null {
    if (!ref || ref.index === this.badCell) return null;
    const cell = this.cells[ref.index] ?? null;
    const v = this.readDecimal(cell);
    if (v === INVALID) {
      this.fail(ref.name, shown(cell), `${ref.name} '${shown(cell)}' is not a number`);
      return null;
    }
    if (v !== null) {
      const problem = decimalProblem(v);
      if (problem !== null) {
        this.fail(ref.name, shown(cell), `${ref.name} '${shown(cell)}' ${problem}`);
        return null;
      }
    }
    return v;
  }

  /** A measure of a mapped or vendor row: a blank is a zero where the format says so. */
  private measure(ref: ColumnRef | undefined): string | null {
    const v = this.decimal(ref);
    if (v === null && ref && this.plan.blankIsZero) return "0";
    return v;
  }

  /** The sum of several measure columns (Copilot Studio: prepaid + pay-as-you-go); null when all are blank. */
  private sum(refs: readonly ColumnRef[]): string | null {
    let total: string | null = null;
    for (const ref of refs) {
      const v = this.decimal(ref);
      if (v === null) continue;
      total = total === null ? v : addDecimals(total, v);
    }
    return total;
  }

  private notNegative(value: string | null, column: string, category: ChargeCategory): void {
    if (value === null || value.charCodeAt(0) !== 45) return;
    this.fail(column, value, `${column} '${value}' is negative; only credits, adjustments and corrections may be negative (this row is ${CATEGORY_LABEL[category]})`);
  }

  private currencyCell(ref: ColumnRef | undefined): string | null {
    const t = this.text(ref, LIMITS.labelChars);
    if (t === null || !ref) return null;
    if (!CURRENCY_CODE.test(t)) {
      this.fail(ref.name, shown(t), `${ref.name} '${shown(t)}' is not a three-letter currency code`);
      return null;
    }
    return t.toUpperCase();
  }

  /** One billing currency per contract: a row in another is refused, naming both. */
  private checkCurrency(code: string | null, column: string): string | null {
    if (code === null) return null;
    if (this.currencyExpected === null) {
      this.currencyExpected = code;
      this.currencyRow = this.row;
      return code;
    }
    if (code !== this.currencyExpected) {
      this.fail(
        column,
        code,
        this.currencyRow === null
          ? `${column} '${code}' is not the contract's currency (${this.currencyExpected}); a contract's burn is in one currency`
          : `${column} '${code}' differs from the file's currency ${this.currencyExpected} (row ${this.currencyRow}); a contract's burn is in one currency`,
      );
      return null;
    }
    return code;
  }

  private categoryFrom(text: string | null, column: string): ChargeCategory {
    if (text === null) return "usage";
    const c = categoryOf(text);
    if (c !== null) return c;
    if (!this.warnedCategories.has(text) && this.warnedCategories.size < 50) {
      this.warnedCategories.add(text);
      this.issues.warning(this.row, column, shown(text), `row ${this.row}: ${column} '${shown(text)}' is not a charge category (Usage, Purchase, Credit, Adjustment, Tax); such rows are kept apart as Other, never counted as burn`);
    }
    return "other";
  }

  /**
   * Credits burned by a FOCUS row. FOCUS 1.2 prices virtual currencies in the PricingCurrency
   * columns; a unit naming credits says so too, whatever PricingCurrency holds (a national pricing
   * currency never hides credit units). Tokens, hours or TB are quantities of their unit, not credits.
   */
  private focusCredits(focus: FocusFields, category: ChargeCategory): string | null {
    const pc = focus.pricingCurrency;
    if (pc !== null && !isNationalCurrency(pc) && category !== "purchase") return focus.pricingCurrencyEffectiveCost;
    if (namesCredits(focus.pricingUnit) && focus.pricingQuantity !== null) return focus.pricingQuantity;
    if (namesCredits(focus.consumedUnit) && focus.consumedQuantity !== null) return focus.consumedQuantity;
    return null;
  }

  private mappedEnvironment(ref: ColumnRef): Environment | null {
    const label = this.text(ref, LIMITS.labelChars);
    if (label === null) return null;
    let env = this.mappedEnvCache.get(label);
    if (env === undefined) {
      env = this.plan.environmentValues.get(label.toLowerCase()) ?? environmentOf(label);
      if (this.mappedEnvCache.size >= CACHE_LIMIT) this.mappedEnvCache.clear();
      this.mappedEnvCache.set(label, env);
    }
    if (env === null && !this.plan.lenientEnvironment) {
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

  private readUnix(cell: Cell): string | null | Invalid {
    if (cell === null) return null;
    const n = typeof cell === "number" ? cell : typeof cell === "string" ? (textOf(cell) === null ? null : UNIX_SECONDS.test(cell.trim()) ? Number(cell.trim()) : NaN) : NaN;
    if (n === null) return null;
    if (!Number.isFinite(n)) return INVALID;
    return new Date(Math.floor(n) * 1000).toISOString().slice(0, 10);
  }

  private readDate(cell: Cell): string | null | Invalid {
    if (cell === null) return null;
    if (typeof cell === "string") {
      let v = this.dateCache.get(cell);
      if (v === undefined) {
        if (isNullText(cell)) return null;
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
    if (typeof cell === "string") {
      if (cell === "") return null;
      const v = parseDecimalText(cell, this.formats.decimalSeparator);
      return v === INVALID && isNullText(cell) ? null : v;
    }
    if (typeof cell === "number") return decimalFromNumber(cell);
    return INVALID;
  }
}

/** a + b for canonical decimal strings (exact; only used for vendor columns that add up). */
function addDecimals(a: string, b: string): string {
  const scale = Math.max(fractionDigits(a), fractionDigits(b));
  const toInt = (s: string): bigint => {
    const neg = s.startsWith("-");
    const body = neg ? s.slice(1) : s;
    const [i = "0", f = ""] = body.split(".");
    const v = BigInt(i + f.padEnd(scale, "0"));
    return neg ? -v : v;
  };
  const sum = toInt(a) + toInt(b);
  const neg = sum < 0n;
  let digits = (neg ? -sum : sum).toString().padStart(scale + 1, "0");
  if (scale > 0) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, "");
  return neg && digits !== "0" ? `-${digits}` : digits;
}

function fractionDigits(s: string): number {
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

/**
 * The text hashed for a row's key: every normalised field but sourceRow and rowKey, in a fixed
 * order, joined by a control character ("\u0000" standing for null). A cell that itself holds
 * those characters could make two different rows spell alike; they would then share a digest and
 * be told apart by their occurrence number, so keys stay unique and repeatable either way. Fields
 * added later are appended only when set, so the keys of rows that have none stay as they were.
 */
export function contentOf(row: UsageRow): string {
  let s = `${row.periodStart}\u001f${row.periodEnd ?? "\u0000"}\u001f${row.agent ?? "\u0000"}\u001f${row.meteredUnit ?? "\u0000"}\u001f${row.environment ?? "\u0000"}\u001f${row.actions ?? "\u0000"}\u001f${row.credits ?? "\u0000"}\u001f${row.cost ?? "\u0000"}\u001f${row.currency ?? "\u0000"}`;
  const { focus } = row;
  if (focus) for (const f of FOCUS_FIELDS) s += `\u001f${focus[f] ?? "\u0000"}`;
  if (row.quantity !== null || row.quantityUnit !== null) s += `\u001eq\u001f${row.quantity ?? "\u0000"}\u001f${row.quantityUnit ?? "\u0000"}`;
  if (!focus && row.category !== "usage") s += `\u001ec\u001f${row.category}\u001f${row.groupLabel}`;
  if (row.vendor) for (const k of Object.keys(row.vendor).sort()) s += `\u001ev\u001f${k}\u001f${row.vendor[k]}`;
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

function parseJsonList(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? { ContractApplied: v } : null;
  } catch {
    return null;
  }
}
