import type { Metadata } from "next";
import Link from "next/link";
import { TemplatePicker } from "@/components/ratecards/template-picker";
import { templateSummaries } from "@/components/ratecards/template-summary";
import { Card, EmptyState } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { hasRole } from "@/lib/services/context";
import { listRateCards } from "@/lib/services/ratecards/list";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { formatDate } from "@/components/format";

export const metadata: Metadata = { title: "Rate cards" };

const PRICE_KIND: Record<string, string> = { direct: "direct price", pack: "pack price", unknown: "price unpinned" };

export default async function RateCardsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const cards = await listRateCards(ctx);
  const canEdit = hasRole(ctx.role, "editor");
  const base = `/w/${ctx.workspace.id}/ratecards`;
  return (
    <div className="space-y-6">
      <Card title="Rate cards" description="Each vendor's metered units with credits per unit and the price of a credit, versioned. A version in use is locked; editing it makes a new version.">
        {!canEdit && <p className="mb-3 text-sm text-slate-500">You have read-only access to this workspace.</p>}
        {cards.length === 0 ? (
          <EmptyState title="No rate cards yet">{canEdit ? "Start one from a built-in template below, or create a contract from a template." : "An editor of this workspace can add rate cards."}</EmptyState>
        ) : (
          <ScrollRegion>
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Rate card</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Vendor</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Latest version</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Effective</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Units</th>
                  <th scope="col" className="py-2 font-medium">Price</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {cards.map((c) => (
                  <tr key={c.id}>
                    <td className="py-2 pr-4 font-medium">
                      <Link href={`${base}/${c.id}`} className="text-indigo-700 hover:underline">
                        {c.name}
                      </Link>
                    </td>
                    <td className="py-2 pr-4 text-slate-600">{c.vendorName ?? "—"}</td>
                    <td className="py-2 pr-4 text-slate-600">
                      {c.latest ? `v${c.latest.versionNo} · ${c.latest.locked ? "locked" : "draft"}` : "—"} {c.versions > 1 && <span className="text-xs text-slate-500">({c.versions} versions)</span>}
                    </td>
                    <td className="py-2 pr-4 text-slate-600">{formatDate(c.latest?.effectiveFrom)}</td>
                    <td className="py-2 pr-4 text-slate-600">{c.latest?.units ?? "—"}</td>
                    <td className="py-2 text-slate-600">{c.latest ? `${PRICE_KIND[c.latest.creditPriceKind] ?? c.latest.creditPriceKind} · ${c.latest.currency}` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Card>
      <Card title="Built-in templates" description="Vendors' published cards, dated, with the public page every figure comes from. Starting from one copies it into this workspace; your copy is yours to edit.">
        <TemplatePicker workspaceId={ctx.workspace.id} templates={templateSummaries()} canEdit={canEdit} />
      </Card>
    </div>
  );
}
