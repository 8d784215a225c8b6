import type { Metadata } from "next";
import Link from "next/link";
import { BriefList } from "@/components/briefs/brief-list";
import { Card, EmptyState } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { listBriefs } from "@/lib/services/briefs/read";
import { listContracts } from "@/lib/services/contracts/list";

export const metadata: Metadata = { title: "Briefs" };

export default async function BriefsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const [briefs, contracts] = await Promise.all([listBriefs(ctx), listContracts(ctx)]);
  return (
    <div className="space-y-6">
      <Card title="Negotiation briefs" description="Every brief of the workspace, newest first. Build one from a contract's Briefs tab.">
        {briefs.length === 0 ? (
          <EmptyState title="No brief yet">
            {contracts.length === 0 ? (
              "Add a contract and its scenarios first."
            ) : (
              <span>
                Open a contract&apos;s <strong>Briefs</strong> tab to build one:{" "}
                {contracts.map((c, i) => (
                  <span key={c.id}>
                    {i > 0 && ", "}
                    <Link className="text-indigo-700 underline" href={`/w/${ctx.workspace.id}/contracts/${c.id}/briefs`}>
                      {c.name}
                    </Link>
                  </span>
                ))}
              </span>
            )}
          </EmptyState>
        ) : (
          <BriefList workspaceId={ctx.workspace.id} briefs={briefs} showContract />
        )}
      </Card>
    </div>
  );
}
