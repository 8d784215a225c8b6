// Requests per API token in fixed one-minute windows, counted in PostgreSQL so every app instance
// shares the count: one upsert per request (insert the window's row or add one to it).
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiRateWindows } from "@/lib/db/schema/api";

export const RATE_WINDOW_MS = 60_000;

/** Requests one token may make per minute (API_RATE_LIMIT_PER_MINUTE, default 600). */
export function rateLimitPerMinute(): number {
  const raw = Number(process.env.API_RATE_LIMIT_PER_MINUTE);
  return Number.isSafeInteger(raw) && raw > 0 ? raw : 600;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** requests counted in this window, this one included */
  count: number;
  remaining: number;
  /** whole seconds until the window ends (at least 1) */
  retryAfterSeconds: number;
  /** the first refusal of the window (the one that is audited) */
  firstRefusal: boolean;
}

export async function countRequest(db: Db, tokenId: string, options: { now?: Date; limit?: number } = {}): Promise<RateDecision> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? rateLimitPerMinute();
  const windowStart = new Date(Math.floor(now.getTime() / RATE_WINDOW_MS) * RATE_WINDOW_MS);
  const [row] = await db
    .insert(apiRateWindows)
    .values({ tokenId, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [apiRateWindows.tokenId, apiRateWindows.windowStart], set: { count: sql`${apiRateWindows.count} + 1` } })
    .returning({ count: apiRateWindows.count });
  const count = row!.count;
  // A new window: the token's earlier windows are of no more use.
  if (count === 1) await db.delete(apiRateWindows).where(and(eq(apiRateWindows.tokenId, tokenId), lt(apiRateWindows.windowStart, windowStart)));
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + RATE_WINDOW_MS - now.getTime()) / 1000));
  return { allowed: count <= limit, limit, count, remaining: Math.max(0, limit - count), retryAfterSeconds, firstRefusal: count === limit + 1 };
}
