import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { appSettings } from "@/lib/db/schema/auth";

/**
 * The session-signing secret when NEXTAUTH_SECRET is not configured: generated once and kept in the
 * database, so every instance sharing the database signs and verifies sessions alike.
 */
export async function loadOrCreateAuthSecret(db: Db): Promise<string> {
  await db
    .insert(appSettings)
    .values({ key: "nextauth_secret", value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, "nextauth_secret"));
  if (!row) throw new Error("could not store the session secret");
  return row.value;
}
