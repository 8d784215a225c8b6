"use server";
import { redirect } from "next/navigation";
import { actorAction } from "@/lib/actions/safe-action";
import { acceptInvitation } from "@/lib/services/invitations/accept";

export async function acceptInvitationAction(token: string) {
  const result = await actorAction((ctx) => acceptInvitation(ctx, token));
  if (result.ok) redirect(`/w/${result.data.workspaceId}`);
  return result;
}
