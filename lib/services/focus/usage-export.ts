// A contract's observed burn as a FOCUS 1.2 cost-and-usage dataset: one Usage row per stored burn
// row, credits as a virtual currency (PricingCurrency "Credits", PricingCurrencyEffectiveCost the
// credits burned), the money as EffectiveCost and BilledCost in the contract's currency, actions as
// ConsumedQuantity. The workbench's own importer reads it back to the same burn per period.
import { slugify } from "@/lib/slug";
import Papa from "papaparse";
import { and, asc, eq } from "drizzle-orm";
import { burnRows } from "@/lib/db/schema/burn";
import { vendors } from "@/lib/db/schema/vendors";
import type { WorkspaceCtx } from "../context";
import { getContractOrThrow } from "../contracts/get";

export const USAGE_CSV_COLUMNS = [
  "BillingAccountId",
  "BillingAccountName",
  "BillingCurrency",
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargeCategory",
  "ChargeClass",
  "ChargeDescription",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "BilledCost",
  "EffectiveCost",
  "ConsumedQuantity",
  "ConsumedUnit",
  "PricingCurrency",
  "PricingCurrencyEffectiveCost",
  "ProviderName",
  "ServiceName",
  "ResourceName",
  "SkuMeter",
  "Tags",
] as const;
type UsageCsvRow = Record<(typeof USAGE_CSV_COLUMNS)[number], string>;

/** The virtual currency credits are priced in (FOCUS 1.2: any PricingCurrency that is not ISO 4217). */
export const CREDIT_CURRENCY = "Credits";

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const at = (day: string) => `${day}T00:00:00Z`;

/** The row's period end, exclusive as FOCUS states it and as burn rows store it; without one, the end of its period. */
function periodEndExclusive(start: string, end: string | null, granularity: "month" | "week"): string {
  if (end) return end;
  const d = utc(start);
  if (granularity === "week") d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1, 1);
  return iso(d);
}

function billingPeriod(start: string): [string, string] {
  const d = utc(start);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  return [iso(first), iso(next)];
}

export async function exportContractUsage(ctx: WorkspaceCtx, contractId: string): Promise<{ filename: string; csv: string; rows: number }> {
  const contract = await getContractOrThrow(ctx, contractId);
  const [vendor] = await ctx.db.select({ name: vendors.name }).from(vendors).where(and(eq(vendors.id, contract.vendorId), eq(vendors.workspaceId, ctx.workspace.id)));
  const rows = await ctx.db
    .select()
    .from(burnRows)
    .where(and(eq(burnRows.workspaceId, ctx.workspace.id), eq(burnRows.contractId, contract.id)))
    .orderBy(asc(burnRows.periodStart), asc(burnRows.id));
  const data: UsageCsvRow[] = rows.map((r) => {
    const [billStart, billEnd] = billingPeriod(r.periodStart);
    return {
      BillingAccountId: contract.id,
      BillingAccountName: contract.name,
      BillingCurrency: r.currency ?? contract.currency,
      BillingPeriodStart: at(billStart),
      BillingPeriodEnd: at(billEnd),
      ChargeCategory: "Usage",
      ChargeClass: "",
      ChargeDescription: r.unit ?? "",
      ChargePeriodStart: at(r.periodStart),
      ChargePeriodEnd: at(periodEndExclusive(r.periodStart, r.periodEnd, contract.granularity)),
      BilledCost: r.cost ?? "",
      EffectiveCost: r.cost ?? "",
      ConsumedQuantity: r.actions ?? "",
      ConsumedUnit: r.actions === null ? "" : "Actions",
      PricingCurrency: r.credits === null ? "" : CREDIT_CURRENCY,
      PricingCurrencyEffectiveCost: r.credits ?? "",
      ProviderName: vendor?.name ?? "",
      ServiceName: contract.product ?? "",
      ResourceName: r.agent ?? "",
      SkuMeter: r.unit ?? "",
      Tags: r.environment ? JSON.stringify({ environment: r.environment === "production" ? "production" : "sandbox" }) : "",
    };
  });
  // escapeFormulae: an agent named "=…" from an imported file must not run as a formula in a spreadsheet.
  const csv = Papa.unparse({ fields: [...USAGE_CSV_COLUMNS], data: data.map((r) => USAGE_CSV_COLUMNS.map((c) => r[c])) }, { newline: "\r\n", escapeFormulae: true });
  const slug = slugify(`${vendor?.name ?? ""} ${contract.name}`, "contract");
  return { filename: `${slug}-focus-cost-and-usage.csv`, csv, rows: rows.length };
}
