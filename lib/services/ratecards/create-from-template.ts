import { z } from "zod";
import { text } from "@/lib/services/validation";
import { templateById, toRateCardVersionDoc, unpublishedUnits } from "@/lib/ratecards/templates";
import type { RateCardTemplate } from "@/lib/ratecards/types";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { invalid } from "../errors";
import { insertRateCard } from "./create";

export const createFromTemplateInput = z.object({
  templateId: z.string().min(1, "Choose a template."),
  vendorId: z.string().nullable().optional(),
  name: text().trim().max(160).optional(),
});

export function templateOrThrow(templateId: string): RateCardTemplate {
  const t = templateById(templateId);
  if (!t) throw invalid("There is no built-in rate card template with that id.", { templateId: ["Choose a template from the list."] });
  return t;
}

/**
 * The workspace's own copy of a built-in template as a card with version 1. Units the vendor does
 * not publish a value for are left out (the model has no "unknown" credits) and named in the source.
 */
export async function insertRateCardFromTemplate(tx: WorkspaceCtx, t: RateCardTemplate, opts: { vendorId?: string | null; name?: string }) {
  const doc = toRateCardVersionDoc(t);
  const missing = unpublishedUnits(t).map((u) => u.name);
  if (doc.units.length === 0) {
    throw invalid(`The ${t.vendor} template publishes no credit value for any unit (${missing.join(", ")}); start a blank rate card and enter your contract's values.`);
  }
  const source = missing.length ? `${doc.source ?? ""}. Not published, add when known: ${missing.join(", ")}.` : (doc.source ?? "");
  return insertRateCard(tx, {
    name: opts.name?.trim() || `${t.vendor} ${t.product} (${t.effectiveFrom})`,
    vendorId: opts.vendorId ?? null,
    currency: t.currency,
    templateId: t.id,
    version: {
      effectiveFrom: doc.effectiveFrom,
      effectiveTo: doc.effectiveTo ?? null,
      source,
      units: doc.units,
      creditPrice: doc.creditPrice,
    },
  });
}

export async function createRateCardFromTemplate(ctx: WorkspaceCtx, input: z.input<typeof createFromTemplateInput>) {
  requireRole(ctx, "editor");
  const parsed = createFromTemplateInput.parse(input);
  const t = templateOrThrow(parsed.templateId);
  return inTransaction(ctx, (tx) => insertRateCardFromTemplate(tx, t, { vendorId: parsed.vendorId ?? null, ...(parsed.name ? { name: parsed.name } : {}) }));
}
