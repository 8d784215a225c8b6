// Shapes shared by the import parsing layer and whoever consumes it (the database import service,
// the preview page). Plain data only (strings, numbers, null, no Date or Decimal objects), so rows
// can be handed to COPY, a worker or a server action without conversion.

/** A decimal as text ("1234.5", "-0.25", "0"): exact, no exponent, no trailing fractional zeros. */
export type DecimalString = string;

/** A calendar date as ISO 8601 text, "YYYY-MM-DD". */
export type IsoDate = string;

export type Environment = "production" | "nonProduction";

export type FileFormat = "csv" | "xlsx";

export type FocusVersion = "1.0" | "1.1" | "1.2" | "1.3";

/**
 * Columns of a FinOps FOCUS cost-and-usage row kept beside the normalised usage fields. A column
 * the file does not have, or an empty cell, is null: FOCUS uses empty for "not applicable", which
 * is not zero.
 */
export interface FocusFields {
  chargeCategory: string | null;
  chargeClass: string | null;
  chargeDescription: string | null;
  chargeFrequency: string | null;
  billingCurrency: string | null;
  billingPeriodStart: IsoDate | null;
  billingPeriodEnd: IsoDate | null;
  billedCost: DecimalString | null;
  effectiveCost: DecimalString | null;
  listCost: DecimalString | null;
  contractedCost: DecimalString | null;
  listUnitPrice: DecimalString | null;
  contractedUnitPrice: DecimalString | null;
  pricingCategory: string | null;
  pricingQuantity: DecimalString | null;
  pricingUnit: string | null;
  /** The currency prices are quoted in, e.g. "Token" for a virtual currency (FOCUS 1.2+). */
  pricingCurrency: string | null;
  pricingCurrencyEffectiveCost: DecimalString | null;
  pricingCurrencyListUnitPrice: DecimalString | null;
  pricingCurrencyContractedUnitPrice: DecimalString | null;
  consumedQuantity: DecimalString | null;
  consumedUnit: string | null;
  commitmentDiscountCategory: string | null;
  commitmentDiscountId: string | null;
  commitmentDiscountName: string | null;
  commitmentDiscountQuantity: DecimalString | null;
  commitmentDiscountStatus: string | null;
  commitmentDiscountType: string | null;
  commitmentDiscountUnit: string | null;
  billingAccountId: string | null;
  billingAccountName: string | null;
  billingAccountType: string | null;
  subAccountId: string | null;
  subAccountName: string | null;
  subAccountType: string | null;
  invoiceId: string | null;
  invoiceIssuerName: string | null;
  /** ServiceProviderName (1.3), else the deprecated ProviderName. */
  providerName: string | null;
  publisherName: string | null;
  hostProviderName: string | null;
  serviceCategory: string | null;
  serviceName: string | null;
  serviceSubcategory: string | null;
  resourceId: string | null;
  resourceName: string | null;
  resourceType: string | null;
  skuId: string | null;
  skuMeter: string | null;
  skuPriceId: string | null;
  /** Tags as compact JSON text, null when empty or not a JSON object. */
  tags: string | null;
  /** ContractApplied (1.3) as compact JSON text. */
  contractApplied: string | null;
}

/**
 * What a row is, by FOCUS ChargeCategory (or a mapped category column). Only "usage" can be
 * consumption; "unusedCommitment" is a Usage row that bills an unmet commitment (FOCUS books the
 * unused fees of spend agreements as Usage, and CommitmentDiscountStatus "Unused" marks the unused
 * part of a commitment discount): money, not consumption.
 */
export type ChargeCategory = "usage" | "purchase" | "credit" | "adjustment" | "tax" | "unusedCommitment" | "other";

/** Where a row spread over several periods came from. */
export interface SpreadPart {
  /** 1-based piece number, and how many pieces the source row was cut into */
  part: number;
  of: number;
  /** days of the source row's period in this piece, and in the whole period */
  days: number;
  totalDays: number;
  /** the source row's own period, as written (end exclusive) */
  sourceStart: IsoDate;
  sourceEnd: IsoDate;
}

