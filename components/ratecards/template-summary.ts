import { formatMoney, formatNumber } from "@/components/format";
import { listTemplates, unpublishedUnits } from "@/lib/ratecards/templates";
import type { TemplateCreditPrice } from "@/lib/ratecards/types";
import type { TemplateSummary } from "./template-picker";

export function describePrice(p: TemplateCreditPrice, currency: string): string {
  if (p.kind === "unknown") return "no published price per credit";
  return p.kind === "direct" ? `${formatMoney(String(p.pricePerCredit), currency)} per credit` : `${formatMoney(String(p.packPrice), currency)} per ${formatNumber(String(p.packCredits), 6)} credits`;
}

/** Server side: the built-in templates as the picker shows them. */
export function templateSummaries(): TemplateSummary[] {
  return listTemplates().map((t) => ({
    id: t.id,
    vendor: t.vendor,
    product: t.product,
    effectiveFrom: t.effectiveFrom,
    currency: t.currency,
    sourceTitle: t.source.title,
    sourceUrl: t.source.url,
    sourcePublisher: t.source.publisher,
    units: t.units.length - unpublishedUnits(t).length,
    unpublished: unpublishedUnits(t).length,
    price: describePrice(t.creditPrice, t.currency),
  }));
}
