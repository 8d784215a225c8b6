import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/auth";
import type { Actor } from "@/lib/services/context";
import { authOptions } from "./options";

/** The signed-in user, re-read from the database so a deleted account stops working at once. */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const [row] = await (await getDb()).select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, id));
  return row ?? null;
}

/** For pages: the actor, or a redirect to sign-in. */
export async function requireActorOrRedirect(callbackUrl?: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signin");
  return actor;
}