/** One observed-burn row, normalised. */
export interface UsageRow {
  /** The row as a spreadsheet shows it: the header is row 1, the first data row is row 2. */
  sourceRow: number;
  /**
   * `<sha-256 hex of the normalised content>:<occurrence>`, the occurrence counting identical
   * content earlier in the same file from 0. The same file gives the same keys every time; two
   * identical rows in one file get different keys. sourceRow is not part of the content, so
   * inserting a row above does not change the keys of the others.
   */
  rowKey: string;
  periodStart: IsoDate;
  /** As written in the file (FOCUS ChargePeriodEnd is exclusive). */
  periodEnd: IsoDate | null;
  agent: string | null;
  meteredUnit: string | null;
  environment: Environment | null;
  actions: DecimalString | null;
  credits: DecimalString | null;
  cost: DecimalString | null;
  /** Currency of `cost` (ISO 4217 code). */
  currency: string | null;
  /**
   * The metered quantity when its unit is not a count of actions (tokens, hours, GB): kept with
   * its unit, never added to actions or credits.
   */
  quantity: DecimalString | null;
  quantityUnit: string | null;
  /** FOCUS BilledCost when the file has it (cost is EffectiveCost): they differ for amortised purchases. */
  billedCost: DecimalString | null;
  category: ChargeCategory;
  /** The description or SKU the preview groups rows by (FOCUS ChargeDescription, else the metered unit). */
  groupLabel: string;
  /** The user left this row's group out of the consumption (the mapping's excludeGroups). */
  excluded: boolean;
  /** FOCUS ChargeClass "Correction": a change to a billing period already closed. */
  correction: boolean;
  /**
   * The statement this row belongs to, for restatements: provider, billing account and billing
   * period start of a FOCUS row (null when the file does not say). A later file with rows of the
   * same scope restates it: the scope's stored rows that the new file does not repeat are replaced.
   */
  scope: string | null;
  /** Set when a row whose period spans several periods was cut by days; null otherwise. */
  spread: SpreadPart | null;
  /** Columns of a recognised vendor format kept beside the normalised fields (e.g. the multiplier). */
  vendor: Record<string, string> | null;
  /** Set for FOCUS files, null otherwise. */
  focus: FocusFields | null;
}

/** True when the row counts as consumption (burn): a Usage row whose group was not left out. */
export function isConsumption(row: Pick<UsageRow, "category" | "excluded">): boolean {
  return row.category === "usage" && !row.excluded;
}

/** The key of a row's group in the preview and in a mapping's excludeGroups: "usage:Monthly unused fee". */
export function groupKeyOf(row: Pick<UsageRow, "category" | "groupLabel">): string {
  return `${row.category}:${row.groupLabel}`;
}

export type Confidence =
  /** a value in the file proves it */
  | "certain"
  /** no value proves it, but the data makes one reading clearly likelier */
  | "inferred"
  /** nothing in the file decides it: a default was taken */
  | "assumed"
  /** given by the mapping */
  | "given";

export type DateOrder = "ymd" | "mdy" | "dmy";

export interface DateFormatReport {
  /** How day/month dates such as 4/1/25 are read. "ymd" when the file has only year-first dates. */
  order: DateOrder;
  /** Date shapes seen, e.g. ["M/D/YY"], ["YYYY-MM-DD"], ["Excel date"]. */
  patterns: string[];
  confidence: Confidence;
  reason: string;
}

export interface NumberFormatReport {
  decimalSeparator: "." | ",";
  /** Grouping character seen in the file ("," "." " " "'"), null when none. */
  thousandsSeparator: string | null;
  /** Currency signs or codes found around numbers and removed, e.g. ["$"]. */
  currencySymbols: string[];
  confidence: Confidence;
  reason: string;
}

export interface FocusDetection {
  /** The lowest FOCUS version that has every column the file has (conditional columns may be absent in a later version). */
  version: FocusVersion;
  reason: string;
  /** Columns that decided the version. */
  versionColumns: string[];
  /** FOCUS columns found, as spelt in the file. */
  columns: string[];
  /** Provider-specific columns (x_ prefix). */
  customColumns: string[];
  /** Where the normalised fields come from, for display: field → column(s). */
  fieldSources: Record<string, string>;
  dataset: FocusDataset;
}

