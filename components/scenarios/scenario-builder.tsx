"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { createScenarioAction, deleteScenarioAction, evaluateDraftAction, updateScenarioAction } from "@/app/w/[workspaceId]/contracts/actions";
import { ClausesEditor } from "@/components/contracts/clauses-editor";
import { DriversEditor } from "@/components/contracts/drivers-editor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ModelResult } from "@/lib/engine/model/evaluate";
import { ScenarioResults } from "./scenario-results";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { formatDate } from "@/components/format";

type Obj = Record<string, unknown>;

// What a scenario writes to "remove" a clause the contract has (the engine merges field by field).
const NEUTRAL: Record<string, unknown> = {
  allotments: [],
  packs: [],
  discount: { kind: "none" },
  ratePolicy: { kind: "list" },
  onExhaustion: { kind: "pause" },
  creditsPerUnit: {},
  alertThresholdsPct: [],
  drawOrder: [],
  environmentMultipliers: {},
};

/** The clause fields in which the scenario differs from the contract's current terms. */
export function clauseChanges(base: Obj, edited: Obj): { changes: Obj; unremovable: string[] } {
  const changes: Obj = {};
  const unremovable: string[] = [];
  for (const key of new Set([...Object.keys(base), ...Object.keys(edited)])) {
    if (JSON.stringify(base[key]) === JSON.stringify(edited[key])) continue;
    if (key in edited) changes[key] = edited[key];
    else if (key in NEUTRAL) changes[key] = NEUTRAL[key];
    else unremovable.push(key);
  }
  return { changes, unremovable };
}

export interface BuilderProps {
  workspaceId: string;
  contractId: string;
  currency: string;
  termStart: string;
  termEnd: string;
  /** the contract's renewal date: the builder can price the draft over the renewal term from it */
  renewalDate: string | null;
  units: { id: string; name: string }[];
  contractClauses: Obj;
  contractDrivers: Obj | null;
  hasBurn: boolean;
  canEdit: boolean;
  saved: { id: string; version: number } | null;
  initial: { name: string; description: string; demand: Obj; clauses: Obj };
  initialResult: ModelResult | null;
  initialError: string | null;
}

