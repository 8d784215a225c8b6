import type { BurnImport, ImportRowError } from "@/lib/db/schema/burn";

/** A running import not heard from for this long is shown as stalled, and swept by the next import. */
export const STALL_AFTER_MS = 10 * 60 * 1000;

export interface BurnImportView {
  id: string;
  contractId: string;
  fileName: string;
  format: string;
  status: "running" | "succeeded" | "failed" | "stalled" | "rolled_back";
  bytesTotal: number;
  bytesDone: number;
  /** 0…1 of the bytes received, null when the size is unknown */
  fraction: number | null;
  rowsRead: number;
  rowsInserted: number;
  rowsDuplicate: number;
  errors: ImportRowError[];
  errorCount: number;
  detail: Record<string, unknown> | null;
  createdAt: string;
  finishedAt: string | null;
  rolledBackAt: string | null;
}

export function toImportView(row: BurnImport, now = Date.now()): BurnImportView {
  const stalled = row.status === "running" && now - row.updatedAt.getTime() > STALL_AFTER_MS;
  return {
    id: row.id,
    contractId: row.contractId,
    fileName: row.fileName,
    format: row.format,
    status: stalled ? "stalled" : row.status,
    bytesTotal: row.bytesTotal,
    bytesDone: row.bytesDone,
    fraction: row.bytesTotal > 0 ? Math.min(1, row.bytesDone / row.bytesTotal) : null,
    rowsRead: row.rowsRead,
    rowsInserted: row.rowsInserted,
    rowsDuplicate: row.rowsDuplicate,
    errors: row.errors,
    errorCount: row.errorCount,
    detail: row.detail ?? null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    rolledBackAt: row.rolledBackAt?.toISOString() ?? null,
  };
}
