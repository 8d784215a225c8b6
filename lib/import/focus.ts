// FinOps FOCUS cost-and-usage files: recognised by their header, versioned by the columns each
// release introduced (FOCUS_Spec CHANGELOG, columns history), read without a mapping.
import type { FocusDataset, FocusDetection, FocusFields, FocusVersion } from "@/lib/import/types";

/** Columns of the cost-and-usage dataset by the release that introduced them. */
const COLUMNS_SINCE: Record<FocusVersion, readonly string[]> = {
  // 1.0 also kept the 0.5 / 1.0-preview columns; the ones first named in 1.0 are listed in INTRODUCED_IN_1_0.
  "1.0": [
    "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
    "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd",
    "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName",
    "CommitmentDiscountStatus", "CommitmentDiscountType", "ConsumedQuantity", "ConsumedUnit", "ContractedCost",
    "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory",
    "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId",
    "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId",
    "SubAccountName", "Tags",
  ],
  "1.1": [
    "CapacityReservationId", "CapacityReservationStatus", "CommitmentDiscountQuantity", "CommitmentDiscountUnit",
    "ServiceSubcategory", "SkuMeter", "SkuPriceDetails",
  ],
  "1.2": [
    "BillingAccountType", "InvoiceId", "PricingCurrency", "PricingCurrencyContractedUnitPrice",
    "PricingCurrencyEffectiveCost", "PricingCurrencyListUnitPrice", "SubAccountType",
  ],
  "1.3": [
    "AllocatedMethodDetails", "AllocatedMethodId", "AllocatedResourceId", "AllocatedResourceName", "AllocatedTags",
    "ContractApplied", "HostProviderName", "ServiceProviderName",
  ],
};

const INTRODUCED_IN_1_0 = new Set([
  "ChargeClass", "CommitmentDiscountStatus", "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice",
  "RegionId", "RegionName",
]);

/** Names used before 1.0, renamed or removed since. */
const PRE_1_0 = ["UsageQuantity", "UsageUnit", "ChargeSubcategory", "ChargeType", "AmortizedCost"];

/**
 * Present in every FOCUS cost-and-usage release from 1.0 on; with BilledCost or EffectiveCost they
 * tell a FOCUS file from any other CSV. (BillingCurrency is mandatory too, but the specification's
 * own correction examples leave it out; the contract's currency is then assumed.)
 */
const SIGNATURE = ["ChargePeriodStart", "ChargeCategory"];

/** Columns of the FOCUS 1.3 Contract Commitment dataset (a supplemental dataset: commitments, not usage). */
const COMMITMENT_COLUMNS = [
  "ContractCommitmentId", "ContractId", "ContractCommitmentCategory", "ContractCommitmentCost", "ContractCommitmentQuantity",
  "ContractCommitmentUnit", "ContractCommitmentPeriodStart", "ContractCommitmentPeriodEnd", "ContractCommitmentType",
  "ContractCommitmentDescription", "ContractPeriodStart", "ContractPeriodEnd",
];

const VERSIONS: FocusVersion[] = ["1.0", "1.1", "1.2", "1.3"];

/** "ChargePeriodStart", "chargeperiodstart" and "charge_period_start" name the same column. */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, "");
}

const SINCE_BY_KEY = new Map<string, { id: string; version: FocusVersion }>();
for (const version of VERSIONS) for (const id of COLUMNS_SINCE[version]) SINCE_BY_KEY.set(columnKey(id), { id, version });

export type FocusValueKind = "text" | "decimal" | "date" | "json" | "currency";

