import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workspaces } from "./workspaces";

/**
 * The secret URL of a workspace's renewal calendar (iCalendar feed). Only the token's sha-256 is
 * kept; the token is shown once to whoever creates it. At most one live feed per workspace:
 * re-creating revokes the previous one, so a leaked URL is stopped by making a new one.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** the last time a calendar client read the feed (shown in Settings) */
    lastFetchedAt: timestamp("last_fetched_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("calendar_feeds_token_hash_key").on(t.tokenHash),
    index("calendar_feeds_workspace_idx").on(t.workspaceId),
    uniqueIndex("calendar_feeds_one_live_per_workspace").on(t.workspaceId).where(sql`${t.revokedAt} is null`),
  ],
);
export type CalendarFeed = typeof calendarFeeds.$inferSelect;