export interface RowIssue {
  /** Spreadsheet row (header = 1); 0 for a problem with the file as a whole. */
  row: number;
  /** Column header as written in the file, null when the problem is not about one column. */
  column: string | null;
  /** The offending cell text, null when not about one cell. */
  value: string | null;
  /** Full sentence, e.g. "row 7: Credits 'abc' is not a number". */
  message: string;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number | null;
  /** bytesRead / totalBytes, capped at 1; null without totalBytes. */
  fraction: number | null;
  /** Data rows read so far (blank rows excluded). */
  rows: number;
  done: boolean;
}

/** FOCUS datasets: cost-and-usage rows are usage; a Contract Commitment dataset lists commitments. */
export type FocusDataset = "CostAndUsage" | "ContractCommitment";

export interface ParseSummary {
  /** True when the whole file can be imported: it was readable, had rows, and no row was bad. */
  importable: boolean;
  format: FileFormat;
  /**
   * "focus" when recognised by its FOCUS header, "vendor" when recognised as a vendor's own
   * consumption export (see `vendor`), "mapped" when read through a column mapping.
   */
  kind: "focus" | "vendor" | "mapped" | null;
  focus: FocusDetection | null;
  /** The vendor export recognised by its header, when kind is "vendor". */
  vendor: { id: string; name: string } | null;
  /** The FOCUS dataset the header is of; null when the file is not FOCUS. */
  dataset: FocusDataset | null;
  /** The billing currency of the rows (the expected one when given, else the first the file names). */
  currency: string | null;
  /** Source rows cut into several periods by days. */
  spreadRowCount: number;
  /** Totals by category, group and period (only when asked for with `totals: true`). */
  totals: UsageTotals | null;
  headers: string[];
  delimiter: string | null;
  sheetName: string | null;
  dates: DateFormatReport | null;
  numbers: NumberFormatReport | null;
  /** Non-blank data rows read. */
  rowCount: number;
  /** Rows that normalised without a problem. */
  validRowCount: number;
  blankRowCount: number;
  badRowCount: number;
  /** Row problems, at most `maxIssues` of them. */
  errors: RowIssue[];
  /** Problems not listed in `errors` because of the cap. */
  omittedErrorCount: number;
  /** Problems that do not block the import (e.g. Tags that are not JSON), capped like errors. */
  warnings: RowIssue[];
  omittedWarningCount: number;
  /** Why nothing could be read or mapped at all (unreadable file, mapping naming a missing column). */
  fileError: string | null;
}

/** Sums of one set of rows, as exact decimal strings; null when no row of the set has a value. */
export interface Sums {
  rows: number;
  credits: DecimalString | null;
  actions: DecimalString | null;
  cost: DecimalString | null;
  billedCost: DecimalString | null;
}

export interface GroupTotals extends Sums {
  /** groupKeyOf(): "usage:Monthly usage charge" */
  key: string;
  category: ChargeCategory;
  label: string;
  /** left out by the mapping's excludeGroups */
  excluded: boolean;
  /** metered quantities of the group by unit (tokens, hours…) */
  quantities: Record<string, DecimalString>;
  /** credits bought (purchases whose pricing unit names credits or tokens) */
  creditsBought: DecimalString | null;
  /** the group's earliest period start and latest period end */
  from: IsoDate | null;
  until: IsoDate | null;
}

export interface PeriodTotals extends Sums {
  /** first day of the period: YYYY-MM-DD */
  start: IsoDate;
  /** "2025-04" for a month, "2025-W14" for an ISO week */
  label: string;
}

/** What a file holds, summed as the import would store it. */
export interface UsageTotals {
  granularity: "month" | "week";
  /** consumption only: usage rows not left out */
  consumption: Sums;
  groups: GroupTotals[];
  /** consumption per period, in period order */
  periods: PeriodTotals[];
  /** consumption per restatement scope (FOCUS provider | billing account | billing period) */
  scopes: Array<Sums & { scope: string }>;
}
