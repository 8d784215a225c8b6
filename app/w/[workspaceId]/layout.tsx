import { TopBar } from "@/components/workspace/top-bar";
import { WorkspaceNav } from "@/components/workspace/workspace-nav";
import { WorkspaceSwitcher } from "@/components/workspace/workspace-switcher";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { countUnreadAlerts } from "@/lib/services/alerts/inbox";
import { listWorkspacesForUser } from "@/lib/services/workspaces/list-for-user";

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const [all, unreadAlerts] = await Promise.all([listWorkspacesForUser(ctx), countUnreadAlerts(ctx)]);
  return (
    <>
      <TopBar actor={ctx.actor}>
        <WorkspaceSwitcher current={ctx.workspace.id} workspaces={all.map((w) => ({ id: w.id, name: w.name }))} />
      </TopBar>
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-6xl px-4">
          <WorkspaceNav workspaceId={ctx.workspace.id} isOwner={ctx.role === "owner"} unreadAlerts={unreadAlerts} />
        </div>
      </div>
      <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-6xl space-y-6 px-4 py-8">
        <div className="flex items-baseline justify-between gap-4">
          <h1 className="text-2xl font-semibold">{ctx.workspace.name}</h1>
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs capitalize text-slate-600" data-testid="my-role">
            {ctx.role}
          </span>
        </div>
        {children}
      </main>
    </>
  );
}
