import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workspaces } from "./workspaces";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  // postgres.js answers a Buffer, PGlite a Uint8Array: one type for the callers.
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength)),
});

/**
 * One workspace export at a time, across every app instance: the export that holds the row streams;
 * another one is refused (429) until the lease is released or has expired. The holder renews it while
 * it streams, so an instance that dies mid-export frees the workspace after `expires_at`.
 */
export const workspaceExportLeases = pgTable("workspace_export_leases", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  holder: uuid("holder").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** How an import treats contracts the workspace already holds (see lib/services/transfer/import.ts). */
export const IMPORT_MODES = ["merge", "copy"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface WorkspaceImportIssue {
  path: string;
  message: string;
}

/**
 * A workspace file being imported. The request checks the file's structure while it stores the bytes
 * (workspace_import_chunks); a job (transfer_import) then evaluates, writes everything in one
 * transaction and records the outcome here, where the import page polls it.
 */
export const workspaceImports = pgTable(
  "workspace_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** "archive" (.workbench.zip) or "json" (the single JSON file of earlier versions) */
    format: text("format", { enum: ["archive", "json"] }).notNull(),
    status: text("status", { enum: ["receiving", "queued", "running", "succeeded", "failed"] }).notNull().default("receiving"),
    /** "merge": a contract the workspace already holds (from an earlier import or export) takes what it lacks; "copy": every contract anew */
    mode: text("mode", { enum: IMPORT_MODES }).notNull().default("merge"),
    stage: text("stage").notNull().default("Receiving the file"),
    progressPct: integer("progress_pct").notNull().default(0),
    bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
    contracts: integer("contracts").notNull().default(0),
    burnRows: bigint("burn_rows", { mode: "number" }).notNull().default(0),
    briefVersions: integer("brief_versions").notNull().default(0),
    /** the import's report (lib/services/transfer/import.ts ImportReport) once it succeeded */
    report: jsonb("report").$type<Record<string, unknown>>(),
    error: text("error"),
    issues: jsonb("issues").$type<WorkspaceImportIssue[]>(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("workspace_imports_workspace_idx").on(t.workspaceId)],
);
export type WorkspaceImport = typeof workspaceImports.$inferSelect;

/** The bytes of a workspace file until its import job has read them (deleted with the outcome). */
export const workspaceImportChunks = pgTable(
  "workspace_import_chunks",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => workspaceImports.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);
