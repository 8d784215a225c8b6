// One-time links sent by e-mail (sign-up confirmation, password reset): 256-bit tokens of which
// only the hash is stored; a link works once, until it expires; a new link of the same purpose
// replaces the account's earlier ones.
import { and, eq, gt, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/auth";
import { accountTokens } from "@/lib/db/schema/security";
import { hashLinkToken, newLinkToken } from "../link-token";

export type LinkPurpose = "verify" | "reset";

export const LINK_MINUTES: Record<LinkPurpose, number> = { verify: 24 * 60, reset: 60 };

export async function issueLink(
  db: Db,
  userId: string,
  purpose: LinkPurpose,
  now: Date,
  carry: { passwordHash?: string; name?: string } = {},
): Promise<string> {
  const token = newLinkToken();
  await db.transaction(async (tx) => {
    await tx.delete(accountTokens).where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose)));
    await tx.insert(accountTokens).values({
      tokenHash: hashLinkToken(token),
      purpose,
      userId,
      passwordHash: carry.passwordHash ?? null,
      name: carry.name ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LINK_MINUTES[purpose] * 60_000),
    });
  });
  return token;
}

export interface LiveLink {
  tokenHash: string;
  userId: string;
  email: string;
  name: string;
  passwordHash: string | null;
  carriedName: string | null;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** The account a link is for, or null when it is unknown, used, expired or of another purpose. */
export async function liveLink(db: Db, token: string, purpose: LinkPurpose, now: Date): Promise<LiveLink | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({
      tokenHash: accountTokens.tokenHash,
      userId: accountTokens.userId,
      email: users.email,
      name: users.name,
      passwordHash: accountTokens.passwordHash,
      carriedName: accountTokens.name,
    })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(
      and(
        eq(accountTokens.tokenHash, hashLinkToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`${now.toISOString()}::timestamptz`),
      ),
    );
  return row ?? null;
}

/** Spends a link; false when another request spent it first (call inside the write's transaction). */
export async function spendLink(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const spent = await db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.tokenHash, tokenHash), isNull(accountTokens.usedAt)))
    .returning({ userId: accountTokens.userId });
  return spent.length === 1;
}

/** The newest live sign-up link of an account (to recognise its pending password at sign-in). */
export async function pendingSignUp(db: Db, userId: string, now: Date): Promise<{ passwordHash: string } | null> {
  const [row] = await db
    .select({ passwordHash: accountTokens.passwordHash })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, userId),
        eq(accountTokens.purpose, "verify"),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`${now.toISOString()}::timestamptz`),
      ),
    )
    .orderBy(sql`${accountTokens.createdAt} desc`)
    .limit(1);
  return row?.passwordHash ? { passwordHash: row.passwordHash } : null;
}

/** Deletes links that are spent or expired (the daily job calls it). */
export async function pruneLinks(db: Db, now = new Date()): Promise<number> {
  const gone = await db
    .delete(accountTokens)
    .where(or(isNotNull(accountTokens.usedAt), lt(accountTokens.expiresAt, sql`${now.toISOString()}::timestamptz`)))
    .returning({ userId: accountTokens.userId });
  return gone.length;
}
