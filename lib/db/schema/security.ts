import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workspaces } from "./workspaces";

/**
 * What happened to accounts and access: failed and throttled sign-ins, password changes and resets,
 * refused access, role changes. Owners read their workspace's events and their members'; every
 * user reads their own. Kept 180 days (the daily job prunes).
 */
export const securityEvents = pgTable(
  "security_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** see SecurityEventKind in lib/services/security/log.ts */
    kind: text("kind").notNull(),
    /** the account concerned, when one is known */
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** the e-mail address typed, for failures on an address that may not exist */
    email: text("email"),
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    /** the client address, as far as it is known (see lib/auth/client-address.ts) */
    address: text("address"),
    /** one plain sentence, never a secret */
    detail: text("detail").notNull().default(""),
  },
  (t) => [
    index("security_events_workspace_idx").on(t.workspaceId, t.at),
    index("security_events_user_idx").on(t.userId, t.at),
    index("security_events_email_idx").on(t.email, t.at),
    index("security_events_at_idx").on(t.at),
  ],
);
export type SecurityEvent = typeof securityEvents.$inferSelect;

/**
 * One-time links sent by e-mail: "verify" finishes a sign-up (it carries the password chosen then,
 * hashed, so whoever holds the address decides the account's password), "reset" chooses a new
 * password. Only the token's hash is kept.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    purpose: text("purpose", { enum: ["verify", "reset"] }).notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** verify only: the bcrypt hash of the password and the name given at sign-up */
    passwordHash: text("password_hash"),
    name: text("name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("account_tokens_user_idx").on(t.userId, t.purpose)],
);
