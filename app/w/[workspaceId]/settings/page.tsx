import type { Metadata } from "next";
import { CalendarFeedPanel } from "@/components/settings/calendar-feed";
import { DeleteWorkspaceForm, RenameWorkspaceForm } from "@/components/settings/workspace-settings";
import { TransferLink } from "@/components/transfer/transfer-link";
import { Card } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { getCalendarFeed } from "@/lib/services/calendar/feed";
import { hasRole } from "@/lib/services/context";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const feed = await getCalendarFeed(ctx);
  const calendar = (
    <Card
      title="Renewal calendar"
      description="A secret iCalendar URL for Google Calendar, Outlook or Apple Calendar: every contract's renewal, notice deadline, forecast run-out and the day burn measurement should start (two full quarters before renewal). Anyone with the URL can read these dates, so treat it like a password."
    >
      <CalendarFeedPanel workspaceId={ctx.workspace.id} feed={feed ? { createdAt: feed.createdAt, lastFetchedAt: feed.lastFetchedAt } : null} canEdit={hasRole(ctx.role, "editor")} />
    </Card>
  );
  if (ctx.role !== "owner") {
    return (
      <div className="space-y-6">
        <Card title="Settings">
          <p className="text-sm text-slate-600">Only an owner of this workspace can rename or delete it.</p>
          <div className="mt-3"><TransferLink workspaceId={ctx.workspace.id} /></div>
        </Card>
        {calendar}
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <TransferLink workspaceId={ctx.workspace.id} />
      <Card title="Workspace name">
        <RenameWorkspaceForm workspaceId={ctx.workspace.id} name={ctx.workspace.name} />
      </Card>
      {calendar}
      <Card title="Delete this workspace" description="Deletes every vendor, contract, import and brief in it, for every member. This cannot be undone.">
        <DeleteWorkspaceForm workspaceId={ctx.workspace.id} name={ctx.workspace.name} />
      </Card>
    </div>
  );
}
