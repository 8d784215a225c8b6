import type { Metadata } from "next";
import Link from "next/link";
import { ContractSubnav } from "@/components/contracts/contract-subnav";
import { formatDate } from "@/components/format";
import { getVendorOrThrow } from "@/lib/services/vendors/get";
import { getContractPage } from "../_lib/data";

/** Page titles name the page and the contract: "Burn · Agentforce service estate · Renewal Workbench". */
export async function generateMetadata({ params }: { params: Promise<{ workspaceId: string; contractId: string }> }): Promise<Metadata> {
  const { workspaceId, contractId } = await params;
  const { contract } = await getContractPage(workspaceId, contractId);
  return { title: { template: `%s · ${contract.name} · Renewal Workbench`, default: contract.name } };
}

export default async function ContractLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspaceId: string; contractId: string }> }) {
  const { workspaceId, contractId } = await params;
  const { ctx, contract } = await getContractPage(workspaceId, contractId);
  const vendor = await getVendorOrThrow(ctx, contract.vendorId);
  const base = `/w/${ctx.workspace.id}/contracts/${contract.id}`;
  return (
    <div className="space-y-5">
      <div>
        <nav className="text-sm text-slate-500">
          <Link href={`/w/${ctx.workspace.id}/contracts`} className="hover:underline">
            Contracts
          </Link>{" "}
          / <span className="text-slate-800">{contract.name}</span>
        </nav>
        <h2 className="mt-1 text-xl font-semibold text-slate-900" data-testid="contract-title">
          {contract.name}
        </h2>
        <p className="text-sm text-slate-500">
          {vendor.name}
          {contract.product ? ` · ${contract.product}` : ""} · {formatDate(contract.termStart)} – {formatDate(contract.termEnd)} · renewal {formatDate(contract.renewalDate)}
          {contract.noticeDays !== null ? ` (${contract.noticeDays} days' notice)` : ""} · {contract.currency}
        </p>
      </div>
      <ContractSubnav base={base} />
      {children}
    </div>
  );
}
