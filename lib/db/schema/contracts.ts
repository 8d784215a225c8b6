import { date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { AssumptionsJson, ClausesJson, DriversJson, FixedLineJson, PerUserJson, ScenarioJson } from "./json";
import { rateCardVersions } from "./ratecards";
import { vendors } from "./vendors";
import { workspaces } from "./workspaces";

/** How a contract's forecast of record takes its demand (lib/services/forecast); null = the default for its data. */
export const FORECAST_BASES = ["drivers", "observedTrend", "observedThenDrivers"] as const;
export type ForecastBasis = (typeof FORECAST_BASES)[number];

export const contracts = pgTable(
  "contracts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    vendorId: uuid("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    product: text("product").notNull().default(""),
    currency: text("currency").notNull(),
    termStart: date("term_start", { mode: "string" }).notNull(),
    /** exclusive */
    termEnd: date("term_end", { mode: "string" }).notNull(),
    renewalDate: date("renewal_date", { mode: "string" }),
    noticeDays: integer("notice_days"),
    granularity: text("granularity", { enum: ["month", "week"] }).notNull().default("month"),
    fixedLines: jsonb("fixed_lines").$type<FixedLineJson[]>().notNull().default([]),
    /** the rate card version the contract was signed on (locked once referenced) */
    rateCardVersionId: uuid("rate_card_version_id")
      .notNull()
      .references(() => rateCardVersions.id, { onDelete: "restrict" }),
    /** consumption terms as they stand today: allotments, packs, rollover, overage, true-up… */
    clauses: jsonb("clauses").$type<ClausesJson>().notNull().default({}),
    drivers: jsonb("drivers").$type<DriversJson>(),
    perUser: jsonb("per_user").$type<PerUserJson>(),
    assumptions: jsonb("assumptions").$type<AssumptionsJson>(),
    forecastBasis: text("forecast_basis", { enum: FORECAST_BASES }),
    /**
     * The contract a workspace file's import made this one from: that contract's own origin, or its id
     * (lib/services/transfer). A later import of a file carrying it merges into this contract.
     */
    originId: uuid("origin_id"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contracts_workspace_idx").on(t.workspaceId),
    index("contracts_vendor_idx").on(t.vendorId),
    index("contracts_origin_idx").on(t.workspaceId, t.originId),
    // the target of burn_rows' (workspace, contract) foreign key
    unique("contracts_workspace_id_key").on(t.workspaceId, t.id),
  ],
);
export type Contract = typeof contracts.$inferSelect;

/** A saved scenario of a contract: a demand source and a clause set, as the model document's ScenarioDoc. */
export const scenarios = pgTable(
  "scenarios",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    doc: jsonb("doc").$type<ScenarioJson>().notNull(),
    /** the rate card version this scenario was saved against */
    rateCardVersionId: uuid("rate_card_version_id").references(() => rateCardVersions.id, { onDelete: "restrict" }),
    sortOrder: integer("sort_order").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("scenarios_workspace_idx").on(t.workspaceId), index("scenarios_contract_idx").on(t.contractId)],
);
export type Scenario = typeof scenarios.$inferSelect;
