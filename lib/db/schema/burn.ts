import { bigint, boolean, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
 * report it; the rows themselves are written in one transaction with the final status. A stored
 * import can be rolled back: every row it added is removed and every row it replaced restored.
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
    status: text("status", { enum: ["running", "succeeded", "failed", "rolled_back"] }).notNull().default("running"),
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
    rolledBackAt: timestamp("rolled_back_at", { withTimezone: true }),
    rolledBackBy: uuid("rolled_back_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("burn_imports_workspace_idx").on(t.workspaceId), index("burn_imports_contract_idx").on(t.contractId)],
);
export type BurnImport = typeof burnImports.$inferSelect;

/**
 * Observed consumption, one row per period × agent × unit × environment as the source gave it.
 * Consumption only: rows that are not (purchases, credits, taxes…) live in burn_charges.
 *
 * One foreign key, (workspace, contract) → contracts: it ties the row to its contract and the
 * contract's own workspace, and a bulk import pays one referential check per row instead of three
 * (each costs about as much again as the row's COPY). import_id has no foreign key for the same
 * reason: an import's record is deleted only with its contract, which takes its rows with it.
 * (PGlite, which runs the check on the import's own thread, checks the keys once per import instead:
 * lib/services/burn/copy.ts.)
 */
export const burnRows = pgTable(
  "burn_rows",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid("workspace_id").notNull(),
    contractId: uuid("contract_id").notNull(),
    importId: uuid("import_id"),
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
    foreignKey({ name: "burn_rows_contract_fk", columns: [t.workspaceId, t.contractId], foreignColumns: [contracts.workspaceId, contracts.id] }).onDelete("cascade"),
  ],
);
export type BurnRow = typeof burnRows.$inferSelect;

/**
 * Rows of an import that are not consumption, kept and shown apart so that burn_rows stays
 * consumption only for every reader: purchases (credits bought, price, period), credits,
 * adjustments, taxes, unused-commitment fees, and usage groups the user left out.
 */
export const burnCharges = pgTable(
  "burn_charges",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    importId: uuid("import_id")
      .notNull()
      .references(() => burnImports.id, { onDelete: "cascade" }),
    rowKey: text("row_key").notNull(),
    /** purchase | credit | adjustment | tax | unusedCommitment | other | usage (a usage group left out) */
    category: text("category", { enum: ["usage", "purchase", "credit", "adjustment", "tax", "unusedCommitment", "other"] }).notNull(),
    /** the description or SKU the preview grouped the row by */
    groupLabel: text("group_label").notNull(),
    /** a usage row whose group the user left out */
    excluded: boolean("excluded").notNull().default(false),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }),
    agent: text("agent"),
    unit: text("unit"),
    actions: numeric("actions"),
    /** for a purchase: the credits bought */
    credits: numeric("credits"),
    /** EffectiveCost (FOCUS), or the file's cost */
    cost: numeric("cost"),
    billedCost: numeric("billed_cost"),
    currency: text("currency"),
    extras: jsonb("extras").$type<Record<string, unknown>>(),
    /** a purchase recorded in the contract's terms, and as what */
    recordedAs: text("recorded_as", { enum: ["pack", "allocation"] }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("burn_charges_contract_row_key").on(t.contractId, t.rowKey),
    index("burn_charges_workspace_contract_period_idx").on(t.workspaceId, t.contractId, t.periodStart),
    index("burn_charges_import_idx").on(t.importId),
  ],
);
export type BurnCharge = typeof burnCharges.$inferSelect;

/**
 * Rows a restating import replaced (the provider's restated export of a billing period), kept whole
 * as JSON so that rolling the restating import back puts them back as they were.
 */
export const burnReplaced = pgTable(
  "burn_replaced",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    /** the import that replaced the row */
    importId: uuid("import_id")
      .notNull()
      .references(() => burnImports.id, { onDelete: "cascade" }),
    /** the import the row came from (null for a row whose import record is gone) */
    originalImportId: uuid("original_import_id"),
    source: text("source", { enum: ["burn_rows", "burn_charges"] }).notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("burn_replaced_import_idx").on(t.importId), index("burn_replaced_original_idx").on(t.originalImportId), index("burn_replaced_workspace_idx").on(t.workspaceId)],
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
