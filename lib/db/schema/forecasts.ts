import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { ComparisonResult, ForecastHeadline, ForecastResult } from "@/lib/services/forecast/types";
import type { BriefSettings } from "./briefs";
import { users } from "./auth";
import { briefs } from "./briefs";
import { contracts } from "./contracts";
import { workspaces } from "./workspaces";

/**
 * The forecast of record of a contract: the engine's result computed by a job (forecast_compute)
 * from the inputs named by `inputKey`, read by every page, alert and export. One row per contract.
 */
export const contractForecasts = pgTable(
  "contract_forecasts",
  {
    contractId: uuid("contract_id")
      .primaryKey()
      .references(() => contracts.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** hash of every input of the stored result (terms, rate card version, burn, drivers, basis, date); null before the first */
    inputKey: text("input_key"),
    /**
     * A cheap fingerprint of the same inputs (contract version, rate card version, burn row count and
     * newest id, date) that a page compares without loading them: when it differs, the page shows the
     * stored result as stale and asks for a recomputation.
     */
    stamp: text("stamp"),
    /** database time at which the stored result's inputs were read: a slower job on older inputs never overwrites a newer result */
    inputsReadAt: timestamp("inputs_read_at", { withTimezone: true }),
    /** the day the stored result was computed for (dates are read against it) */
    asOf: date("as_of", { mode: "string" }),
    status: text("status", { enum: ["pending", "ready", "unavailable"] }).notNull().default("pending"),
    /** why there is no forecast (status "unavailable"), in words */
    message: text("message"),
    /** the figures a list needs (portfolio, alerts), without the ledger */
    headline: jsonb("headline").$type<ForecastHeadline>(),
    result: jsonb("result").$type<ForecastResult>(),
    /** the latest whole period of observed burn when it was computed */
    lastBurn: jsonb("last_burn").$type<{ periodStart: string; credits: string | null; cost: string | null }>(),
    computedAt: timestamp("computed_at", { withTimezone: true }),
    /** the inputs of the latest recomputation asked for; differs from inputKey while it is pending */
    requestedKey: text("requested_key"),
    requestedAt: timestamp("requested_at", { withTimezone: true }),
    /** the last recomputation that failed for good, and why */
    lastError: text("last_error"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("contract_forecasts_workspace_idx").on(t.workspaceId)],
);
export type ContractForecast = typeof contractForecasts.$inferSelect;

/**
 * Saved scenarios evaluated side by side on one demand (the Compare page), computed by a job and kept
 * under the key of their inputs (scenarios, demand, and the forecast's inputs).
 */
export const scenarioComparisons = pgTable(
  "scenario_comparisons",
  {
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "ready", "unavailable"] }).notNull().default("pending"),
    message: text("message"),
    result: jsonb("result").$type<ComparisonResult>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    computedAt: timestamp("computed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.key] }), index("scenario_comparisons_workspace_idx").on(t.workspaceId)],
);
export type ScenarioComparison = typeof scenarioComparisons.$inferSelect;

/**
 * A brief (or a new version of one) being computed by a job: its input, its progress for the builder
 * to show, and where the result went. Written by the job in the same transaction as the version, so a
 * job that runs again after a crash finds it done.
 */
export const briefJobs = pgTable(
  "brief_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["create", "version"] }).notNull(),
    /** for a new version: the brief; for a new brief: set when it is created */
    briefId: uuid("brief_id").references(() => briefs.id, { onDelete: "cascade" }),
    input: jsonb("input").$type<{ title?: string; note?: string; settings: BriefSettings | null }>().notNull(),
    status: text("status", { enum: ["queued", "running", "succeeded", "failed"] }).notNull().default("queued"),
    /** what the job is doing, in words */
    stage: text("stage").notNull().default("Waiting for a worker"),
    /** 0…100 */
    progressPct: integer("progress_pct").notNull().default(0),
    error: text("error"),
    fieldErrors: jsonb("field_errors").$type<Record<string, string[]>>(),
    resultVersion: integer("result_version"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("brief_jobs_workspace_idx").on(t.workspaceId), index("brief_jobs_contract_idx").on(t.contractId)],
);
export type BriefJob = typeof briefJobs.$inferSelect;
