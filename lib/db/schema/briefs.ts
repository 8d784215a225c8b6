import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { BriefContent } from "@/lib/brief/types";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import { users } from "./auth";
import { contracts } from "./contracts";
import { rateCardVersions } from "./ratecards";
import { workspaces } from "./workspaces";

/** A negotiation brief of a contract: a series of immutable versions. */
export const briefs = pgTable(
  "briefs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    latestVersion: integer("latest_version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("briefs_workspace_idx").on(t.workspaceId), index("briefs_contract_idx").on(t.contractId)],
);
export type Brief = typeof briefs.$inferSelect;

export interface BriefSettings {
  roles: { vendor: string; asks: string; walkAway: string | null };
  /** where the horizon starts: the contract's term start (absent), or its renewal date */
  horizonStart?: "termStart" | "renewal";
  horizonPeriods: number;
  seed: number;
  paths: number;
}

/**
 * One version of a brief, never updated: the model document it was computed from (every input:
 * rate card version, observed burn up to a date, drivers, clauses, seed) and the content composed
 * from the engine's result, so the version always shows the same figures.
 */
export const briefVersions = pgTable(
  "brief_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    briefId: uuid("brief_id")
      .notNull()
      .references(() => briefs.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    settings: jsonb("settings").$type<BriefSettings>().notNull(),
    rateCardVersionId: uuid("rate_card_version_id").references(() => rateCardVersions.id, { onDelete: "restrict" }),
    burnThrough: date("burn_through", { mode: "string" }),
    document: jsonb("document").$type<ModelDocumentInput>().notNull(),
    /** for a horizon starting at renewal: the current term's document the current position is read from */
    positionDocument: jsonb("position_document").$type<ModelDocumentInput>(),
    content: jsonb("content").$type<BriefContent>().notNull(),
    note: text("note"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("brief_versions_brief_version").on(t.briefId, t.version), index("brief_versions_workspace_idx").on(t.workspaceId)],
);
export type BriefVersion = typeof briefVersions.$inferSelect;

/**
 * A read-only link to one brief version. The token is shown once; only its SHA-256 is stored. The
 * link works until it expires or is revoked, and shows that version and nothing else.
 */
export const briefShares = pgTable(
  "brief_shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    briefVersionId: uuid("brief_version_id")
      .notNull()
      .references(() => briefVersions.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastViewedAt: timestamp("last_viewed_at", { withTimezone: true }),
    /** internal: the whole brief; vendorSafe: without the walk-away, authority levels and risks */
    kind: text("kind").$type<ShareKind>().notNull().default("internal"),
  },
  (t) => [
    uniqueIndex("brief_shares_token_hash").on(t.tokenHash),
    index("brief_shares_version_idx").on(t.briefVersionId),
    check("brief_shares_kind", sql`${t.kind} in ('internal', 'vendorSafe')`),
  ],
);
export type BriefShare = typeof briefShares.$inferSelect;
export type ShareKind = "internal" | "vendorSafe";

/** An owner's or editor's sign-off of one brief version: one per version and person, withdrawn by deleting it. */
export const briefSignOffs = pgTable(
  "brief_sign_offs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    briefVersionId: uuid("brief_version_id")
      .notNull()
      .references(() => briefVersions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("brief_sign_offs_version_user").on(t.briefVersionId, t.userId), index("brief_sign_offs_workspace_idx").on(t.workspaceId)],
);

/** A comment on one brief version by a member of the workspace; its author may delete it. */
export const briefComments = pgTable(
  "brief_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    briefVersionId: uuid("brief_version_id")
      .notNull()
      .references(() => briefVersions.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("brief_comments_version_idx").on(t.briefVersionId, t.createdAt), index("brief_comments_workspace_idx").on(t.workspaceId)],
);
