import type { Metadata } from "next";
import Link from "next/link";
import { ContractForm } from "@/components/contracts/contract-form";
import { Card } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { listTemplates } from "@/lib/ratecards/templates";
import { hasRole } from "@/lib/services/context";
import { listRateCards } from "@/lib/services/ratecards/list";
import { listVendors } from "@/lib/services/vendors/list";
import { formatDate } from "@/components/format";

export const metadata: Metadata = { title: "New contract" };

export default async function NewContractPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  if (!hasRole(ctx.role, "editor")) {
    return (
      <Card title="New contract">
        <p className="text-sm text-slate-500">You have read-only access to this workspace: an editor can add contracts.</p>
      </Card>
    );
  }
  const [vendors, cards] = await Promise.all([listVendors(ctx), listRateCards(ctx)]);
  const templates = listTemplates().map((t) => ({
    id: t.id,
    label: `${t.vendor} · ${t.product} — effective ${formatDate(t.effectiveFrom)} (${t.source.publisher})`,
    currency: t.currency,
    vendor: t.vendor,
    product: t.product,
  }));
  const versions = cards.flatMap((c) => (c.latest ? [{ id: c.latest.id, label: `${c.name} — v${c.latest.versionNo} (${c.latest.locked ? "locked" : "draft"}, ${c.latest.currency})`, currency: c.latest.currency }] : []));
  const year = new Date().getUTCFullYear() + 1;
  return (
    <div className="space-y-4">
      <nav className="text-sm text-slate-500">
        <Link href={`/w/${ctx.workspace.id}/contracts`} className="hover:underline">
          Contracts
        </Link>{" "}
        / <span className="text-slate-800">New</span>
      </nav>
      <Card title="New contract" description="The header of the contract and the rate card it starts on. Allotments, packs, clauses and drivers come next.">
        <ContractForm
          mode="create"
          workspaceId={ctx.workspace.id}
          vendors={vendors.map((v) => ({ id: v.id, name: v.name }))}
          templates={templates}
          versions={versions}
          initial={{
            name: "",
            vendorId: vendors[0]?.id ?? "__new__",
            product: "",
            currency: templates[0]?.currency ?? "USD",
            termStart: `${year}-01-01`,
            termEnd: `${year + 1}-01-01`,
            renewalDate: `${year + 1}-01-01`,
            noticeDays: "90",
            granularity: "month",
            fixedLines: [],
          }}
        />
      </Card>
    </div>
  );
}
