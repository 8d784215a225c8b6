import type { Metadata } from "next";
import Link from "next/link";
import { CreateWorkspaceForm } from "@/components/workspace/create-workspace-form";
import { TopBar } from "@/components/workspace/top-bar";
import { Card, EmptyState } from "@/components/ui/card";
import { requireActorOrRedirect } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { listWorkspacesForUser } from "@/lib/services/workspaces/list-for-user";

export const metadata: Metadata = { title: "Workspaces" };

export default async function WorkspacesPage() {
  const actor = await requireActorOrRedirect("/w");
  const list = await listWorkspacesForUser({ db: await getDb(), actor });
  return (
    <>
      <TopBar actor={actor} />
      <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-3xl space-y-6 px-4 py-10">
        <h1 className="text-2xl font-semibold">Your workspaces</h1>
        <Card title="Workspaces" description="Each client or business unit gets its own workspace, with its own members and roles.">
          {list.length === 0 ? (
            <EmptyState title="You do not belong to a workspace yet">Create one below, or open an invitation link someone sent you.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {list.map((w) => (
                <li key={w.id}>
                  <Link href={`/w/${w.id}`} className="flex items-center justify-between rounded px-2 py-3 hover:bg-slate-50">
                    <span className="font-medium">{w.name}</span>
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs capitalize text-slate-600">{w.role}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Create a workspace">
          <CreateWorkspaceForm />
        </Card>
      </main>
    </>
  );
}
