import type { Metadata } from "next";
import Link from "next/link";
import { AlertList } from "@/components/portfolio/alert-list";
import { PortfolioTable } from "@/components/portfolio/portfolio-table";
import { AutoRefresh } from "@/components/forecast/auto-refresh";
import { Card, EmptyState } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { hasRole } from "@/lib/services/context";
import { todayIso } from "@/lib/services/forecast/inputs";
import { buildPortfolio, NOTICE_ALERT_DAYS } from "@/lib/services/portfolio/get";
import { formatDate } from "@/components/format";
import { forecastsForPage } from "./_lib/forecast";

export const metadata: Metadata = { title: "Portfolio" };

export default async function PortfolioPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const { today, rows, alerts, totals } = buildPortfolio(await forecastsForPage(ctx), todayIso());
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
      <Card
        title="Alerts"
        description={`Today is ${formatDate(today)}. What needs action first: a balance that ran out (for as long as the term runs), notice deadlines within ${NOTICE_ALERT_DAYS} days, run-outs ahead, thresholds crossed in the allotment's current cycle, and the next crossing ahead.`}
      >
        <AlertList alerts={alerts} workspaceId={ctx.workspace.id} today={today} />
      </Card>
      <Card title="Portfolio" description="Every contract, what needs action first, with its forecast of record: when the balance runs out and the forecast cost of the term in money, fixed lines apart, totals per currency.">
        <PortfolioTable rows={rows} totals={totals} workspaceId={ctx.workspace.id} today={today} />
        {/* a forecast of record being computed appears here when it is stored, as on the contract's page */}
        <AutoRefresh active={rows.some((r) => r.recomputing)} />
      </Card>
    </div>
  );
}
