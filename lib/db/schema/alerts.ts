import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { contracts } from "./contracts";
import { workspaces } from "./workspaces";

/** What an alert is about. */
export const ALERT_KINDS = ["crossed", "runOut", "notice"] as const;
export type AlertKindDelivered = (typeof ALERT_KINDS)[number];

/**
 * A workspace's alert settings: how far ahead run-outs and notice deadlines are announced, and the
 * webhook every new alert is posted to. No row: the defaults (30 days, no webhook).
 */
export const alertSettings = pgTable("alert_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  horizonDays: integer("horizon_days").notNull().default(30),
  webhookUrl: text("webhook_url"),
  /** the key of the webhook's HMAC-SHA256 signature; kept as given (signing needs it), never shown back */
  webhookSecret: text("webhook_secret"),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type AlertSettings = typeof alertSettings.$inferSelect;

/** What a member receives, per kind. No row: the kind in the inbox and by e-mail. */
export const alertPreferences = pgTable(
  "alert_preferences",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    inbox: boolean("inbox").notNull().default(true),
    email: boolean("email").notNull().default(true),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId, t.kind] })],
);
export type AlertPreference = typeof alertPreferences.$inferSelect;

/**
 * An alert found by the daily job: one row per (contract, kind, subject), whichever instance or run
 * found it first (the unique key makes every later find a no-op). `subject` names what it is about:
 * the notice deadline's date, the term a run-out falls in, the allotment, threshold and date of a crossing.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    subject: text("subject").notNull(),
    /** the day it is about (deadline, run-out, crossing) */
    date: date("date", { mode: "string" }).notNull(),
    thresholdPct: integer("threshold_pct"),
    allotmentId: text("allotment_id"),
    /** names as they were when it was found, and the day it was found for */
    details: jsonb("details").$type<{ contractName: string; vendorName: string; foundFor: string; basis?: string }>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("alerts_subject_key").on(t.contractId, t.kind, t.subject), index("alerts_workspace_idx").on(t.workspaceId, t.createdAt)],
);
export type AlertRow = typeof alerts.$inferSelect;

/**
 * One delivery of an alert to one recipient on one channel: a member's inbox, a member's e-mail, or
 * the workspace's webhook (recipient "webhook"). Inserted ON CONFLICT DO NOTHING before anything is
 * sent, so an alert reaches each recipient once whatever the number of runs and instances.
 */
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: ["inbox", "email", "webhook"] }).notNull(),
    /** a user id (inbox, e-mail) or "webhook" */
    recipient: text("recipient").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** the e-mail address or webhook URL it went to */
    target: text("target"),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("alert_deliveries_once").on(t.alertId, t.channel, t.recipient),
    index("alert_deliveries_inbox_idx").on(t.workspaceId, t.userId, t.channel, t.createdAt),
    index("alert_deliveries_workspace_channel_idx").on(t.workspaceId, t.channel, t.createdAt),
  ],
);
export type AlertDelivery = typeof alertDeliveries.$inferSelect;
