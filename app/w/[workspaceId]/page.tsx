import type { Metadata } from "next";
import Link from "next/link";
import { AlertList } from "@/components/portfolio/alert-list";
import { PortfolioTable } from "@/components/portfolio/portfolio-table";
import { Card, EmptyState } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { hasRole } from "@/lib/services/context";
import { getPortfolio } from "@/lib/services/portfolio/get";

export const metadata: Metadata = { title: "Portfolio" };

export default async function PortfolioPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const { today, rows, alerts } = await getPortfolio(ctx);
  const base = `/w/${ctx.workspace.id}`;
  if (rows.length === 0) {
    return (
      <Card title="Portfolio">
        <EmptyState title="No contracts yet">
          {hasRole(ctx.role, "editor") ? (
            <>
              <Link className="font-semibold text-indigo-600 hover:underline" href={`${base}/contracts/new`}>
                Add a contract
              </Link>{" "}
              from a vendor&apos;s rate card template to see renewals, burn and runway here.
            </>
          ) : (
            "An editor of this workspace can add contracts."
          )}
        </EmptyState>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      <Card title="Alerts" description={`Threshold crossings observed in the last 45 days and forecast for the next 12 months, notice deadlines within 120 days. Today is ${today}.`}>
        <AlertList alerts={alerts} workspaceId={ctx.workspace.id} />
      </Card>
      <Card title="Portfolio" description="Every contract with its renewal, notice deadline, latest burn and the engine's forecast for the term.">
        <PortfolioTable rows={rows} workspaceId={ctx.workspace.id} />
      </Card>
    </div>
  );
}