/** Where each FocusFields member is read from: the first listed column the file has. */
export const FOCUS_FIELD_SOURCES: ReadonlyArray<{ field: keyof FocusFields; columns: readonly string[]; kind: FocusValueKind }> = [
  { field: "chargeCategory", columns: ["ChargeCategory"], kind: "text" },
  { field: "chargeClass", columns: ["ChargeClass"], kind: "text" },
  { field: "chargeDescription", columns: ["ChargeDescription"], kind: "text" },
  { field: "chargeFrequency", columns: ["ChargeFrequency"], kind: "text" },
  { field: "billingCurrency", columns: ["BillingCurrency"], kind: "currency" },
  { field: "billingPeriodStart", columns: ["BillingPeriodStart"], kind: "date" },
  { field: "billingPeriodEnd", columns: ["BillingPeriodEnd"], kind: "date" },
  { field: "billedCost", columns: ["BilledCost"], kind: "decimal" },
  { field: "effectiveCost", columns: ["EffectiveCost"], kind: "decimal" },
  { field: "listCost", columns: ["ListCost"], kind: "decimal" },
  { field: "contractedCost", columns: ["ContractedCost"], kind: "decimal" },
  { field: "listUnitPrice", columns: ["ListUnitPrice"], kind: "decimal" },
  { field: "contractedUnitPrice", columns: ["ContractedUnitPrice"], kind: "decimal" },
  { field: "pricingCategory", columns: ["PricingCategory"], kind: "text" },
  { field: "pricingQuantity", columns: ["PricingQuantity"], kind: "decimal" },
  { field: "pricingUnit", columns: ["PricingUnit"], kind: "text" },
  { field: "pricingCurrency", columns: ["PricingCurrency"], kind: "text" },
  { field: "pricingCurrencyEffectiveCost", columns: ["PricingCurrencyEffectiveCost"], kind: "decimal" },
  { field: "pricingCurrencyListUnitPrice", columns: ["PricingCurrencyListUnitPrice"], kind: "decimal" },
  { field: "pricingCurrencyContractedUnitPrice", columns: ["PricingCurrencyContractedUnitPrice"], kind: "decimal" },
  { field: "consumedQuantity", columns: ["ConsumedQuantity"], kind: "decimal" },
  { field: "consumedUnit", columns: ["ConsumedUnit"], kind: "text" },
  { field: "commitmentDiscountCategory", columns: ["CommitmentDiscountCategory"], kind: "text" },
  { field: "commitmentDiscountId", columns: ["CommitmentDiscountId"], kind: "text" },
  { field: "commitmentDiscountName", columns: ["CommitmentDiscountName"], kind: "text" },
  { field: "commitmentDiscountQuantity", columns: ["CommitmentDiscountQuantity"], kind: "decimal" },
  { field: "commitmentDiscountStatus", columns: ["CommitmentDiscountStatus"], kind: "text" },
  { field: "commitmentDiscountType", columns: ["CommitmentDiscountType"], kind: "text" },
  { field: "commitmentDiscountUnit", columns: ["CommitmentDiscountUnit"], kind: "text" },
  { field: "billingAccountId", columns: ["BillingAccountId"], kind: "text" },
  { field: "billingAccountName", columns: ["BillingAccountName"], kind: "text" },
  { field: "billingAccountType", columns: ["BillingAccountType"], kind: "text" },
  { field: "subAccountId", columns: ["SubAccountId"], kind: "text" },
  { field: "subAccountName", columns: ["SubAccountName"], kind: "text" },
  { field: "subAccountType", columns: ["SubAccountType"], kind: "text" },
  { field: "invoiceId", columns: ["InvoiceId"], kind: "text" },
  { field: "invoiceIssuerName", columns: ["InvoiceIssuerName"], kind: "text" },
  { field: "providerName", columns: ["ServiceProviderName", "ProviderName"], kind: "text" },
  { field: "publisherName", columns: ["PublisherName"], kind: "text" },
  { field: "hostProviderName", columns: ["HostProviderName"], kind: "text" },
  { field: "serviceCategory", columns: ["ServiceCategory"], kind: "text" },
  { field: "serviceName", columns: ["ServiceName"], kind: "text" },
  { field: "serviceSubcategory", columns: ["ServiceSubcategory"], kind: "text" },
  { field: "resourceId", columns: ["ResourceId"], kind: "text" },
  { field: "resourceName", columns: ["ResourceName"], kind: "text" },
  { field: "resourceType", columns: ["ResourceType"], kind: "text" },
  { field: "skuId", columns: ["SkuId"], kind: "text" },
  { field: "skuMeter", columns: ["SkuMeter"], kind: "text" },
  { field: "skuPriceId", columns: ["SkuPriceId"], kind: "text" },
  { field: "tags", columns: ["Tags"], kind: "json" },
  { field: "contractApplied", columns: ["ContractApplied"], kind: "json" },
];

/** FocusFields members in a fixed order, for hashing. */
export const FOCUS_FIELDS: ReadonlyArray<keyof FocusFields> = FOCUS_FIELD_SOURCES.map((s) => s.field);

