import { Readable } from "node:stream";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { usageMappingSchema, USAGE_FIELDS, type UsageMapping } from "@/lib/import/mapping";
import { parseUsageFile, previewUsageFile, type ImportPreview } from "@/lib/import/parse";
import { KeySet } from "@/lib/import/row-key";
import { isConsumption, type RowIssue, type UsageTotals } from "@/lib/import/types";
import { requireRole, type WorkspaceCtx } from "../context";
import { invalid } from "../errors";
import { getContractOrThrow } from "../contracts/get";
import { getRememberedMapping } from "./mapping";
import { executeRows } from "./raw";
import { monthName, scopeFigures, scopeLabel, type ScopeFigures } from "./restate";
import { storedScopes } from "./stored";

/** Enough for any workbook a person exports by hand; large CSVs send only their first 64 KB. */
export const MAX_PREVIEW_BYTES = 64 * 1024 * 1024;

export const previewInput = z.object({
  contractId: z.string(),
  format: z.enum(["csv", "xlsx"]),
  /** a mapping the user is trying out; absent = the vendor's remembered one, else a guess */
  mapping: z.unknown().optional(),
  /** the browser sent the whole file (not only its head): the check covers every row */
  wholeFile: z.boolean().default(false),
});

/** A restated billing period: the stored rows the file replaces, and the consumption before and after. */
export interface PreviewRestatement {
  scope: string;
  label: string;
  rowsReplaced: number;
  rowsKept: number;
  before: ScopeFigures;
  after: ScopeFigures;
}

/** Corrections (FOCUS ChargeClass "Correction") to a month already stored: its consumption before and after. */
export interface PreviewCorrection {
  month: string;
  label: string;
  rows: number;
  before: ScopeFigures;
  after: ScopeFigures;
}

/** The file read as the import would read it, with what it would change in the contract. */
export interface FileCheck {
  /** the check covers the whole file; otherwise only its first rows were sent */
  wholeFile: boolean;
  importable: boolean;
  rowCount: number;
  validRowCount: number;
  errors: RowIssue[];
  omittedErrorCount: number;
  warnings: RowIssue[];
  spreadRowCount: number;
  currency: string | null;
  totals: UsageTotals | null;
  restatements: PreviewRestatement[];
  corrections: PreviewCorrection[];
  fileError: string | null;
}

export interface BurnPreview {
  preview: ImportPreview;
  /** where the proposed mapping comes from */
  mappingSource: "given" | "remembered" | "suggested" | "focus" | "vendor";
  fields: readonly string[];
  check: FileCheck | null;
}

