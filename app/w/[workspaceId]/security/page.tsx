import type { Metadata } from "next";
import { SecurityEventsTable } from "@/components/security/security-events-table";
import { Card } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { listWorkspaceSecurityEvents } from "@/lib/services/security/log";

export const metadata: Metadata = { title: "Security log" };

export default async function SecurityLogPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  if (ctx.role !== "owner") {
    return (
      <Card title="Security log">
        <p className="text-sm text-slate-600">Only an owner of this workspace can read its security log.</p>
      </Card>
    );
  }
  const rows = await listWorkspaceSecurityEvents(ctx);
  return (
    <Card
      title="Security log"
      description="Refused access to this workspace, role changes, and the sign-ins, failed attempts and password changes of its members: the latest 200, newest first, kept 180 days."
    >
      <SecurityEventsTable rows={rows} label="Security events" />
    </Card>
  );
}
