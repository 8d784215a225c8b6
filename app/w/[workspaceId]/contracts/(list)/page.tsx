import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Card, EmptyState } from "@/components/ui/card";
import { formatDate } from "@/components/format";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { hasRole } from "@/lib/services/context";
import { CONTRACT_SORTS, searchContracts, type ContractSort } from "@/lib/services/contracts/list";
import { listHref, parseListParams, type SearchParams } from "@/lib/services/list-params";
import { listVendors } from "@/lib/services/vendors/list";
import { ariaSort, ListSearch, Pager, SortHeader } from "@/components/ui/list-controls";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Contracts" };

const PAGE_SIZE = 25;
const DEFAULTS = { sort: "renewal", dir: "asc" } as const;
/** the direction a column sorts in first */
const FIRST_DIR: Record<ContractSort, "asc" | "desc"> = { renewal: "asc", name: "asc", vendor: "asc", termEnd: "asc", scenarios: "desc" };

export default async function ContractsPage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Promise<SearchParams> }) {
  const { workspaceId } = await params;
  const raw = await searchParams;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const list = parseListParams(raw, CONTRACT_SORTS, DEFAULTS);
  const vendorId = typeof raw.vendor === "string" ? raw.vendor : "";
  const [found, vendors] = await Promise.all([searchContracts(ctx, { ...list, vendorId: vendorId || undefined, pageSize: PAGE_SIZE }), listVendors(ctx)]);
  const contracts = found.rows;
  const canEdit = hasRole(ctx.role, "editor");
  const base = `/w/${ctx.workspace.id}/contracts`;
  const current = { q: list.q, vendor: vendorId, sort: list.sort, dir: list.dir, page: list.page };
  const href = (change: Record<string, string | number | undefined>) => listHref(base, current, change, DEFAULTS);
  const sortState = (col: ContractSort) => (list.sort === col ? list.dir : null);
  const sortHref = (col: ContractSort) => href({ sort: col, dir: list.sort === col ? (list.dir === "asc" ? "desc" : "asc") : FIRST_DIR[col], page: 1 });
  const header = (col: ContractSort, label: string, extra = "pr-4") => (
    <th scope="col" className={`py-2 ${extra} font-medium`} aria-sort={ariaSort(sortState(col))}>
      <SortHeader label={label} href={sortHref(col)} state={sortState(col)} />
    </th>
  );
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
      {found.total > 0 && (
        <ListSearch
          action={base}
          q={list.q}
          label="Find contracts"
          placeholder="Name, product or vendor"
          filters={vendors.length > 1 ? [{ name: "vendor", label: "Vendor", value: vendorId, options: [{ value: "", label: "Any vendor" }, ...vendors.map((v) => ({ value: v.id, label: v.name }))] }] : []}
          keep={{ sort: list.sort === DEFAULTS.sort ? undefined : list.sort, dir: list.dir === DEFAULTS.dir ? undefined : list.dir }}
          clearHref={href({ q: "", vendor: "", page: 1 })}
          shown={found.matching}
          total={found.total}
          noun={found.total === 1 ? "contract" : "contracts"}
        />
      )}
      {found.total > 0 && contracts.length === 0 ? (
        <EmptyState title="No contract matches">Try other words, or clear the search.</EmptyState>
      ) : contracts.length === 0 ? (
        <EmptyState title="No contracts yet">{canEdit ? "Create one from a built-in rate card template, e.g. Salesforce Agentforce Flex Credits." : "An editor of this workspace can add contracts."}</EmptyState>
      ) : (
        <ScrollRegion>
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                {header("name", "Contract")}
                {header("vendor", "Vendor")}
                {header("termEnd", "Term")}
                {header("renewal", "Renewal")}
                <th scope="col" className="py-2 pr-4 font-medium">Rate card</th>
                {header("scenarios", "Scenarios", "")}
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
      <Pager page={list.page} pageSize={PAGE_SIZE} total={found.matching} href={(page) => href({ page })} label="Contract pages" />
    </Card>
  );
}
