import { z } from "zod";
import { text } from "@/lib/services/validation";
import { CreditPriceDoc, IsoDateString, MeteredUnitDoc } from "@/lib/engine/model/schema";

export const currencyCode = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "Use an ISO 4217 code such as USD.");

/** The units of a version, with the engine's unit schema, and ids that are unique. */
export const unitsField = z
  .array(MeteredUnitDoc)
  .min(1, "A rate card needs at least one unit.")
  .max(500, "Use at most 500 units.")
  .superRefine((units, ctx) => {
    const seen = new Set<string>();
    units.forEach((u, i) => {
      if (seen.has(u.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `duplicate unit id "${u.id}"` });
      seen.add(u.id);
    });
  });

/** What an editor can change on a draft version (the engine's RateCardVersionDoc fields). */
export const versionFields = z.object({
  effectiveFrom: IsoDateString,
  effectiveTo: IsoDateString.nullable().optional(),
  source: text().trim().max(2000, "Use at most 2,000 characters.").default(""),
  units: unitsField,
  creditPrice: CreditPriceDoc,
});
export type VersionFieldsInput = z.input<typeof versionFields>;

export const rateCardName = text().trim().min(1, "Enter a name.").max(160, "Use at most 160 characters.");
