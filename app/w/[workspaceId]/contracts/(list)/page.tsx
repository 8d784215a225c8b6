import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Card, EmptyState } from "@/components/ui/card";
import { formatDate } from "@/components/format";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { hasRole } from "@/lib/services/context";
import { listContracts } from "@/lib/services/contracts/list";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Contracts" };

export default async function ContractsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const contracts = await listContracts(ctx);
  const canEdit = hasRole(ctx.role, "editor");
  const base = `/w/${ctx.workspace.id}/contracts`;
  return (
    <Card
      title="Contracts"
      description="Each contract's term, renewal and notice, the rate card version it is on, and its consumption terms."
      actions={
        canEdit ? (
          <Link href={`${base}/new`} className={buttonClass("primary")}>
            New contract
          </Link>
        ) : undefined
      }
    >
      {!canEdit && <p className="mb-3 text-sm text-slate-500">You have read-only access to this workspace.</p>}
      {contracts.length === 0 ? (
        <EmptyState title="No contracts yet">{canEdit ? "Create one from a built-in rate card template, e.g. Salesforce Agentforce Flex Credits." : "An editor of this workspace can add contracts."}</EmptyState>
      ) : (
        <ScrollRegion>
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Contract</th>
                <th scope="col" className="py-2 pr-4 font-medium">Vendor</th>
                <th scope="col" className="py-2 pr-4 font-medium">Term</th>
                <th scope="col" className="py-2 pr-4 font-medium">Renewal</th>
                <th scope="col" className="py-2 pr-4 font-medium">Rate card</th>
                <th scope="col" className="py-2 font-medium">Scenarios</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {contracts.map((c) => (
                <tr key={c.id}>
                  <td className="py-2 pr-4 font-medium">
                    <Link href={`${base}/${c.id}`} className="text-indigo-700 hover:underline">
                      {c.name}
                    </Link>
                    {c.product && <div className="text-xs font-normal text-slate-500">{c.product}</div>}
                  </td>
                  <td className="py-2 pr-4 text-slate-600">{c.vendorName}</td>
                  <td className="whitespace-nowrap py-2 pr-4 text-slate-600">
                    {formatDate(c.termStart)} – {formatDate(c.termEnd)}
                  </td>
                  <td className="whitespace-nowrap py-2 pr-4 text-slate-600">
                    {formatDate(c.renewalDate)}
                    {c.noticeDays !== null && <div className="text-xs text-slate-500">{c.noticeDays} days&apos; notice</div>}
                  </td>
                  <td className="py-2 pr-4 text-slate-600">
                    {c.rateCardName} <span className="text-xs text-slate-500">v{c.rateCardVersionNo}</span>
                  </td>
                  <td className="py-2 text-slate-600">{c.scenarios}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Card>
  );
}
