import Link from "next/link";
import { ContractSubnav } from "@/components/contracts/contract-subnav";
import { formatDate } from "@/components/format";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { getContractOrThrow } from "@/lib/services/contracts/get";
import { getVendorOrThrow } from "@/lib/services/vendors/get";
import { orNotFound } from "../_lib/data";

export default async function ContractLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspaceId: string; contractId: string }> }) {
  const { workspaceId, contractId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const contract = await orNotFound(getContractOrThrow(ctx, contractId));
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