async function readHead(head: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of head) {
    const chunk = Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array);
    size += chunk.length;
    if (size > MAX_PREVIEW_BYTES) {
      head.destroy();
      throw invalid(`The file is too large to preview (over ${MAX_PREVIEW_BYTES / 1024 / 1024} MB). Save it as CSV, which is previewed from its first rows.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const add = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : new Decimal(a).plus(b).toFixed());

/**
 * Describes a file before importing it: format, FOCUS version or vendor, columns, first rows,
 * detected date and number formats, and the mapping to confirm (the vendor's remembered one when
 * it fits). When the mapping is complete, the rows sent are read as the import would read them:
 * totals by category and group, periods, refused rows, and the billing periods the file restates.
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
  const bytes = await readHead(head);
  const read = (mapping: UsageMapping | null) =>
    previewUsageFile(Readable.from([bytes]), { format: parsed.format, mapping, rows: 20, expectedCurrency: contract.currency });

  let result: Omit<BurnPreview, "check">;
  if (given) result = { preview: await read(given), mappingSource: "given", fields: USAGE_FIELDS };
  else {
    const plain = await read(null);
    if (plain.focus || plain.vendor || plain.dataset) {
      // Recognised by its header: no columns to map; the groups this vendor's files leave out still apply.
      const excludeGroups = remembered?.excludeGroups ?? [];
      const preview = excludeGroups.length > 0 ? await read({ columns: {}, excludeGroups }) : plain;
      result = { preview, mappingSource: plain.vendor ? "vendor" : "focus", fields: USAGE_FIELDS };
    } else {
      const withRemembered = remembered ? await read(remembered) : null;
      result =
        withRemembered && !withRemembered.mappingProblem && !withRemembered.fileError
          ? { preview: withRemembered, mappingSource: "remembered", fields: USAGE_FIELDS }
          : { preview: plain, mappingSource: "suggested", fields: USAGE_FIELDS };
    }
  }
  const p = result.preview;
  const check = p.fileError || p.mappingProblem ? null : await checkFile(ctx, contract, bytes, parsed.format, p.mapping, parsed.wholeFile || parsed.format === "xlsx");
  return { ...result, check };
}

async function checkFile(
  ctx: WorkspaceCtx,
  contract: { id: string; currency: string; granularity: "month" | "week" },
  bytes: Buffer,
  format: "csv" | "xlsx",
  mapping: UsageMapping,
  wholeFile: boolean,
): Promise<FileCheck> {
  const target = { workspaceId: ctx.workspace.id, contractId: contract.id };
  const scopesStored = await storedScopes(ctx.db, ctx.workspace.id, contract.id);
  const fileKeys = new Map<string, KeySet>();
  const corrections = new Map<string, { rows: number; credits: string | null; cost: string | null }>();
  const parse = parseUsageFile(Readable.from([bytes]), {
    format,
    mapping,
    expectedCurrency: contract.currency,
    granularity: contract.granularity,
    totals: true,
    maxIssues: 200,
  });
  let step = await parse.next();
  for (; !step.done; step = await parse.next()) {
    for (const row of step.value) {
      if (row.scope !== null && scopesStored.has(row.scope)) {
        let set = fileKeys.get(row.scope);
        if (!set) fileKeys.set(row.scope, (set = new KeySet()));
        set.add(row.rowKey);
      }
      if (row.correction && isConsumption(row)) {
        const month = `${row.periodStart.slice(0, 7)}-01`;
        const c = corrections.get(month) ?? { rows: 0, credits: null, cost: null };
        corrections.set(month, { rows: c.rows + 1, credits: add(c.credits, row.credits), cost: add(c.cost, row.cost) });
      }
    }
  }
  const summary = step.value;

  const restatements: PreviewRestatement[] = [];
  const scopes = [...fileKeys.keys()];
  if (scopes.length > 0) {
    const before = await scopeFigures(ctx.db, target, scopes, null);
    for (const scope of scopes) {
      const keys = fileKeys.get(scope);
      const stored = await executeRows<{ row_key: string }>(
        ctx.db,
        sql`select row_key from burn_rows where workspace_id = ${ctx.workspace.id} and contract_id = ${contract.id} and extras->>'scope' = ${scope}
            union all select row_key from burn_charges where workspace_id = ${ctx.workspace.id} and contract_id = ${contract.id} and extras->>'scope' = ${scope}`,
      );
      const kept = stored.filter((r) => keys?.has(r.row_key)).length;
      const file = summary.totals?.scopes.find((s) => s.scope === scope);
      restatements.push({
        scope,
        label: scopeLabel(scope),
        rowsReplaced: stored.length - kept,
        rowsKept: kept,
        before: before.get(scope) ?? { rows: 0, credits: null, cost: null },
        after: { rows: file?.rows ?? 0, credits: file?.credits ?? null, cost: file?.cost ?? null },
      });
    }
  }

  const correctionViews: PreviewCorrection[] = [];
  for (const [month, c] of [...corrections].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [stored] = await executeRows<{ rows: number; credits: string | null; cost: string | null }>(
      ctx.db,
      sql`select count(*)::int as rows, sum(credits)::text as credits, sum(cost)::text as cost from burn_rows
          where workspace_id = ${ctx.workspace.id} and contract_id = ${contract.id}
            and period_start >= ${month} and period_start < (${month}::date + interval '1 month')`,
    );
    const before = { rows: Number(stored?.rows ?? 0), credits: stored?.credits ?? null, cost: stored?.cost ?? null };
    correctionViews.push({ month, label: monthName(month), rows: c.rows, before, after: { rows: before.rows + c.rows, credits: add(before.credits, c.credits), cost: add(before.cost, c.cost) } });
  }

  return {
    wholeFile,
    importable: summary.importable,
    rowCount: summary.rowCount,
    validRowCount: summary.validRowCount,
    errors: summary.errors.slice(0, 50),
    omittedErrorCount: summary.omittedErrorCount + Math.max(0, summary.errors.length - 50),
    warnings: summary.warnings.slice(0, 50),
    spreadRowCount: summary.spreadRowCount,
    currency: summary.currency,
    totals: summary.totals,
    restatements,
    corrections: correctionViews,
    fileError: summary.fileError,
  };
}
