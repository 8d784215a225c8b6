// Imports a usage file into a contract's observed burn, all or nothing, without double counting.
//
//   1. burn_imports gets a "running" row (its own statement), so any instance can report progress.
//   2. ONE transaction, on one connection: a per-contract advisory lock (one import of a contract at
//      a time), then the file streams through the parser and its rows are COPYed straight into
//      burn_rows (consumption) and burn_charges (purchases, credits, taxes, unused commitments, left-out
//      groups) — no staging table and no second pass: the COPY is the database's own bulk path.
//      Rows already stored (same content key) are skipped as the file streams, by the stored keys of
//      the months the file reaches.
//   3. A bad row, an unreadable or truncated upload, or any failure abandons the COPY and rolls the
//      transaction back: nothing was written. The import is marked failed with every bad row.
//   4. A clean file, still in that transaction: the stored rows of restated billing periods that the
//      file does not repeat are replaced (kept in burn_replaced for a roll-back), no period may end up
//      with negative consumption, the totals are summed, the import is marked succeeded, the mapping
//      remembered and the audit row written; then COMMIT.
// On PGlite (one connection for the whole process) the transaction holds the database while the
// file is read, so progress is only visible in the browser's upload bar there.
import { createHash } from "node:crypto";
import { Transform, pipeline, type Readable } from "node:stream";
import { and, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { burnImports, type ImportRowError } from "@/lib/db/schema/burn";
import { usageMappingSchema, type UsageMapping } from "@/lib/import/mapping";
import { parseUsageFile } from "@/lib/import/parse";
import { KeySet } from "@/lib/import/row-key";
import { ExactSum } from "@/lib/import/totals";
import { isConsumption, type ImportProgress, type ParseSummary, type UsageRow } from "@/lib/import/types";
import { isUuid, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { DomainError, conflict, invalid } from "../errors";
import { getContractOrThrow } from "../contracts/get";
import { isUniqueViolation, text } from "../validation";
import { enqueueForecast } from "../forecast/recompute";
import { openBurnWriter, type BurnWriter } from "./copy";
import { getRememberedMapping, rememberMapping } from "./mapping";
import { driverOf, executeRows } from "./raw";
import { monthName, replaceRestated, type Restatement } from "./restate";
import { StoredKeys, contractHasRows, storedScopes } from "./stored";
import { STALL_AFTER_MS, toImportView, type BurnImportView } from "./view";

/** How often progress is written to burn_imports while a file streams in. */
const PROGRESS_MS = 400;

export const importFileInput = z.object({
  contractId: z.string(),
  /** chosen by the browser (crypto.randomUUID) so that it can poll progress while the upload runs */
  importId: z.string().refine(isUuid, "must be a UUID"),
  fileName: text().trim().min(1, "The file needs a name.").max(255),
  format: z.enum(["csv", "xlsx"]),
  mapping: z.unknown().optional(),
  /** remember this mapping (columns, left-out groups) for the contract's vendor */
  rememberMapping: z.boolean().default(true),
  /** size of the upload, for progress and to notice a truncated body */
  totalBytes: z.number().int().min(0).nullable().optional(),
});
export type ImportFileInput = z.input<typeof importFileInput>;

export interface ImportOutcome extends BurnImportView {
  summary: Pick<ParseSummary, "kind" | "focus" | "dates" | "numbers" | "rowCount" | "badRowCount" | "fileError"> | null;
}

/** Sums the import stored, for the imports list: consumption, and what was kept apart by category. */
export interface ImportTotals {
  consumption: { rows: number; credits: string | null; actions: string | null; cost: string | null };
  keptApart: Array<{ category: string; excluded: boolean; rows: number; credits: string | null; cost: string | null; billedCost: string | null }>;
  /** first and last period start of the consumption */
  from: string | null;
  until: string | null;
}

/** A refusal of the file as a whole or of some rows: the transaction is rolled back, the import marked failed. */
class Refused extends Error {
  constructor(
    readonly errors: ImportRowError[],
    readonly errorCount: number,
  ) {
    super(errors[0]?.message ?? "refused");
  }
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
    dataset: summary.dataset,
    vendor: summary.vendor,
    dates: summary.dates,
    numbers: summary.numbers,
    blankRows: summary.blankRowCount,
    badRows: summary.badRowCount,
    spreadRows: summary.spreadRowCount,
    warnings: summary.warnings.slice(0, 20),
    warningCount: summary.warnings.length + summary.omittedWarningCount,
    ...extra,
  };
}

/** Running imports of the workspace nobody has heard from in STALL_AFTER_MS: their instance died (their transaction with it). */
async function sweepStalled(ctx: WorkspaceCtx): Promise<void> {
  await ctx.db
    .update(burnImports)
    .set({ status: "failed", errors: [{ row: 0, message: "The import was interrupted; nothing of it was stored." }], errorCount: 1, finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(burnImports.workspaceId, ctx.workspace.id),
        eq(burnImports.status, "running"),
        lt(burnImports.updatedAt, sql`now() - ${`${Math.round(STALL_AFTER_MS / 1000)} seconds`}::interval`),
      ),
    );
}

async function markFailed(ctx: WorkspaceCtx, importId: string, fields: Partial<typeof burnImports.$inferInsert>): Promise<void> {
  await ctx.db
    .update(burnImports)
    .set({ ...fields, status: "failed", finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(burnImports.id, importId), eq(burnImports.workspaceId, ctx.workspace.id), eq(burnImports.status, "running")));
}

/** One import of a contract at a time (a transaction-level advisory lock: released by COMMIT or ROLLBACK). */
export async function lockContractImports(db: Db, contractId: string, wait: boolean): Promise<boolean> {
  const [r] = await executeRows<{ ok: boolean }>(
    db,
    wait
      ? sql`select true as ok from (select pg_advisory_xact_lock(hashtextextended(${`burn-import:${contractId}`}, 0))) l`
      : sql`select pg_try_advisory_xact_lock(hashtextextended(${`burn-import:${contractId}`}, 0)) as ok`,
  );
  return Boolean(r?.ok);
}

/** The sums of what the import writes, kept as its rows stream (no second pass over a million rows). */
class TotalsAccumulator {
  private rows = 0;
  private readonly credits = new ExactSum();
  private readonly actions = new ExactSum();
  private readonly cost = new ExactSum();
  private from: string | null = null;
  private until: string | null = null;
  private readonly apart = new Map<string, { category: string; excluded: boolean; rows: number; credits: ExactSum; cost: ExactSum; billed: ExactSum }>();
  /** a written row with a negative amount: the periods it touches are checked once stored */
  negative = false;

  burn(row: UsageRow): void {
    this.rows++;
    this.credits.add(row.credits);
    this.actions.add(row.actions);
    this.cost.add(row.cost);
    if (this.from === null || row.periodStart < this.from) this.from = row.periodStart;
    if (this.until === null || row.periodStart > this.until) this.until = row.periodStart;
    if (row.credits?.startsWith("-") || row.cost?.startsWith("-")) this.negative = true;
  }

  keptApart(row: UsageRow): void {
    const key = `${row.category}|${row.excluded ? 1 : 0}`;
    let a = this.apart.get(key);
    if (!a) this.apart.set(key, (a = { category: row.category, excluded: row.excluded, rows: 0, credits: new ExactSum(), cost: new ExactSum(), billed: new ExactSum() }));
    a.rows++;
    a.credits.add(row.credits);
    a.cost.add(row.cost);
    a.billed.add(row.billedCost);
  }

  range(): { from: string; until: string } | null {
    return this.from !== null && this.until !== null ? { from: this.from, until: this.until } : null;
  }

  result(): ImportTotals {
    return {
      consumption: { rows: this.rows, credits: this.credits.value(), actions: this.actions.value(), cost: this.cost.value() },
      keptApart: [...this.apart.values()]
        .sort((x, y) => x.category.localeCompare(y.category) || Number(x.excluded) - Number(y.excluded))
        .map((a) => ({ category: a.category, excluded: a.excluded, rows: a.rows, credits: a.credits.value(), cost: a.cost.value(), billedCost: a.billed.value() })),
      from: this.from,
      until: this.until,
    };
  }
}

/** Periods of the contract whose consumption would be negative once the file is stored (corrections larger than what they correct). */
async function negativePeriods(db: Db, target: { workspaceId: string; contractId: string }, from: string, until: string): Promise<ImportRowError[]> {
  const rows = await executeRows<{ month: string; credits: string | null; cost: string | null }>(
    db,
    sql`select to_char(date_trunc('month', period_start::timestamp), 'YYYY-MM-DD') as month, sum(credits)::text as credits, sum(cost)::text as cost
        from burn_rows where workspace_id = ${target.workspaceId} and contract_id = ${target.contractId}
          and period_start >= ${`${from.slice(0, 7)}-01`} and period_start <= ${until}
        group by 1 having sum(credits) < 0 or sum(cost) < 0 order by 1`,
  );
  return rows.map((r) => ({
    row: 0,
    message: `With this file, ${monthName(r.month)} would have negative consumption (${[r.credits && r.credits.startsWith("-") ? `${r.credits} credits` : null, r.cost && r.cost.startsWith("-") ? `${r.cost} in cost` : null].filter(Boolean).join(", ")}): its corrections or credits exceed what is stored for that month. Nothing was stored.`,
  }));
}

interface Written {
  inserted: number;
  charges: number;
  duplicate: number;
  restated: Restatement[];
  totals: ImportTotals;
  timings: { parseAndCopy: number; finish: number };
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
  const target = { workspaceId: ctx.workspace.id, contractId: contract.id, importId };

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

  // PGlite has one connection: while the import's transaction holds it, nothing else can write.
  const postgres = driverOf(ctx.db) === "postgres";
  let latest: ImportProgress | null = null;
  let lastWrite = Date.now();
  let progressWrite: Promise<unknown> = Promise.resolve();
  const writeProgress = () => {
    lastWrite = Date.now();
    const p = latest;
    if (!p || !postgres) return;
    progressWrite = ctx.db
      .update(burnImports)
      .set({ bytesDone: p.bytesRead, rowsRead: p.rows, updatedAt: sql`now()` })
      .where(and(eq(burnImports.id, importId), eq(burnImports.workspaceId, ctx.workspace.id), eq(burnImports.status, "running")))
      .catch(() => {
        // Progress is a courtesy: a failed write must not fail the import.
      });
  };

  let summary: ParseSummary | null = null;
  let sha: string | null = null;
  const base = () => ({ bytesDone: latest?.bytesRead ?? 0, rowsRead: summary?.rowCount ?? latest?.rows ?? 0, fileSha256: (sha ??= hash.digest("hex")) });
  try {
    await ctx.db.transaction(async (txDb): Promise<Written> => {
      const tx: WorkspaceCtx = { ...ctx, db: txDb as unknown as Db };
      if (!(await lockContractImports(tx.db, contract.id, false))) {
        throw conflict("Another file is being imported into this contract; try again when it has finished.");
      }
      const hasRows = await contractHasRows(tx.db, ctx.workspace.id, contract.id);
      const scopesStored = hasRows ? await storedScopes(tx.db, ctx.workspace.id, contract.id) : new Set<string>();
      // Reads while the COPY streams go through another connection on PostgreSQL (the transaction's
      // own is busy with the COPY); on PGlite between the per-batch COPYs.
      const keys = new StoredKeys(postgres ? ctx.db : tx.db, ctx.workspace.id, contract.id, !hasRows);
      const repeated = new KeySet();
      const fileScopes = new Set<string>();
      const writer: BurnWriter = openBurnWriter(tx.db, target);
      let inserted = 0;
      let charges = 0;
      let duplicate = 0;
      const sums = new TotalsAccumulator();
      const started = Date.now();
      try {
        const parse = parseUsageFile(hashing, {
          format: parsed.format,
          mapping,
          totalBytes,
          expectedCurrency: contract.currency,
          granularity: contract.granularity,
          // Batches of this size keep a few in flight within a small heap while the server ingests.
          batchSize: 2_000,
          onProgress: (p) => {
            latest = p;
          },
        });
        let step = await parse.next();
        for (; !step.done; step = await parse.next()) {
          const batch = step.value;
          await keys.ensure(batch);
          const burn: UsageRow[] = [];
          const apart: UsageRow[] = [];
          for (const row of batch) {
            if (row.scope !== null) fileScopes.add(row.scope);
            if (keys.has(row.rowKey)) {
              duplicate++;
              if (row.scope !== null && scopesStored.has(row.scope)) repeated.add(row.rowKey);
              continue;
            }
            if (isConsumption(row)) {
              burn.push(row);
              sums.burn(row);
            } else {
              apart.push(row);
              sums.keptApart(row);
            }
          }
          await writer.rows(burn);
          await writer.charges(apart);
          inserted += burn.length;
          charges += apart.length;
          if (Date.now() - lastWrite >= PROGRESS_MS) writeProgress();
        }
        summary = step.value;
        const bytesRead = latest?.bytesRead ?? 0;
        if (summary.importable && totalBytes !== null && bytesRead !== totalBytes) {
          throw new Refused([{ row: 0, message: `The upload ended after ${bytesRead} of ${totalBytes} bytes; nothing was stored. Try again.` }], 1);
        }
        if (!summary.importable) {
          throw new Refused(rowErrors(summary), (summary.fileError ? 1 : 0) + summary.errors.length + summary.omittedErrorCount);
        }
        await writer.finish();
      } catch (e) {
        await writer.abort();
        hashing.destroy();
        throw e;
      }
      const copied = Date.now();
      await progressWrite;

      const restated = [...fileScopes].filter((s) => scopesStored.has(s));
      const replaced = await replaceRestated(tx.db, target, restated, repeated);
      const range = sums.range();
      // Only negative amounts (credits, corrections) can leave a period below zero.
      if (range && sums.negative) {
        const negative = await negativePeriods(tx.db, target, range.from, range.until);
        if (negative.length > 0) throw new Refused(negative, negative.length);
      }
      const totals = sums.result();
      const done = await tx.db
        .update(burnImports)
        .set({
          ...base(),
          status: "succeeded",
          rowsInserted: inserted + charges,
          rowsDuplicate: duplicate,
          detail: detailOf(summary, { totals, restated: replaced, timingsMs: { parseAndCopy: copied - started, finish: Date.now() - copied } }),
          finishedAt: sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(burnImports.id, importId), eq(burnImports.workspaceId, tx.workspace.id), eq(burnImports.status, "running")))
        .returning({ id: burnImports.id });
      // Swept as stalled by another instance meanwhile: roll everything back.
      if (done.length === 0) throw conflict("The import was interrupted; nothing of it was stored.");
      if (mapping && parsed.rememberMapping) {
        if (summary.kind === "mapped") await rememberMapping(tx, contract.vendorId, mapping);
        else {
          // A file read by its header (FOCUS, a vendor export) sends only the groups it leaves out:
          // they replace the remembered ones (clearing them too), and a remembered column mapping
          // for the vendor's other files is kept.
          const prior = await getRememberedMapping(tx, contract.vendorId);
          const excludeGroups = mapping.excludeGroups ?? [];
          if (prior || excludeGroups.length > 0) await rememberMapping(tx, contract.vendorId, { ...(prior ?? { columns: {} }), excludeGroups });
        }
      }
      await recordAudit(tx, {
        action: "burn.import",
        targetType: "contract",
        targetId: contract.id,
        details: {
          importId,
          fileName: parsed.fileName,
          format: parsed.format,
          kind: summary.kind,
          vendor: summary.vendor?.id ?? null,
          focusVersion: summary.focus?.version ?? null,
          rows: summary.rowCount,
          inserted,
          keptApart: charges,
          alreadyStored: duplicate,
          restated: replaced.map((r) => ({ scope: r.scope, rowsReplaced: r.rowsReplaced, before: r.before.cost, after: r.after.cost })),
          credits: totals.consumption.credits,
          cost: totals.consumption.cost,
        },
      });
      await enqueueForecast(tx.db, tx.workspace.id, contract.id);
      return { inserted, charges, duplicate, restated: replaced, totals, timings: { parseAndCopy: copied - started, finish: Date.now() - copied } };
    });
  } catch (e) {
    hashing.destroy();
    await progressWrite;
    if (e instanceof Refused) {
      await markFailed(ctx, importId, { ...base(), errors: e.errors.slice(0, 1_000), errorCount: e.errorCount, detail: detailOf(summary) });
      return outcome(await readView(ctx, importId), summary);
    }
    if (isUniqueViolation(e)) {
      await markFailed(ctx, importId, { ...base(), errors: [{ row: 0, message: "Rows were added to this contract while the file was read; nothing was stored. Try again." }], errorCount: 1, detail: detailOf(summary) });
      return outcome(await readView(ctx, importId), summary);
    }
    const message = e instanceof DomainError ? e.message : "The import failed on our side; nothing was stored.";
    await markFailed(ctx, importId, { ...base(), errors: [{ row: 0, message }], errorCount: 1, detail: detailOf(summary) });
    throw e;
  }
  return outcome(await readView(ctx, importId), summary);
}

function outcome(view: BurnImportView, summary: ParseSummary | null): ImportOutcome {
  return {
    ...view,
    summary: summary
      ? { kind: summary.kind, focus: summary.focus, dates: summary.dates, numbers: summary.numbers, rowCount: summary.rowCount, badRowCount: summary.badRowCount, fileError: summary.fileError }
      : null,
  };
}

async function readView(ctx: WorkspaceCtx, importId: string): Promise<BurnImportView> {
  const [row] = await ctx.db
    .select()
    .from(burnImports)
    .where(and(eq(burnImports.id, importId), eq(burnImports.workspaceId, ctx.workspace.id)));
  if (!row) throw new Error("import row vanished");
  return toImportView(row);
}
