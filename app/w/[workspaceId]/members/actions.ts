"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, workspaceAction } from "@/lib/actions/safe-action";
import { createInvitation, createInvitationInput } from "@/lib/services/invitations/create";
import { revokeInvitation } from "@/lib/services/invitations/revoke";
import { changeMemberRole, changeRoleInput } from "@/lib/services/members/change-role";
import { leaveWorkspace, removeMember } from "@/lib/services/members/remove";

async function appOrigin(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return process.env.NEXTAUTH_URL.replace(/\/$/, "");
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
}

export async function inviteAction(workspaceId: string, _prev: unknown, form: FormData) {
  const result = await workspaceAction(workspaceId, "owner", async (ctx) => {
    const input = createInvitationInput.parse(formFields(form));
    const inv = await createInvitation(ctx, input);
    const link = `${await appOrigin()}/invite/${inv.token}`;
    // The link is shown to the inviter only: a token in a log would be a key anyone reading logs holds.
    console.info(`[invite] invitation ${inv.id} to workspace ${ctx.workspace.id} as ${input.role}`);
    return { link, email: input.email, expiresAt: inv.expiresAt.toISOString() };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/members`);
  return result;
}

export async function revokeInvitationAction(workspaceId: string, invitationId: string) {
  const result = await workspaceAction(workspaceId, "owner", (ctx) => revokeInvitation(ctx, { invitationId }));
  if (result.ok) revalidatePath(`/w/${workspaceId}/members`);
  return result;
}

export async function changeRoleAction(workspaceId: string, userId: string, role: string) {
  const result = await workspaceAction(workspaceId, "owner", (ctx) => changeMemberRole(ctx, changeRoleInput.parse({ userId, role })));
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result;
}

export async function removeMemberAction(workspaceId: string, userId: string) {
  const result = await workspaceAction(workspaceId, "owner", (ctx) => removeMember(ctx, { userId }));
  if (result.ok) revalidatePath(`/w/${workspaceId}/members`);
  return result;
}

export async function leaveWorkspaceAction(workspaceId: string) {
  const result = await workspaceAction(workspaceId, "viewer", (ctx) => leaveWorkspace(ctx));
  if (result.ok) redirect("/w");
  return result;
}
