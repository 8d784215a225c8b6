import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/services/context";
import { authOptions } from "./options";
import { actorOfSession } from "./sessions";

/**
 * The signed-in user, re-read with the session's row on every request: a deleted account, a
 * signed-out or expired session stops working at once, on every instance. One read per request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  return actorOfSession(await getDb(), session?.sid, session?.user?.id);
});

/** For pages: the actor, or a redirect to sign-in. */
export async function requireActorOrRedirect(callbackUrl?: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signin");
  return actor;
}

/** The id of the caller's session row (to keep it when the other sessions end). */
export async function currentSessionId(): Promise<string | undefined> {
  const session = await getServerSession(authOptions);
  return session?.sid;
}
