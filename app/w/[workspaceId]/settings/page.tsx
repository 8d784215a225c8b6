import type { Metadata } from "next";
import { DeleteWorkspaceForm, RenameWorkspaceForm } from "@/components/settings/workspace-settings";
import { TransferLink } from "@/components/transfer/transfer-link";
import { Card } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  if (ctx.role !== "owner") {
    return (
      <Card title="Settings">
        <p className="text-sm text-slate-600">Only an owner of this workspace can rename or delete it.</p>
        <div className="mt-3"><TransferLink workspaceId={ctx.workspace.id} /></div>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      <TransferLink workspaceId={ctx.workspace.id} />
      <Card title="Workspace name">
        <RenameWorkspaceForm workspaceId={ctx.workspace.id} name={ctx.workspace.name} />
      </Card>
      <Card title="Delete this workspace" description="Deletes every vendor, contract, import and brief in it, for every member. This cannot be undone.">
        <DeleteWorkspaceForm workspaceId={ctx.workspace.id} name={ctx.workspace.name} />
      </Card>
    </div>
  );
}
