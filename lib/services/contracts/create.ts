import { z } from "zod";
import { contracts } from "@/lib/db/schema/contracts";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { invalid } from "../errors";
import { insertRateCardFromTemplate, templateOrThrow } from "../ratecards/create-from-template";
import { lockRateCardVersion } from "../ratecards/lock";
import { getRateCardVersionOrThrow } from "../ratecards/get";
import { createVendorIn } from "../vendors/create";
import { getVendorOrThrow } from "../vendors/get";
import { parseOrInvalid, text } from "../validation";
import { contractFields } from "./schema";
import { enqueueForecast } from "../forecast/recompute";
import { parseTerms } from "./terms";

export const rateCardSource = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("template"), templateId: z.string().min(1, "Choose a template.") }),
  z.object({ kind: z.literal("version"), versionId: z.string().min(1, "Choose a rate card version.") }),
]);

export const createContractInput = z.object({
  fields: z.unknown(),
  /** creates this vendor in the same transaction instead of using fields.vendorId */
  newVendorName: text().trim().max(120, "Use at most 120 characters.").optional(),
  rateCard: rateCardSource,
  clauses: z.unknown().optional(),
  drivers: z.unknown().optional(),
});

/**
 * Creates a contract on a rate card version, which it locks. From a built-in template, the workspace
 * first gets its own rate card (version 1 copied from the template), all in one transaction.
 */
export async function createContract(ctx: WorkspaceCtx, input: z.input<typeof createContractInput>) {
  requireRole(ctx, "editor");
  const { rateCard: source, newVendorName, ...rest } = createContractInput.parse(input);
  const fields = parseOrInvalid(
    contractFields,
    newVendorName ? { ...(rest.fields as object), vendorId: "new" } : rest.fields,
    "Contract",
  );
  return inTransaction(ctx, async (tx) => {
    const vendor = newVendorName
      ? await createVendorIn(tx, { name: newVendorName, product: fields.product, notes: "" })
      : await getVendorOrThrow(tx, fields.vendorId);
    let version;
    if (source.kind === "template") {
      const t = templateOrThrow(source.templateId);
      if (t.currency !== fields.currency) {
        throw invalid(`The ${t.vendor} template is priced in ${t.currency}; use ${t.currency} for this contract.`, { currency: [`Use ${t.currency}, the template's currency.`] });
      }
      ({ version } = await insertRateCardFromTemplate(tx, t, { vendorId: vendor.id }));
    } else {
      version = await getRateCardVersionOrThrow(tx, source.versionId);
      if (version.currency !== fields.currency) {
        throw invalid(`That rate card is priced in ${version.currency}; use ${version.currency} for this contract.`, { currency: [`Use ${version.currency}, the rate card's currency.`] });
      }
    }
    const terms = parseTerms({ clauses: rest.clauses ?? {}, drivers: rest.drivers ?? null }, version);
    const [row] = await tx.db
      .insert(contracts)
      .values({
        workspaceId: tx.workspace.id,
        vendorId: vendor.id,
        name: fields.name,
        product: fields.product,
        currency: fields.currency,
        termStart: fields.termStart,
        termEnd: fields.termEnd,
        renewalDate: fields.renewalDate,
        noticeDays: fields.noticeDays,
        granularity: fields.granularity,
        fixedLines: fields.fixedLines,
        rateCardVersionId: version.id,
        clauses: terms.clauses ?? {},
        drivers: terms.drivers ?? null,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await lockRateCardVersion(tx, version.id, { type: "contract", id: row.id });
    await recordAudit(tx, {
      action: "contract.create",
      targetType: "contract",
      targetId: row.id,
      details: { name: row.name, vendor: vendor.name, rateCardVersionId: version.id, ...(source.kind === "template" ? { templateId: source.templateId } : {}) },
    });
    await enqueueForecast(tx.db, tx.workspace.id, row.id);
    return row;
  });
}
