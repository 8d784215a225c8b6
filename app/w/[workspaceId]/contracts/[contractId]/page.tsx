import type { Metadata } from "next";
import Link from "next/link";
import { ContractForm } from "@/components/contracts/contract-form";
import { DeleteContractButton } from "@/components/contracts/delete-contract-button";
import { formatDate, formatMoney } from "@/components/format";
import { ScenarioResults } from "@/components/scenarios/scenario-results";
import { Card, EmptyState } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { hasRole } from "@/lib/services/context";
import { loadContractBundle } from "@/lib/services/contracts/load-bundle";
import { listBriefs } from "@/lib/services/briefs/read";
import { evaluateScenarios } from "@/lib/services/scenarios/evaluate";
import { listVendors } from "@/lib/services/vendors/list";
import { evaluationOrMessage, orNotFound } from "../_lib/data";

export const metadata: Metadata = { title: "Contract" };

export default async function ContractPage({ params }: { params: Promise<{ workspaceId: string; contractId: string }> }) {
  const { workspaceId, contractId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const loaded = await orNotFound(loadContractBundle(ctx, contractId, { scenarios: "none" }));
  const { contract, rateCard, rateCardVersion: rcv } = loaded;
  const canEdit = hasRole(ctx.role, "editor");
  const base = `/w/${ctx.workspace.id}/contracts/${contract.id}`;
  // "Current terms" on the contract's own demand: drivers if it has them, else the observed trend.
  const evaluation = await evaluationOrMessage(
    evaluateScenarios(ctx, { contractId: contract.id, draft: { name: "Current terms", demand: { source: contract.drivers ? "drivers" : "observedBurn" } } }),
  );
  const vendors = canEdit ? await listVendors(ctx) : [];
  const latestBrief = (await listBriefs(ctx, { contractId: contract.id }))[0];
  const units = rcv.units.map((u) => ({ id: u.id, name: u.name }));
  return (
    <div className="space-y-6">
      <Card title="Current terms: the figures" description="The contract's terms as they stand today, on its baseline demand, computed on the server by the engine.">
        {evaluation.ok && evaluation.value.result.scenarios[1] ? (
          <ScenarioResults scenario={evaluation.value.result.scenarios[1]} currency={contract.currency} units={units} />
        ) : (
          <EmptyState title="No figures yet">
            <p>{evaluation.ok ? "Nothing to compute." : evaluation.message}</p>
            <p className="mt-1">
              Add demand drivers on the <Link href={`${base}/terms`} className="text-indigo-700 underline">Terms</Link> page, or import observed burn under <Link href={`${base}/burn`} className="text-indigo-700 underline">Burn</Link>.
            </p>
          </EmptyState>
        )}
      </Card>
      <Card title="Negotiation brief">
        {latestBrief ? (
          <p className="text-sm text-slate-700">
            <Link href={`/w/${ctx.workspace.id}/briefs/${latestBrief.id}`} className="font-medium text-indigo-700 hover:underline">
              {latestBrief.title}
            </Link>{" "}
            · version {latestBrief.latestVersion} · updated {formatDate(latestBrief.updatedAt.toISOString().slice(0, 10))} ·{" "}
            <Link href={`${base}/briefs`} className="text-indigo-700 hover:underline">
              all briefs
            </Link>
          </p>
        ) : (
          <p className="text-sm text-slate-600">
            No brief yet.{" "}
            <Link href={`${base}/briefs`} className="font-medium text-indigo-700 hover:underline">
              {canEdit ? "Build one" : "Briefs"}
            </Link>
            : the vendor&apos;s proposal, our asks and the walk-away side by side, with exports for the executives.
          </p>
        )}
      </Card>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Rate card">
          <p className="text-sm">
            <Link href={`/w/${ctx.workspace.id}/ratecards/${rateCard.id}?v=${rcv.versionNo}`} className="font-medium text-indigo-700 hover:underline">
              {rateCard.name} — version {rcv.versionNo}
            </Link>
          </p>
          <p className="mt-1 text-xs text-slate-500">
            {rcv.lockedAt ? "Locked" : "Draft"} · effective {formatDate(rcv.effectiveFrom)} · {rcv.units.length} unit(s)
          </p>
          <ul className="mt-2 space-y-0.5 text-sm text-slate-600">
            {rcv.units.slice(0, 6).map((u) => (
              <li key={u.id}>
                {u.name}: {String(u.creditsPerUnit)} credits
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Fixed lines">
          {contract.fixedLines.length === 0 ? (
            <p className="text-sm text-slate-500">None.</p>
          ) : (
            <ul className="space-y-1 text-sm text-slate-700">
              {contract.fixedLines.map((l, i) => (
                <li key={i}>
                  {l.description}: {l.quantity} × {formatMoney(l.unitPrice, contract.currency)} per {l.per}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-xs text-slate-500">Fixed lines are recorded with the contract; the consumption model prices credits only.</p>
        </Card>
        <Card title="Consumption terms">
          <p className="text-sm text-slate-600">
            {(contract.clauses.allotments ?? []).length} allotment(s), {(contract.clauses.packs ?? []).length} pack(s), on exhaustion: {contract.clauses.onExhaustion?.kind ?? "pause"}.
          </p>
          <Link href={`${base}/terms`} className="mt-2 inline-block text-sm font-medium text-indigo-700 hover:underline">
            {canEdit ? "Edit terms" : "View terms"}
          </Link>
        </Card>
      </div>
      {canEdit ? (
        <Card title="Contract details" actions={<DeleteContractButton workspaceId={ctx.workspace.id} contractId={contract.id} version={contract.version} name={contract.name} />}>
          <ContractForm
            key={contract.version}
            mode="edit"
            workspaceId={ctx.workspace.id}
            contractId={contract.id}
            version={contract.version}
            vendors={vendors.map((v) => ({ id: v.id, name: v.name }))}
            initial={{
              name: contract.name,
              vendorId: contract.vendorId,
              product: contract.product,
              currency: contract.currency,
              termStart: contract.termStart,
              termEnd: contract.termEnd,
              renewalDate: contract.renewalDate ?? "",
              noticeDays: contract.noticeDays === null ? "" : String(contract.noticeDays),
              granularity: contract.granularity,
              fixedLines: contract.fixedLines,
            }}
          />
        </Card>
      ) : (
        <Card title="Contract details">
          <p className="text-sm text-slate-500">You have read-only access to this workspace.</p>
        </Card>
      )}
    </div>
  );
}
