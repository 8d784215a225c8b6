// The workspace file as the routes move it: the export's archive collected from exportArchive, read
// back with JSZip (an independent zip reader), and imports through the request's check and the job.
import JSZip from "jszip";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { workspaceImports, type ImportMode } from "@/lib/db/schema/transfer";
import type { WorkspaceCtx } from "@/lib/services/context";
import { DomainError } from "@/lib/services/errors";
import { exportArchive, type ArchiveOptions } from "@/lib/services/transfer/export";
import type { ImportReport } from "@/lib/services/transfer/import";
import { runTransferImportJob } from "@/lib/services/transfer/job";
import { receiveWorkspaceFile, type WorkspaceImportView } from "@/lib/services/transfer/receive";
import type { WorkspaceFileInput } from "@/lib/services/transfer/schema";

export async function exportBytes(ctx: WorkspaceCtx, options: ArchiveOptions = {}): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of exportArchive(ctx, options)) parts.push(chunk);
  return Buffer.concat(parts);
}

export interface ReadArchive {
  names: string[];
  manifest: WorkspaceFileInput;
  /** by entry name: the NDJSON lines parsed */
  parts: Map<string, Record<string, unknown>[]>;
  summary: { format: string; parts: Record<string, number> };
}

export async function readArchive(bytes: Uint8Array): Promise<ReadArchive> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  const text = (name: string) => zip.file(name)!.async("string");
  const parts = new Map<string, Record<string, unknown>[]>();
  for (const name of names.filter((n) => n.startsWith("burn/"))) {
    parts.set(
      name,
      (await text(name))
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    );
  }
  return { names, manifest: JSON.parse(await text("workspace.json")) as WorkspaceFileInput, parts, summary: JSON.parse(await text("end.json")) as ReadArchive["summary"] };
}

/**
 * The export as one version 1 file (burn rows inline, as files of earlier versions carry them), to
 * compare whole workspaces and to feed the JSON import path.
 */
export async function exportFile(ctx: WorkspaceCtx): Promise<WorkspaceFileInput> {
  const { manifest, parts } = await readArchive(await exportBytes(ctx));
  return {
    ...manifest,
    version: 1,
    contracts: manifest.contracts.map(({ burnPart, ...c }) => ({ ...c, burn: (parts.get(burnPart!) ?? []) as NonNullable<WorkspaceFileInput["contracts"][number]["burn"]> })),
  };
}

async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** What the import route does, then what the job does; the import's row afterwards. */
export async function importBytes(db: Db, ctx: WorkspaceCtx, bytes: Uint8Array, mode?: ImportMode): Promise<WorkspaceImportView & { queued: WorkspaceImportView }> {
  const queued = await receiveWorkspaceFile(ctx, chunked(bytes), { mode });
  await runTransferImportJob(db, { importId: queued.id }).catch(() => {});
  const [row] = await db.select().from(workspaceImports).where(eq(workspaceImports.id, queued.id));
  const { importView } = await import("@/lib/services/transfer/receive");
  return { ...importView(row!), queued };
}

/**
 * Imports a file (a version 1 object sent as JSON text, or an archive's bytes) the way the app does;
 * the report, or the refusal (request or job) as the "invalid" error with fieldErrors by path.
 */
export async function importFile(db: Db, ctx: WorkspaceCtx, file: unknown, mode?: ImportMode): Promise<ImportReport> {
  const bytes = file instanceof Uint8Array ? file : Buffer.from(JSON.stringify(file));
  const done = await importBytes(db, ctx, bytes, mode);
  if (done.status === "succeeded") return done.report!;
  const fieldErrors: Record<string, string[]> = {};
  for (const i of done.issues) (fieldErrors[i.path] ??= []).push(i.message);
  throw new DomainError("invalid", done.error ?? "failed", fieldErrors);
}
