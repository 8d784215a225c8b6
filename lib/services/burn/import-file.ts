// Imports a usage file into a contract's observed burn, all or nothing, without double counting.
//
//   1. burn_imports gets a "running" row (its own statement), so any instance can report progress.
//   2. The file streams through the parser; clean batches are COPYed into the staging table
//      burn_import_rows tagged with the import id, and progress is written every PROGRESS_MS.
//   3. A bad row (or an unreadable, truncated or failed upload) ends in `discard`: the staging rows
//      are deleted and the import is marked failed with every bad row and its reason. burn_rows is
//      never touched.
//   4. A clean file ends in ONE transaction: INSERT … SELECT from staging ON CONFLICT (contract_id,
//      row_key) DO NOTHING (counting inserted rows; the rest were already stored), delete the
//      staging rows, mark the import succeeded, remember the mapping, write the audit row.
// Row keys are content hashes from the parser, so the same file imported twice adds nothing.
import { createHash } from "node:crypto";
import { Transform, pipeline, type Readable } from "node:stream";
import { and, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { burnImportRows, burnImports, type ImportRowError } from "@/lib/db/schema/burn";
import { usageMappingSchema, type UsageMapping } from "@/lib/import/mapping";
import { parseUsageFile } from "@/lib/import/parse";
import type { ImportProgress, ParseSummary } from "@/lib/import/types";
import { inTransaction, isUuid, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict, invalid } from "../errors";
import { getContractOrThrow } from "../contracts/get";
import { isUniqueViolation } from "../validation";
import { enqueueForecast } from "../forecast/recompute";
import { rememberMapping } from "./mapping";
import { executeRows } from "./raw";
import { openStagingWriter } from "./staging";
import { STALL_AFTER_MS, toImportView, type BurnImportView } from "./view";

/** How often progress is written to burn_imports while a file streams in. */
const PROGRESS_MS = 400;

export const importFileInput = z.object({
  contractId: z.string(),
  /** chosen by the browser (crypto.randomUUID) so that it can poll progress while the upload runs */
  importId: z.string().refine(isUuid, "must be a UUID"),
  fileName: z.string().trim().min(1, "The file needs a name.").max(255),
  format: z.enum(["csv", "xlsx"]),
  mapping: z.unknown().optional(),
  /** remember this mapping for the contract's vendor (when the file is read through a mapping) */
  rememberMapping: z.boolean().default(true),
  /** size of the upload, for progress and to notice a truncated body */
  totalBytes: z.number().int().min(0).nullable().optional(),
});
export type ImportFileInput = z.input<typeof importFileInput>;

export interface ImportOutcome extends BurnImportView {
  summary: Pick<ParseSummary, "kind" | "focus" | "dates" | "numbers" | "rowCount" | "badRowCount" | "fileError"> | null;
}

function rowErrors(summary: ParseSummary): ImportRowError[] {
  const out: ImportRowError[] = summary.errors.map((e) => ({ row: e.row, ...(e.column ? { column: e.column } : {}), message: e.message }));
  if (summary.fileError) out.unshift({ row: 0, message: summary.fileError });
  return out;
}

function detailOf(summary: ParseSummary | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  if (!summary) return extra;
  return {
    kind: summary.kind,
    focusVersion: summary.focus?.version ?? null,
    dates: summary.dates,
    numbers: summary.numbers,
    blankRows: summary.blankRowCount,
    badRows: summary.badRowCount,
    warnings: summary.warnings.slice(0, 20),
    warningCount: summary.warnings.length + summary.omittedWarningCount,
    ...extra,
  };
}

/** Running imports of the workspace nobody has heard from in STALL_AFTER_MS: their instance died. */
async function sweepStalled(ctx: WorkspaceCtx): Promise<void> {
  const stale = await ctx.db
    .select({ id: burnImports.id })
    .from(burnImports)
    .where(
      and(
        eq(burnImports.workspaceId, ctx.workspace.id),
        eq(burnImports.status, "running"),
        lt(burnImports.updatedAt, sql`now() - ${`${Math.round(STALL_AFTER_MS / 1000)} seconds`}::interval`),
      ),
    );
  for (const { id } of stale) {
    await ctx.db.delete(burnImportRows).where(eq(burnImportRows.importId, id));
    await ctx.db
      .update(burnImports)
      .set({ status: "failed", errors: [{ row: 0, message: "The import was interrupted; nothing of it was stored." }], errorCount: 1, finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(burnImports.id, id), eq(burnImports.workspaceId, ctx.workspace.id), eq(burnImports.status, "running")));
  }
}

async function discard(ctx: WorkspaceCtx, importId: string, fields: Partial<typeof burnImports.$inferInsert>): Promise<void> {
  await ctx.db.delete(burnImportRows).where(eq(burnImportRows.importId, importId));
  await ctx.db
    .update(burnImports)
    .set({ ...fields, status: "failed", finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(burnImports.id, importId), eq(burnImports.workspaceId, ctx.workspace.id)));
}

export async function importBurnFile(ctx: WorkspaceCtx, input: ImportFileInput, body: Readable): Promise<ImportOutcome> {
  requireRole(ctx, "editor");
  const parsed = importFileInput.parse(input);
  const contract = await getContractOrThrow(ctx, parsed.contractId);
  let mapping: UsageMapping | null = null;
  if (parsed.mapping !== undefined && parsed.mapping !== null) {
    const checked = usageMappingSchema.safeParse(parsed.mapping);
    if (!checked.success) throw invalid(`The column mapping is not valid: ${z.prettifyError(checked.error)}`);
    mapping = parsed.mapping as UsageMapping;
  }
  const importId = parsed.importId;
  const totalBytes = parsed.totalBytes ?? null;

  await sweepStalled(ctx);
  try {
    await ctx.db.insert(burnImports).values({
      id: importId,
      workspaceId: ctx.workspace.id,
      contractId: contract.id,
      fileName: parsed.fileName,
      fileSha256: "",
      format: parsed.format,
      bytesTotal: totalBytes ?? 0,
      createdBy: ctx.actor.id,
    });
  } catch (e) {
    body.destroy();
    if (isUniqueViolation(e)) throw conflict("That import has already been started.");
    throw e;
  }

  const hash = createHash("sha256");
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  pipeline(body, hashing, () => {
    // An aborted upload surfaces in the parser as an unreadable file.
  });

  let latest: ImportProgress | null = null;
  let staged = 0;
  let lastWrite = 0;
  const writeProgress = async () => {
    lastWrite = Date.now();
    if (!latest) return;
    await ctx.db
      .update(burnImports)
      .set({ bytesDone: latest.bytesRead, rowsRead: latest.rows, updatedAt: sql`now()` })
      .where(and(eq(burnImports.id, importId), eq(burnImports.workspaceId, ctx.workspace.id)));
  };

  let summary: ParseSummary;
  const started = Date.now();
  const writer = await openStagingWriter(ctx.db, importId).catch(async (e: unknown) => {
    hashing.destroy();
    await discard(ctx, importId, { errors: [{ row: 0, message: "The import failed on our side; nothing was stored." }], errorCount: 1 });
    throw e;
  });
  try {
    const parse = parseUsageFile(hashing, {
      format: parsed.format,
      mapping,
      totalBytes,
      onProgress: (p) => {
        latest = p;
      },
    });
    let step = await parse.next();
    for (; !step.done; step = await parse.next()) {
      await writer.write(step.value);
      staged += step.value.length;
      if (Date.now() - lastWrite >= PROGRESS_MS) await writeProgress();
    }
    summary = step.value;
    if (summary.importable) await writer.finish();
    else await writer.abort();
  } catch (e) {
    await writer.abort();
    hashing.destroy();
    await discard(ctx, importId, { errors: [{ row: 0, message: "The import failed on our side; nothing was stored." }], errorCount: 1 });
    throw e;
  }

  const progress = latest as ImportProgress | null;
  const bytesRead = progress?.bytesRead ?? 0;
  const truncated = summary.importable && totalBytes !== null && bytesRead !== totalBytes;
  const base = { bytesDone: bytesRead, rowsRead: summary.rowCount, fileSha256: hash.digest("hex") };
  const outcome = (view: BurnImportView): ImportOutcome => ({
    ...view,
    summary: { kind: summary.kind, focus: summary.focus, dates: summary.dates, numbers: summary.numbers, rowCount: summary.rowCount, badRowCount: summary.badRowCount, fileError: summary.fileError },
  });

  if (!summary.importable || truncated || staged !== summary.rowCount) {
    const errors = truncated
      ? [{ row: 0, message: `The upload ended after ${bytesRead} of ${totalBytes} bytes; nothing was stored. Try again.` }]
      : rowErrors(summary);
    const errorCount = truncated ? 1 : (summary.fileError ? 1 : 0) + summary.errors.length + summary.omittedErrorCount;
    await discard(ctx, importId, { ...base, errors, errorCount, detail: detailOf(summary) });
    return outcome(await readView(ctx, importId));
  }

  const staging = Date.now();
  try {
    await inTransaction(ctx, async (tx) => {
      const [moved] = await executeRows<{ n: number }>(
        tx.db,
        sql`with moved as (
              insert into burn_rows (workspace_id, contract_id, import_id, row_key, period_start, period_end, agent, unit, environment, actions, credits, cost, currency, extras)
              select ${tx.workspace.id}, ${contract.id}, import_id, row_key, period_start, period_end, agent, unit, environment, actions, credits, cost, currency, extras
              from burn_import_rows where import_id = ${importId}
              -- in key order, the unique index is filled page by page rather than at random (~15% faster)
              order by row_key
              on conflict (contract_id, row_key) do nothing
              returning 1)
            select count(*)::int as n from moved`,
      );
      const inserted = Number(moved?.n ?? 0);
      await tx.db.delete(burnImportRows).where(eq(burnImportRows.importId, importId));
      const done = await tx.db
        .update(burnImports)
        .set({
          ...base,
          status: "succeeded",
          rowsInserted: inserted,
          rowsDuplicate: staged - inserted,
          detail: detailOf(summary, { timingsMs: { parseAndStage: staging - started, move: Date.now() - staging } }),
          finishedAt: sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(burnImports.id, importId), eq(burnImports.workspaceId, tx.workspace.id), eq(burnImports.status, "running")))
        .returning({ id: burnImports.id });
      // Swept as stalled by another instance meanwhile: roll everything back.
      if (done.length === 0) throw conflict("The import was interrupted; nothing of it was stored.");
      if (mapping && summary.kind === "mapped" && parsed.rememberMapping) await rememberMapping(tx, contract.vendorId, mapping);
      await recordAudit(tx, {
        action: "burn.import",
        targetType: "contract",
        targetId: contract.id,
        details: { importId, fileName: parsed.fileName, format: parsed.format, rows: staged, inserted, alreadyStored: staged - inserted, focusVersion: summary.focus?.version ?? null },
      });
      await enqueueForecast(tx.db, tx.workspace.id, contract.id);
    });
  } catch (e) {
    await discard(ctx, importId, { ...base, errors: [{ row: 0, message: "The import failed on our side; nothing was stored." }], errorCount: 1, detail: detailOf(summary) });
    throw e;
  }
  return outcome(await readView(ctx, importId));
}

async function readView(ctx: WorkspaceCtx, importId: string): Promise<BurnImportView> {
  const [row] = await ctx.db
    .select()
    .from(burnImports)
    .where(and(eq(burnImports.id, importId), eq(burnImports.workspaceId, ctx.workspace.id)));
  if (!row) throw new Error("import row vanished");
  return toImportView(row);
}
