import type { Metadata } from "next";
import { CommitmentImport } from "@/components/contracts/commitment-import";
import { TermsEditor } from "@/components/contracts/terms-editor";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { hasRole } from "@/lib/services/context";
import { getRateCardVersionOrThrow } from "@/lib/services/ratecards/get";
import { listRateCardVersions } from "@/lib/services/ratecards/list-versions";
import { getContractPage } from "../../_lib/data";
import { formatDate } from "@/components/format";

export const metadata: Metadata = { title: "Terms" };

export default async function TermsPage({ params, searchParams }: { params: Promise<{ workspaceId: string; contractId: string }>; searchParams: Promise<{ created?: string }> }) {
  const { workspaceId, contractId } = await params;
  const { created } = await searchParams;
  const { ctx, contract } = await getContractPage(workspaceId, contractId);
  const current = await getRateCardVersionOrThrow(ctx, contract.rateCardVersionId);
  const { card, versions } = await listRateCardVersions(ctx, current.rateCardId);
  const canEdit = hasRole(ctx.role, "editor");
  return (
    <div className="space-y-4">
      {created && <Alert kind="success">Contract created on {card.name}, version {current.versionNo} (now locked). Add its allotments, packs, clauses and demand drivers below.</Alert>}
      {!canEdit && <p className="text-sm text-slate-500">You have read-only access to this workspace.</p>}
      <section aria-labelledby="focus-export" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="min-w-0 flex-1">
            <h2 id="focus-export" className="text-sm font-semibold text-slate-900">FOCUS for FinOps tools</h2>
            <p className="mt-1 text-sm text-slate-500">
              These terms as a FOCUS 1.3 Contract Commitment dataset (CSV): allotments, packs and fixed lines per period, and each saved scenario that changes the terms as “Proposed”.
            </p>
          </div>
          {/* A plain link: the route checks the session and the membership (app/api/w/…/focus). */}
          <a href={`/api/w/${ctx.workspace.id}/contracts/${contract.id}/focus`} download className={buttonClass("secondary")} data-testid="focus-download">
            Download FOCUS commitments (CSV)
          </a>
        </div>
        {canEdit && <CommitmentImport workspaceId={ctx.workspace.id} contractId={contract.id} version={contract.version} />}
      </section>
      <TermsEditor
        workspaceId={ctx.workspace.id}
        contractId={contract.id}
        version={contract.version}
        initialClauses={contract.clauses as Record<string, unknown>}
        initialDrivers={(contract.drivers as Record<string, unknown> | null) ?? null}
        rateCardVersionId={contract.rateCardVersionId}
        termStart={contract.termStart}
        canEdit={canEdit}
        versions={versions
          .filter((v) => v.currency === contract.currency)
          .map((v) => ({
            id: v.id,
            label: `${card.name} — version ${v.versionNo} (${v.lockedAt ? "locked" : "draft"}, effective ${formatDate(v.effectiveFrom)})`,
            units: v.units.map((u) => ({ id: u.id, name: u.name })),
          }))}
      />
    </div>
  );
}
