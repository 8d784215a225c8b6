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
  /** Set for FOCUS files, null otherwise. */
  focus: FocusFields | null;
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

export interface ParseSummary {
  /** True when the whole file can be imported: it was readable, had rows, and no row was bad. */
  importable: boolean;
  format: FileFormat;
  /** "focus" when recognised by its header, "mapped" when read through a column mapping. */
  kind: "focus" | "mapped" | null;
  focus: FocusDetection | null;
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