/** How the normalised usage fields are taken from a FOCUS row, for the report. */
export const FOCUS_FIELD_DESCRIPTIONS: Record<string, string> = {
  periodStart: "ChargePeriodStart",
  periodEnd: "ChargePeriodEnd",
  agent: "ResourceName, else ResourceId",
  meteredUnit: "SkuMeter, else ChargeDescription, else SkuId",
  environment: "an env/environment/stage tag in Tags, else a prod/sandbox/dev/test/uat/staging word in SubAccountName",
  actions: "ConsumedQuantity when ConsumedUnit counts actions (requests, executions, messages…); other units (tokens, hours, GB) stay quantities of their unit",
  credits:
    "PricingCurrencyEffectiveCost when PricingCurrency is a virtual currency (not an ISO 4217 code); " +
    "else PricingQuantity when PricingUnit names credits, or ConsumedQuantity when ConsumedUnit does",
  cost: "EffectiveCost (BilledCost only when the file has no EffectiveCost column)",
  currency: "BillingCurrency",
  category: "ChargeCategory: only Usage is consumption; Usage rows billing an unused commitment (CommitmentDiscountStatus Unused, or an unused/shortfall fee) are kept apart",
};

/** Index of each FOCUS column key in the header, first occurrence wins. */
export function headerIndex(headers: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = columnKey(h);
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

/** The FOCUS dataset a header is of, or null when it is not FOCUS at all. */
export function detectFocusDataset(headers: readonly string[]): FocusDataset | null {
  const keys = new Set(headers.map(columnKey));
  if (SIGNATURE.every((c) => keys.has(columnKey(c))) && (keys.has(columnKey("BilledCost")) || keys.has(columnKey("EffectiveCost")))) return "CostAndUsage";
  const commitment = COMMITMENT_COLUMNS.filter((c) => keys.has(columnKey(c))).length;
  if (keys.has(columnKey("ContractCommitmentId")) && commitment >= 3) return "ContractCommitment";
  return null;
}

/** The Contract Commitment dataset's columns found in a header, as spelt there. */
export function commitmentColumns(headers: readonly string[]): string[] {
  const wanted = new Set(COMMITMENT_COLUMNS.map(columnKey));
  return headers.filter((h) => wanted.has(columnKey(h)));
}

/** null when the header is not a FOCUS cost-and-usage header. */
export function detectFocus(headers: readonly string[]): FocusDetection | null {
  const keys = new Set(headers.map(columnKey));
  if (detectFocusDataset(headers) !== "CostAndUsage") return null;
  if (!keys.has(columnKey("BilledCost")) && !keys.has(columnKey("EffectiveCost"))) return null;

  const columns: string[] = [];
  const customColumns: string[] = [];
  const byVersion = new Map<FocusVersion, string[]>();
  for (const h of headers) {
    if (/^x_/i.test(h.trim())) {
      customColumns.push(h);
      continue;
    }
    const known = SINCE_BY_KEY.get(columnKey(h));
    if (!known) continue;
    columns.push(h);
    const list = byVersion.get(known.version) ?? [];
    list.push(known.id);
    byVersion.set(known.version, list);
  }

  const version = [...VERSIONS].reverse().find((v) => v !== "1.0" && (byVersion.get(v)?.length ?? 0) > 0) ?? "1.0";
  const signature = `${SIGNATURE.join(", ")} and ${keys.has(columnKey("EffectiveCost")) ? "EffectiveCost" : "BilledCost"}`;
  let versionColumns: string[];
  let why: string;
  if (version === "1.0") {
    versionColumns = (byVersion.get("1.0") ?? []).filter((c) => INTRODUCED_IN_1_0.has(c));
    why =
      versionColumns.length > 0
        ? `${versionColumns.join(", ")} first appeared in FOCUS 1.0 and no column of a later release is present`
        : "no column introduced after FOCUS 1.0 is present";
    const legacy = PRE_1_0.filter((c) => keys.has(columnKey(c)));
    if (legacy.length > 0) why += `; pre-1.0 column names (${legacy.join(", ")}) are present and are not read`;
  } else {
    versionColumns = byVersion.get(version) ?? [];
    const next = VERSIONS[VERSIONS.indexOf(version) + 1];
    why = `${versionColumns.join(", ")} ${versionColumns.length === 1 ? "was" : "were"} introduced in FOCUS ${version}`;
    why += next
      ? `; no column introduced in ${next} (e.g. ${(COLUMNS_SINCE[next][0] ?? "")}) is present`
      : "";
  }
  const reason =
    `FOCUS cost-and-usage header (${signature} present); version ${version} or later: ${why}. ` +
    "Later releases mostly add conditional columns, so the version is a lower bound.";
  return { version, reason, versionColumns, columns, customColumns, fieldSources: { ...FOCUS_FIELD_DESCRIPTIONS }, dataset: "CostAndUsage" };
}

let nationalCurrencies: Set<string> | null = null;

/** ISO 4217 codes ("USD", "EUR"); a pricing currency outside them is a virtual one (tokens, credits). */
export function isNationalCurrency(code: string): boolean {
  nationalCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  return nationalCurrencies.has(code.trim().toUpperCase());
}