/** Builds a scenario: demand source, clause toggles; the server recomputes the ledger with the engine on every change. */
export function ScenarioBuilder(p: BuilderProps) {
  const router = useRouter();
  const [name, setName] = useState(p.initial.name);
  const [description] = useState(p.initial.description);
  const [source, setSource] = useState<"drivers" | "observedBurn">((p.initial.demand.source as "drivers" | "observedBurn" | undefined) ?? (p.contractDrivers ? "drivers" : "observedBurn"));
  const [band, setBand] = useState<string>((p.initial.demand.band as string | undefined) ?? "point");
  const [driverOverride, setDriverOverride] = useState<Obj | null>((p.initial.demand.drivers as Obj | undefined) ?? null);
  const [clauses, setClauses] = useState<Obj>({ ...p.contractClauses, ...p.initial.clauses });
  const [result, setResult] = useState<ModelResult | null>(p.initialResult);
  const [evalError, setEvalError] = useState<{ text: string; fields: Record<string, string[]> } | null>(p.initialError ? { text: p.initialError, fields: {} } : null);
  const [horizon, setHorizon] = useState<"term" | "renewal">("term");
  const [computing, setComputing] = useState(false);
  const [saveMsg, setSaveMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, startSave] = useTransition();
  const seq = useRef(0);
  const first = useRef(true);

  const { changes, unremovable } = clauseChanges(p.contractClauses, clauses);
  const demand: Obj = { source, ...(source === "observedBurn" ? { band } : {}), ...(driverOverride && source === "drivers" ? { drivers: driverOverride } : {}) };
  const draft = { name: name.trim() || "Untitled scenario", ...(description ? { description } : {}), demand, clauses: changes };
  const evalKey = JSON.stringify({ draft, horizon });

  useEffect(() => {
    if (first.current) {
      first.current = false;
      if (p.initialResult || p.initialError) return;
    }
    const my = ++seq.current;
    setComputing(true);
    const timer = setTimeout(async () => {
      const r = await evaluateDraftAction(p.workspaceId, { contractId: p.contractId, ...(JSON.parse(evalKey) as { draft: typeof draft; horizon: typeof horizon }) });
      if (my !== seq.current) return; // a newer edit is being computed
      setComputing(false);
      if (r.ok) {
        setResult(r.data);
        setEvalError(null);
      } else {
        setEvalError({ text: r.error, fields: r.fieldErrors ?? {} });
      }
    }, 350);
    return () => clearTimeout(timer);
    // evalKey captures every input of the evaluation
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [evalKey]);

  function save() {
    setSaveMsg(null);
    startSave(async () => {
      const input = { name, ...(description ? { description } : {}), demand, clauses: changes };
      const r = p.saved
        ? await updateScenarioAction(p.workspaceId, { ...input, scenarioId: p.saved.id, version: p.saved.version })
        : await createScenarioAction(p.workspaceId, { ...input, contractId: p.contractId });
      if (!r.ok) {
        setSaveMsg({ ok: false, text: r.error });
        if (r.fieldErrors) setEvalError({ text: r.error, fields: r.fieldErrors });
        return;
      }
      setSaveMsg({ ok: true, text: "Scenario saved." });
      if (!p.saved) router.push(`/w/${p.workspaceId}/contracts/${p.contractId}/scenarios/${r.data.id}?saved=1`);
      else router.refresh();
    });
  }

  const fields = evalError?.fields ?? {};
  const draftResult = result?.scenarios[1] ?? result?.scenarios[0];
  const baseline = result?.scenarios.length === 2 ? result.scenarios[0] : undefined;

  return (
    <div className="space-y-6">
      <Card title="Scenario">
        <div className="grid gap-4 md:grid-cols-3">
          <label className="block text-sm">
            <span className="font-medium text-slate-700">Scenario name</span>
            <input
              value={name}
              disabled={!p.canEdit}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. Ask: rollover + true-up cap"
              className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 disabled:bg-slate-50"
            />
            {fields.name && <span className="mt-1 block text-xs text-red-600">{fields.name.join(" ")}</span>}
          </label>
          <label className="block text-sm">
            <span className="font-medium text-slate-700">Demand source</span>
            <select aria-label="Demand source"
              value={source}
              disabled={!p.canEdit}
              onChange={(e) => setSource(e.target.value as "drivers" | "observedBurn")}
              className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 disabled:bg-slate-50"
            >
              <option value="drivers">Drivers (seats × activation × actions)</option>
              <option value="observedBurn" disabled={!p.hasBurn}>
                Observed trend{p.hasBurn ? "" : " (import burn first)"}
              </option>
            </select>
          </label>
          <label className="block text-sm">
            <span className="font-medium text-slate-700">Priced over</span>
            <select aria-label="Priced over"
              value={horizon}
              onChange={(e) => setHorizon(e.target.value as "term" | "renewal")}
              aria-describedby="horizon-hint"
              className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
            >
              <option value="term">The current term</option>
              <option value="renewal" disabled={!p.renewalDate}>
                The renewal term{p.renewalDate ? "" : " (set a renewal date first)"}
              </option>
            </select>
            <span id="horizon-hint" className="mt-1 block text-xs text-slate-500">
              {horizon === "renewal" && p.renewalDate
                ? `From ${formatDate(p.renewalDate)}, as long as the current term, with the clauses' dates moved to it and the estate past its ramp. Not saved with the scenario.`
                : `${formatDate(p.termStart)} – ${formatDate(p.termEnd)}.`}
            </span>
            {fields.horizon && <span className="mt-1 block text-xs text-red-600">{fields.horizon.join(" ")}</span>}
          </label>
          {source === "observedBurn" && (
            <label className="block text-sm">
              <span className="font-medium text-slate-700">Projection</span>
              <select aria-label="Projection" value={band} disabled={!p.canEdit} onChange={(e) => setBand(e.target.value)} className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 disabled:bg-slate-50">
                <option value="point">Point forecast</option>
                <option value="low">Low edge of the interval</option>
                <option value="high">High edge of the interval</option>
              </select>
            </label>
          )}
        </div>
        {source === "drivers" && (
          <div className="mt-4 space-y-3">
            {driverOverride ? (
              <>
                <p className="text-sm text-slate-600">This scenario replaces the contract&apos;s drivers with:</p>
                <DriversEditor value={driverOverride} onChange={setDriverOverride} errors={fields} prefix="demand.drivers." readOnly={!p.canEdit} units={p.units} />
                {p.canEdit && (
                  <Button type="button" variant="ghost" onClick={() => setDriverOverride(null)}>
                    Use the contract&apos;s drivers
                  </Button>
                )}
              </>
            ) : (
              <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
                <span>{p.contractDrivers ? "Demand from the contract's drivers." : "The contract has no drivers: add them on the Terms page, or override them here."}</span>
                {p.canEdit && (
                  <Button type="button" variant="secondary" onClick={() => setDriverOverride(p.contractDrivers ?? { licensedSeats: "", units: [{ unit: p.units[0]?.id ?? "", actionsPerActiveAgentPerDay: "" }] })}>
                    Change drivers for this scenario
                  </Button>
                )}
              </div>
            )}
          </div>
        )}
      </Card>

      <Card title="Clauses" description="Start from the contract's current terms; toggle and edit what you will ask for. Only what differs is saved with the scenario.">
        <ClausesEditor value={clauses} onChange={setClauses} errors={fields} readOnly={!p.canEdit} termStart={p.termStart} sections={["pricing", "exhaustion", "allotments", "packs", "ceiling", "json"]} />
        {unremovable.length > 0 && (
          <p className="mt-3 text-sm text-amber-800">
            A scenario cannot remove the contract&apos;s {unremovable.join(", ")}; set a limit high enough not to bind instead.
          </p>
        )}
        <p className="mt-3 text-xs text-slate-500" data-testid="changed-clauses">
          Changed from current terms: {Object.keys(changes).length ? Object.keys(changes).join(", ") : "nothing"}
        </p>
      </Card>

      {p.canEdit && (
        <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3">
          <Button type="button" onClick={save} disabled={saving || !name.trim()}>
            {saving ? "Saving…" : p.saved ? "Save scenario" : "Save as new scenario"}
          </Button>
          {p.saved && <DeleteScenario workspaceId={p.workspaceId} contractId={p.contractId} saved={p.saved} />}
          <span className="text-xs text-slate-500" aria-live="polite">
            {computing ? "Recomputing on the server…" : "Figures are up to date."}
          </span>
          {saveMsg && (
            <div className="w-full">
              <Alert kind={saveMsg.ok ? "success" : "error"}>{saveMsg.text}</Alert>
            </div>
          )}
        </div>
      )}

      <Card
        title={horizon === "renewal" ? "Figures over the renewal term" : "Figures"}
        description={`Computed on the server by the engine from the contract's model document${horizon === "renewal" && p.renewalDate ? `, over the renewal term from ${formatDate(p.renewalDate)}` : ""}. The baseline is the contract's current terms on the same demand.`}
      >
        {evalError && (
          <div className="mb-4">
            <Alert>{evalError.text}</Alert>
          </div>
        )}
        <div className={computing ? "opacity-60 transition-opacity" : ""} aria-busy={computing}>
          {draftResult ? (
            <ScenarioResults
              scenario={draftResult}
              currency={p.currency}
              units={p.units}
              comparison={result?.comparison[result.comparison.length - 1]}
              {...(baseline ? { baselineName: baseline.name } : {})}
            />
          ) : (
            !evalError && <p className="text-sm text-slate-500">Computing…</p>
          )}
        </div>
      </Card>
    </div>
  );
}

function DeleteScenario({ workspaceId, contractId, saved }: { workspaceId: string; contractId: string; saved: { id: string; version: number } }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <ConfirmButton
        label="Delete scenario"
        variant="ghost"
        className="text-sm text-red-700"
        title="Delete this scenario?"
        confirmLabel="Delete scenario"
        pendingLabel="Deleting…"
        onConfirm={async () => {
          const r = await deleteScenarioAction(workspaceId, { scenarioId: saved.id, version: saved.version });
          if (r.ok) router.push(`/w/${workspaceId}/contracts/${contractId}/scenarios`);
          else setError(r.error);
        }}
      >
        <p>This cannot be undone. Briefs already built keep their own copy of it.</p>
      </ConfirmButton>
      {error && <Alert>{error}</Alert>}
    </>
  );
}
