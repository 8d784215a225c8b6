import { ScenarioBuilder } from "@/components/scenarios/scenario-builder";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { duplicateScenarioAction } from "../../actions";
import type { WorkspaceCtx } from "@/lib/services/context";
import { hasRole } from "@/lib/services/context";
import { loadContractBundle } from "@/lib/services/contracts/load-bundle";
import { evaluateScenarios } from "@/lib/services/scenarios/evaluate";
import type { Scenario } from "@/lib/db/schema/contracts";
import { observedSeries } from "@/lib/workbench/model";
import { evaluationOrMessage, orNotFound } from "../../_lib/data";

type Obj = Record<string, unknown>;

/** Shared by "new scenario" and "saved scenario": the first figures are computed here, on the server. */
export async function BuilderPage({ ctx, contractId, scenario, savedNotice, copiedNotice }: { ctx: WorkspaceCtx; contractId: string; scenario: Scenario | null; savedNotice?: boolean; copiedNotice?: boolean }) {
  const loaded = await orNotFound(loadContractBundle(ctx, contractId, { scenarios: "none" }));
  const { contract, rateCardVersion } = loaded;
  const hasBurn = observedSeries(loaded.bundle.burn, contract.granularity) !== undefined;
  const doc = (scenario?.doc ?? {}) as Obj;
  const demand = (doc.demand as Obj | undefined) ?? { source: contract.drivers ? "drivers" : hasBurn ? "observedBurn" : "drivers" };
  const initial = {
    name: scenario?.name ?? "",
    description: (doc.description as string | undefined) ?? "",
    demand,
    clauses: (doc.clauses as Obj | undefined) ?? {},
  };
  const first = await evaluationOrMessage(
    evaluateScenarios(ctx, { contractId: contract.id, draft: { name: initial.name || "Untitled scenario", demand: initial.demand, clauses: initial.clauses } }),
  );
  const stale = scenario && scenario.rateCardVersionId && scenario.rateCardVersionId !== contract.rateCardVersionId;
  return (
    <div className="space-y-4">
      {savedNotice && <Alert kind="success">Scenario saved. The rate card version it is computed on is now locked.</Alert>}
      {copiedNotice && scenario && <Alert kind="success">Saved “{scenario.name}”, a copy with the same demand and clauses. Change it and save.</Alert>}
      {scenario && hasRole(ctx.role, "editor") && (
        <form action={duplicateScenarioAction.bind(null, ctx.workspace.id, contract.id, scenario.id)} className="flex justify-end">
          <button type="submit" className={buttonClass("secondary")}>
            Duplicate
          </button>
        </form>
      )}
      {stale && <Alert kind="info">This scenario was saved on another rate card version; it is computed on the contract&apos;s current version.</Alert>}
      <ScenarioBuilder
        workspaceId={ctx.workspace.id}
        contractId={contract.id}
        currency={contract.currency}
        termStart={contract.termStart}
        termEnd={contract.termEnd}
        renewalDate={contract.renewalDate}
        units={rateCardVersion.units.map((u) => ({ id: u.id, name: u.name }))}
        contractClauses={contract.clauses as Obj}
        contractDrivers={(contract.drivers as Obj | null) ?? null}
        hasBurn={hasBurn}
        canEdit={hasRole(ctx.role, "editor")}
        saved={scenario ? { id: scenario.id, version: scenario.version } : null}
        initial={initial}
        initialResult={first.ok ? first.value.result : null}
        initialError={first.ok ? null : first.message}
      />
    </div>
  );
}
