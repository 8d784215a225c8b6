import type { Metadata } from "next";
import { InviteForm } from "@/components/members/invite-form";
import { LeaveWorkspaceButton } from "@/components/members/leave-button";
import { MembersTable } from "@/components/members/members-table";
import { PendingInvitations } from "@/components/members/pending-invitations";
import { Card } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { listPendingInvitations } from "@/lib/services/invitations/list";
import { listMembers } from "@/lib/services/members/list";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const isOwner = ctx.role === "owner";
  const members = await listMembers(ctx);
  const pending = isOwner ? await listPendingInvitations(ctx) : [];
  return (
    <div className="space-y-6">
      <Card title="Members" description="Owners manage members and the workspace; editors change its data; viewers read it.">
        <MembersTable
          workspaceId={ctx.workspace.id}
          isOwner={isOwner}
          me={ctx.actor.id}
          members={members.map((m) => ({ userId: m.userId, name: m.name, email: m.email, role: m.role }))}
        />
      </Card>
      {isOwner && (
        <Card title="Invite someone" description="Invitation links work once and expire after 7 days. There is no e-mail: copy the link and send it yourself.">
          <InviteForm workspaceId={ctx.workspace.id} />
          <div className="mt-6">
            <PendingInvitations
              workspaceId={ctx.workspace.id}
              invitations={pending.map((p) => ({ id: p.id, email: p.email, role: p.role, expiresAt: p.expiresAt.toISOString() }))}
            />
          </div>
        </Card>
      )}
      <Card title="Leave this workspace" description="You lose access at once. The last owner cannot leave.">
        <LeaveWorkspaceButton workspaceId={ctx.workspace.id} workspaceName={ctx.workspace.name} />
      </Card>
    </div>
  );
}
