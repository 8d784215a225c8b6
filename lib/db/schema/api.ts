import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workspaces } from "./workspaces";

export const apiScopeEnum = pgEnum("api_token_scope", ["read", "write"]);
export type ApiScope = (typeof apiScopeEnum.enumValues)[number];

/**
 * A workspace's API tokens (REST API under /api/v1). Only the token's sha-256 is kept: the token is
 * shown once to the owner who creates it. A token acts for its creator, with at most its scope's
 * rights (read ≈ viewer, write ≈ editor) and never more than the creator's current role.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scope: apiScopeEnum("scope").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** the first characters of the token (its "wbk_" prefix and 6 more), to recognise it in the list */
    tokenPrefix: text("token_prefix").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash), index("api_tokens_workspace_idx").on(t.workspaceId)],
);
export type ApiToken = typeof apiTokens.$inferSelect;

/** Requests per token per fixed window (a minute): shared by every app instance. */
export const apiRateWindows = pgTable(
  "api_rate_windows",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.windowStart] })],
);
