"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { updateTermsAction } from "@/app/w/[workspaceId]/contracts/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ClausesDoc, DriversDoc } from "@/lib/engine/model/schema";
import { issuesOf } from "@/lib/services/validation";
import { ClausesEditor } from "./clauses-editor";
import { DriversEditor, type UnitOption } from "./drivers-editor";

type Obj = Record<string, unknown>;

export interface VersionChoice {
  id: string;
  label: string;
  units: UnitOption[];
}

/** The consumption terms as they stand today: rate card version, demand drivers, allotments, packs and clauses. */
export function TermsEditor({
  workspaceId,
  contractId,
  version,
  initialClauses,
  initialDrivers,
  rateCardVersionId,
  versions,
  termStart,
  canEdit,
}: {
  workspaceId: string;
  contractId: string;
  version: number;
  initialClauses: Obj;
  initialDrivers: Obj | null;
  rateCardVersionId: string;
  versions: VersionChoice[];
  termStart: string;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [clauses, setClauses] = useState<Obj>(initialClauses);
  const [drivers, setDrivers] = useState<Obj | null>(initialDrivers);
  const [versionId, setVersionId] = useState(rateCardVersionId);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  // After a save the page re-renders with the stored terms and a new version: take them over here
  // (rather than remounting, which would also drop the "Terms saved." message).
  const [seenVersion, setSeenVersion] = useState(version);
  if (version !== seenVersion) {
    setSeenVersion(version);
    setClauses(initialClauses);
    setDrivers(initialDrivers);
    setVersionId(rateCardVersionId);
  }
  const units = versions.find((v) => v.id === versionId)?.units ?? [];

  // Checked as they type with the engine's own schema, so a bad field names itself before saving.
  const liveErrors = useMemo(() => {
    const out: Record<string, string[]> = {};
    for (const i of [...issuesOf(ClausesDoc, clauses, ["clauses"]), ...(drivers ? issuesOf(DriversDoc, drivers, ["drivers"]) : [])]) (out[i.field] ??= []).push(i.message);
    return out;
  }, [clauses, drivers]);
  const errors = { ...serverErrors, ...liveErrors };
  const dirty = JSON.stringify(clauses) !== JSON.stringify(initialClauses) || JSON.stringify(drivers) !== JSON.stringify(initialDrivers) || versionId !== rateCardVersionId;

  function save() {
    setMessage(null);
    start(async () => {
      const r = await updateTermsAction(workspaceId, { contractId, version, clauses, drivers, ...(versionId !== rateCardVersionId ? { rateCardVersionId: versionId } : {}) });
      if (r.ok) {
        setServerErrors({});
        setMessage({ ok: true, text: "Terms saved." });
        router.refresh();
      } else {
        setServerErrors(r.fieldErrors ?? {});
        setMessage({ ok: false, text: r.error });
      }
    });
  }

  return (
    <div className="space-y-6">
      <Card title="Rate card version" description="The version the contract is signed on. A version in use is locked; moving the contract to another version locks that one too.">
        <label className="block max-w-xl text-sm">
          <span className="font-medium text-slate-700">Rate card version</span>
          <select aria-label="Rate card version"
            disabled={!canEdit}
            value={versionId}
            onChange={(e) => setVersionId(e.target.value)}
            className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 disabled:bg-slate-50"
          >
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
      </Card>
      <Card title="Demand drivers" description="What demand should be, from the estate: seats, activation by month, growth, non-production share and actions per unit, each with a low / likely / high range when it is uncertain. The forecast of record uses them when its basis is the drivers; scenarios can replace any of them.">
        {drivers ? (
          <div className="space-y-3">
            <DriversEditor value={drivers} onChange={setDrivers} errors={errors} readOnly={!canEdit} units={units} />
            {canEdit && (
              <Button type="button" variant="ghost" onClick={() => setDrivers(null)}>
                Remove drivers (forecast from observed burn only)
              </Button>
            )}
          </div>
        ) : (
          <div className="space-y-3">
            <p className="text-sm text-slate-500">No drivers: scenarios forecast from observed burn (import it under Burn).</p>
            {canEdit && (
              <Button type="button" variant="secondary" onClick={() => setDrivers({ units: [{ unit: units[0]?.id ?? "", actionsPerMonth: "" }] })}>
                Add demand drivers
              </Button>
            )}
          </div>
        )}
      </Card>
      <Card title="Consumption terms" description="Allotments, packs and clauses as the contract stands today, in the engine's own terms.">
        <ClausesEditor value={clauses} onChange={setClauses} errors={errors} readOnly={!canEdit} termStart={termStart} />
      </Card>
      {canEdit && (
        <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3">
          <Button type="button" onClick={save} disabled={pending || !dirty}>
            {pending ? "Saving…" : "Save terms"}
          </Button>
          {dirty && <span className="text-xs text-amber-700">Unsaved changes</span>}
          {Object.keys(liveErrors).length > 0 && <span className="text-xs text-red-700">{Object.keys(liveErrors).length} field(s) to fix</span>}
          {message && (
            <div className="w-full">
              <Alert kind={message.ok ? "success" : "error"}>{message.text}</Alert>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
