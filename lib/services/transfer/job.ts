// The background half of a workspace import (queue transfer_import): as the user who uploaded the
// file (their role checked again now), the documents are evaluated by the engine, then everything is
// written in one transaction as the stored file is read once more, with the outcome recorded on the
// import's row in the same transaction. Any problem and nothing is stored; the row says why.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/auth";
import { workspaceImportChunks, workspaceImports } from "@/lib/db/schema/transfer";
import type { JobInfo } from "@/lib/jobs/queue";
import { inTransaction, resolveWorkspace } from "../context";
import { DomainError } from "../errors";
import { FileRefused } from "./archive";
import { checkWorkspaceFile } from "./check";
import { writeWorkspaceFile, type ImportWriter } from "./import";
import { storedChunks } from "./receive";

const GENERIC = "The import could not be finished because of a problem on our side. Nothing was stored. Try again; if it keeps failing, tell your administrator.";

/** Thrown to stop reading once the manifest is checked (the evaluation pass needs nothing more). */
class ManifestRead extends Error {}

export async function runTransferImportJob(db: Db, data: { importId: string }, job?: JobInfo): Promise<void> {
  const [row] = await db.select().from(workspaceImports).where(eq(workspaceImports.id, data.importId));
  if (!row || row.status === "succeeded" || row.status === "failed") return;
  const open = and(eq(workspaceImports.id, row.id), inArray(workspaceImports.status, ["queued", "running"]));
  const progress = (stage: string, progressPct: number) => db.update(workspaceImports).set({ status: "running", stage, progressPct, updatedAt: sql`now()` }).where(open);
  const fail = async (error: string, issues: { path: string; message: string }[] | null) => {
    await db.transaction(async (tx) => {
      await tx.update(workspaceImports).set({ status: "failed", stage: "Stopped", error, issues, finishedAt: sql`now()`, updatedAt: sql`now()` }).where(open);
      await tx.delete(workspaceImportChunks).where(eq(workspaceImportChunks.importId, row.id));
    });
  };
  try {
    const [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, row.createdBy ?? "00000000-0000-0000-0000-000000000000"));
    if (!user) return fail("The person who imported this file no longer has an account.", null);
    const ctx = await resolveWorkspace({ db, actor: user }, row.workspaceId, "editor");

    // 1. The engine on every document, outside any transaction: the heavy part.
    await progress(`Checking ${row.contracts} contract model${row.contracts === 1 ? "" : "s"} and ${row.briefVersions} brief version${row.briefVersions === 1 ? "" : "s"} with the engine`, 15);
    try {
      await checkWorkspaceFile(storedChunks(db, row.id), {
        evaluate: true,
        onManifest: async () => {
          throw new ManifestRead();
        },
      });
    } catch (e) {
      if (!(e instanceof ManifestRead)) throw e;
    }

    // 2. Everything written in one transaction, the rows batch by batch as the file is read again.
    await progress(`Writing ${row.contracts} contract${row.contracts === 1 ? "" : "s"}, ${row.burnRows} burn row${row.burnRows === 1 ? "" : "s"} and the briefs`, 40);
    await inTransaction(ctx, async (tx) => {
      let writer: ImportWriter | null = null;
      await checkWorkspaceFile(storedChunks(tx.db, row.id), {
        // The documents were evaluated above; the briefs' content is composed while writing.
        evaluate: false,
        onManifest: async (file) => {
          writer = await writeWorkspaceFile(tx, file, { mode: row.mode });
        },
        onBurn: async (index, rows) => {
          await writer!.addBurnRows(index, rows);
        },
      });
      const report = await (writer as ImportWriter | null)!.finish();
      await tx.db
        .update(workspaceImports)
        .set({ status: "succeeded", stage: "Imported", progressPct: 100, report: report as unknown as Record<string, unknown>, finishedAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(eq(workspaceImports.id, row.id), ne(workspaceImports.status, "succeeded")));
      await tx.db.delete(workspaceImportChunks).where(eq(workspaceImportChunks.importId, row.id));
    });
  } catch (e) {
    if (e instanceof FileRefused) return fail(`The file cannot be imported: ${e.message}${e.issues.length > 1 ? ` (and ${e.issues.length - 1} more problem${e.issues.length > 2 ? "s" : ""})` : ""}`, e.issues);
    if (e instanceof DomainError) {
      const issues = Object.entries(e.fieldErrors ?? {}).flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
      return fail(e.message, issues.length ? issues : null);
    }
    if (!job || job.retryCount >= job.retryLimit) await fail(GENERIC, null).catch(() => {});
    else await progress("Retrying after a problem", 10).catch(() => {});
    throw e;
  }
}
