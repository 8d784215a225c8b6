// The request half of a workspace import: the file's bytes are stored (workspace_import_chunks) as
// they arrive and checked for structure on the way (no engine run), then a job does the rest
// (lib/services/transfer/job.ts). A refused file is refused by the request, its bytes dropped.
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { workspaceImportChunks, workspaceImports, type ImportMode, type WorkspaceImport } from "@/lib/db/schema/transfer";
import { enqueue } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import { isUuid, requireRole, type WorkspaceCtx } from "../context";
import { notFound } from "../errors";
import { FileRefused } from "./archive";
import { checkWorkspaceFile } from "./check";
import { describeReport, invalidFile, type ImportReport } from "./import";

/** Bytes per stored chunk of an upload. */
const CHUNK_BYTES = 1024 * 1024;

export interface WorkspaceImportView {
  id: string;
  format: WorkspaceImport["format"];
  mode: ImportMode;
  status: WorkspaceImport["status"];
  stage: string;
  progressPct: number;
  bytes: number;
  contracts: number;
  burnRows: number;
  briefVersions: number;
  report: ImportReport | null;
  /** one line saying what a succeeded import created */
  message: string | null;
  error: string | null;
  issues: { path: string; message: string }[];
  createdAt: string;
  finishedAt: string | null;
}

export function importView(r: WorkspaceImport): WorkspaceImportView {
  return {
    id: r.id,
    format: r.format,
    mode: r.mode,
    status: r.status,
    stage: r.stage,
    progressPct: r.progressPct,
    bytes: r.bytes,
    contracts: r.contracts,
    burnRows: r.burnRows,
    briefVersions: r.briefVersions,
    report: (r.report as ImportReport | null) ?? null,
    message: r.report ? describeReport(r.report as unknown as ImportReport) : null,
    error: r.error,
    issues: r.issues ?? [],
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** The bytes as they arrive, copied into the database in chunks on the way to the check. */
async function* storing(db: Db, importId: string, source: AsyncIterable<Uint8Array>, counter: { bytes: number }): AsyncGenerator<Uint8Array> {
  let seq = 0;
  let buffered: Buffer[] = [];
  let size = 0;
  const flush = async () => {
    if (!size) return;
    await db.insert(workspaceImportChunks).values({ importId, seq: seq++, data: Buffer.concat(buffered, size) });
    buffered = [];
    size = 0;
  };
  for await (const chunk of source) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    counter.bytes += b.length;
    buffered.push(b);
    size += b.length;
    if (size >= CHUNK_BYTES) await flush();
    yield b;
  }
  await flush();
}

/** A stored upload read back chunk by chunk (one chunk in memory at a time). */
export async function* storedChunks(db: Db, importId: string): AsyncGenerator<Uint8Array> {
  let seq = -1;
  for (;;) {
    const [row] = await db
      .select({ seq: workspaceImportChunks.seq, data: workspaceImportChunks.data })
      .from(workspaceImportChunks)
      .where(and(eq(workspaceImportChunks.importId, importId), gt(workspaceImportChunks.seq, seq)))
      .orderBy(asc(workspaceImportChunks.seq))
      .limit(1);
    if (!row) return;
    seq = row.seq;
    yield row.data;
  }
}

/**
 * Receives a workspace file (its bytes as they stream in): checks its structure while storing it,
 * refuses it (an "invalid" error, every problem by its path; nothing kept) or queues the import job.
 * The mode (merge, the default, or copy: lib/services/transfer/import.ts WriteOptions) goes with it.
 * Editors and owners.
 */
export async function receiveWorkspaceFile(ctx: WorkspaceCtx, source: AsyncIterable<Uint8Array>, opts: { mode?: ImportMode } = {}): Promise<WorkspaceImportView> {
  requireRole(ctx, "editor");
  const [row] = await ctx.db.insert(workspaceImports).values({ workspaceId: ctx.workspace.id, format: "archive", mode: opts.mode ?? "merge", createdBy: ctx.actor.id }).returning();
  if (!row) throw new Error("insert returned no row");
  const counter = { bytes: 0 };
  try {
    const outcome = await checkWorkspaceFile(storing(ctx.db, row.id, source, counter), { evaluate: false });
    return await ctx.db.transaction(async (tx) => {
      const [queued] = await tx
        .update(workspaceImports)
        .set({
          format: outcome.format,
          status: "queued",
          stage: "Waiting for the import to start",
          progressPct: 5,
          bytes: counter.bytes,
          contracts: outcome.contracts,
          burnRows: outcome.burnRows,
          briefVersions: outcome.briefVersions,
          updatedAt: sql`now()`,
        })
        .where(eq(workspaceImports.id, row.id))
        .returning();
      await enqueue(tx as unknown as Db, QUEUES.transferImport.name, { importId: row.id, workspaceId: ctx.workspace.id });
      return importView(queued!);
    });
  } catch (e) {
    // Refused, or the upload broke off: nothing of it is kept.
    await ctx.db.delete(workspaceImports).where(eq(workspaceImports.id, row.id));
    if (e instanceof FileRefused) throw invalidFile(e.issues);
    throw e;
  }
}

/** An import of the caller's workspace, for the import page's progress. Readable by viewers. */
export async function getWorkspaceImport(ctx: WorkspaceCtx, importId: string): Promise<WorkspaceImportView> {
  if (!isUuid(importId)) throw notFound("Import");
  const [row] = await ctx.db.select().from(workspaceImports).where(and(eq(workspaceImports.id, importId), eq(workspaceImports.workspaceId, ctx.workspace.id)));
  if (!row) throw notFound("Import");
  return importView(row);
}

/** The workspace's latest import, if any (the page shows it again after a reload). */
export async function latestWorkspaceImport(ctx: WorkspaceCtx): Promise<WorkspaceImportView | null> {
  const [row] = await ctx.db.select().from(workspaceImports).where(eq(workspaceImports.workspaceId, ctx.workspace.id)).orderBy(desc(workspaceImports.createdAt)).limit(1);
  return row ? importView(row) : null;
}
