import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { CreditPriceJson, MeteredUnitJson } from "./json";
import { users } from "./auth";
import { vendors } from "./vendors";
import { workspaces } from "./workspaces";

/** A vendor's rate card in a workspace; its figures live in versions. */
export const rateCards = pgTable(
  "rate_cards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    vendorId: uuid("vendor_id").references(() => vendors.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    /** the built-in template it was started from (lib/ratecards/templates.ts), if any */
    templateId: text("template_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rate_cards_workspace_idx").on(t.workspaceId)],
);
export type RateCard = typeof rateCards.$inferSelect;

/**
 * One version of a rate card. A version is editable while it is a draft; once a contract, saved
 * scenario or brief uses it, it is locked (`lockedAt`) and an edit makes a new version instead, so
 * nothing that used it changes under it.
 */
export const rateCardVersions = pgTable(
  "rate_card_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    rateCardId: uuid("rate_card_id")
      .notNull()
      .references(() => rateCards.id, { onDelete: "cascade" }),
    versionNo: integer("version_no").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    effectiveTo: date("effective_to", { mode: "string" }),
    currency: text("currency").notNull(),
    source: text("source").notNull().default(""),
    units: jsonb("units").$type<MeteredUnitJson[]>().notNull(),
    creditPrice: jsonb("credit_price").$type<CreditPriceJson>().notNull(),
    /** optimistic-concurrency counter for draft edits */
    revision: integer("revision").notNull().default(1),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("rate_card_versions_card_no_key").on(t.rateCardId, t.versionNo),
    index("rate_card_versions_workspace_idx").on(t.workspaceId),
  ],
);
export type RateCardVersionRow = typeof rateCardVersions.$inferSelect;
