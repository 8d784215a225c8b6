import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { listWorkspacesForUser } from "@/lib/services/workspaces/list-for-user";

/** Home: the caller's workspace when there is exactly one, the list of workspaces otherwise. */
export default async function Home() {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  const list = await listWorkspacesForUser({ db: await getDb(), actor });
  redirect(list.length === 1 ? `/w/${list[0]!.id}` : "/w");
}
