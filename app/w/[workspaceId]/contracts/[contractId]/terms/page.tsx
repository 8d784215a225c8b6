import type { Metadata } from "next";
import { TermsEditor } from "@/components/contracts/terms-editor";
import { Alert } from "@/components/ui/alert";
import { hasRole } from "@/lib/services/context";
import { getRateCardVersionOrThrow } from "@/lib/services/ratecards/get";
import { listRateCardVersions } from "@/lib/services/ratecards/list-versions";
import { getContractPage } from "../../_lib/data";

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
            label: `${card.name} — version ${v.versionNo} (${v.lockedAt ? "locked" : "draft"}, effective ${v.effectiveFrom})`,
            units: v.units.map((u) => ({ id: u.id, name: u.name })),
          }))}
      />
    </div>
  );
}
