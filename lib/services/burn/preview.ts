import type { Readable } from "node:stream";
import { z } from "zod";
import { usageMappingSchema, USAGE_FIELDS, type UsageMapping } from "@/lib/import/mapping";
import { previewUsageFile, type ImportPreview } from "@/lib/import/parse";
import { requireRole, type WorkspaceCtx } from "../context";
import { invalid } from "../errors";
import { getContractOrThrow } from "../contracts/get";
import { getRememberedMapping } from "./mapping";

/** Enough for any workbook a person exports by hand; CSV previews send only their first 64 KB. */
export const MAX_PREVIEW_BYTES = 64 * 1024 * 1024;

export const previewInput = z.object({
  contractId: z.string(),
  format: z.enum(["csv", "xlsx"]),
  /** a mapping the user is trying out; absent = the vendor's remembered one, else a guess */
  mapping: z.unknown().optional(),
});

export interface BurnPreview {
  preview: ImportPreview;
  /** where the proposed mapping comes from */
  mappingSource: "given" | "remembered" | "suggested" | "focus";
  fields: readonly string[];
}

/**
 * Describes the head of a file before importing it: format, FOCUS version, columns, first rows,
 * detected date and number formats, and the mapping to confirm (the vendor's remembered one when it
 * fits this file). Only the first rows are read; the caller may send just the start of a CSV.
 */
export async function previewBurnFile(ctx: WorkspaceCtx, input: z.input<typeof previewInput>, head: Readable): Promise<BurnPreview> {
  requireRole(ctx, "editor");
  const parsed = previewInput.parse(input);
  const contract = await getContractOrThrow(ctx, parsed.contractId);
  let given: UsageMapping | null = null;
  if (parsed.mapping !== undefined && parsed.mapping !== null) {
    const checked = usageMappingSchema.safeParse(parsed.mapping);
    if (!checked.success) throw invalid(`The column mapping is not valid: ${z.prettifyError(checked.error)}`);
    given = parsed.mapping as UsageMapping;
  }
  const remembered = given ? null : await getRememberedMapping(ctx, contract.vendorId);
  const chunks: Buffer[] = [];
  let size = 0;
  // The head is small (a slice of a CSV) or a whole XLSX (a zip is unreadable without its end): keep
  // it to read twice if needed, up to a cap.
  for await (const c of head) {
    const chunk = Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array);
    size += chunk.length;
    if (size > MAX_PREVIEW_BYTES) {
      head.destroy();
      throw invalid(`The file is too large to preview (over ${MAX_PREVIEW_BYTES / 1024 / 1024} MB). Save it as CSV, which is previewed from its first rows.`);
    }
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  const { Readable: R } = await import("node:stream");
  const read = (mapping: UsageMapping | null) => previewUsageFile(R.from([bytes]), { format: parsed.format, mapping, rows: 20 });

  if (given) return { preview: await read(given), mappingSource: "given", fields: USAGE_FIELDS };
  if (remembered) {
    const withRemembered = await read(remembered);
    if (!withRemembered.focus && !withRemembered.mappingProblem && !withRemembered.fileError) {
      return { preview: withRemembered, mappingSource: "remembered", fields: USAGE_FIELDS };
    }
  }
  const preview = await read(null);
  return { preview, mappingSource: preview.focus ? "focus" : "suggested", fields: USAGE_FIELDS };
}
