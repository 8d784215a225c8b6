"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setForecastBasisAction } from "@/app/w/[workspaceId]/contracts/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ForecastBasis } from "@/lib/db/schema/contracts";
import { BASIS_DESCRIPTION, BASIS_LABEL } from "@/lib/services/forecast/types";

/** Chooses the demand basis of the contract's forecast of record (editors); viewers see it read-only. */
export function BasisForm({
  workspaceId,
  contractId,
  version,
  chosen,
  defaultBasis,
  problems,
  canEdit,
}: {
  workspaceId: string;
  contractId: string;
  version: number;
  chosen: ForecastBasis | null;
  /** what "default" resolves to on the contract's data now */
  defaultBasis: ForecastBasis | null;
  /** why a basis cannot be used now, by basis */
  problems: Partial<Record<ForecastBasis, string>>;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [value, setValue] = useState<string>(chosen ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const bases = Object.keys(BASIS_LABEL) as ForecastBasis[];
  const selected = (value || defaultBasis) as ForecastBasis | null;
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      aria-label="Forecast basis"
      onSubmit={(e) => {
        e.preventDefault();
        setMessage(null);
        start(async () => {
          const r = await setForecastBasisAction(workspaceId, { contractId, version, basis: value || null });
          setMessage(r.ok ? { ok: true, text: r.message ?? "Saved." } : { ok: false, text: r.error });
          if (r.ok) router.refresh();
        });
      }}
    >
      <label className="block text-sm">
        <span className="font-medium text-slate-700">Demand basis of the forecast</span>
        <select aria-label="Demand basis of the forecast"
          name="basis"
          disabled={!canEdit || pending}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="mt-1 block w-full min-w-[18rem] rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 disabled:bg-slate-50"
        >
          <option value="">Default for its data{defaultBasis ? `: ${BASIS_LABEL[defaultBasis]}` : ""}</option>
          {bases.map((b) => (
            <option key={b} value={b} disabled={!!problems[b] && b !== chosen}>
              {BASIS_LABEL[b]}
              {problems[b] ? ` (not possible: ${problems[b]})` : ""}
            </option>
          ))}
        </select>
      </label>
      {canEdit && (
        <Button type="submit" variant="secondary" disabled={pending || value === (chosen ?? "")}>
          {pending ? "Saving…" : "Use this basis"}
        </Button>
      )}
      {selected && <p className="w-full text-xs text-slate-500">{BASIS_DESCRIPTION[selected]}</p>}
      {message && (
        <div className="w-full">
          <Alert kind={message.ok ? "success" : "error"}>{message.text}</Alert>
        </div>
      )}
    </form>
  );
}
