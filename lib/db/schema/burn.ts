import { bigint, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { contracts } from "./contracts";
import { vendors } from "./vendors";
import { workspaces } from "./workspaces";

export interface ImportRowError {
  row: number;
  column?: string;
  message: string;
}

/**
 * One import of a usage file. Progress lives here (not in an app instance) so any instance can
 * report it; the rows themselves are written in one transaction with the final status.
 */
export const burnImports = pgTable(
  "burn_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    format: text("format").notNull(),
    status: text("status", { enum: ["running", "succeeded", "failed"] }).notNull().default("running"),
    bytesTotal: bigint("bytes_total", { mode: "number" }).notNull().default(0),
    bytesDone: bigint("bytes_done", { mode: "number" }).notNull().default(0),
    rowsRead: integer("rows_read").notNull().default(0),
    rowsInserted: integer("rows_inserted").notNull().default(0),
    rowsDuplicate: integer("rows_duplicate").notNull().default(0),
    errors: jsonb("errors").$type<ImportRowError[]>().notNull().default([]),
    errorCount: integer("error_count").notNull().default(0),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** heartbeat: bumped with every progress update, so a running import whose instance died shows as stalled */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("burn_imports_workspace_idx").on(t.workspaceId), index("burn_imports_contract_idx").on(t.contractId)],
);
export type BurnImport = typeof burnImports.$inferSelect;

/** Observed consumption, one row per period × agent × unit × environment as the source gave it. */
export const burnRows = pgTable(
  "burn_rows",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    importId: uuid("import_id").references(() => burnImports.id, { onDelete: "set null" }),
    /** content hash from the parser (or "manual:<uuid>"): the same file imported twice adds nothing */
    rowKey: text("row_key").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }),
    agent: text("agent"),
    unit: text("unit"),
    environment: text("environment", { enum: ["production", "nonProduction"] }),
    /** missing stays null, never 0 */
    actions: numeric("actions"),
    credits: numeric("credits"),
    cost: numeric("cost"),
    currency: text("currency"),
    extras: jsonb("extras").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("burn_rows_contract_row_key").on(t.contractId, t.rowKey),
    index("burn_rows_workspace_contract_period_idx").on(t.workspaceId, t.contractId, t.periodStart),
  ],
);
export type BurnRow = typeof burnRows.$inferSelect;

/**
 * Staging area of running imports: rows are COPYed here as the file streams in (each batch its own
 * short statement, so nothing is held open for minutes), then moved into burn_rows in the one
 * transaction that also records the import's final status. A refused or failed import deletes its
 * staging rows; nothing of it ever reaches burn_rows.
 *
 * Deliberately without foreign keys or a primary key: a per-row foreign-key check would cost more
 * than the COPY itself. The rows belong to the tenant of their burn_imports row, and every read of
 * them goes through that row (import_id) after the workspace check.
 */
export const burnImportRows = pgTable(
  "burn_import_rows",
  {
    importId: uuid("import_id").notNull(),
    rowKey: text("row_key").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }),
    agent: text("agent"),
    unit: text("unit"),
    environment: text("environment", { enum: ["production", "nonProduction"] }),
    actions: numeric("actions"),
    credits: numeric("credits"),
    cost: numeric("cost"),
    currency: text("currency"),
    extras: jsonb("extras").$type<Record<string, unknown>>(),
  },
  (t) => [index("burn_import_rows_import_idx").on(t.importId)],
);

/** Column mapping of generic usage files, remembered per vendor. */
export const columnMappings = pgTable(
  "column_mappings",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    vendorId: uuid("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    mapping: jsonb("mapping").$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.vendorId] })],
);
