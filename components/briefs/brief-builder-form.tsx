"use client";
import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/safe-action";

type Create = (prev: ActionResult<null> | null, form: FormData) => Promise<ActionResult<null>>;

export interface BuilderDefaults {
  vendor: string;
  asks: string;
  walkAway: string;
  horizonPeriods: number;
  unit: "months" | "weeks";
}

/** Picks the scenarios to set side by side, the horizon and the simulation; the server computes the brief. */
export function BriefBuilderForm({ action, scenarios, defaults }: { action: Create; scenarios: { id: string; name: string }[]; defaults: BuilderDefaults }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const options = scenarios.map((s) => (
    <option key={s.id} value={s.id}>
      {s.name}
    </option>
  ));
  return (
    <form action={formAction} className="space-y-4" aria-label="Build a brief">
      <div className="grid gap-3 sm:grid-cols-3">
        <Select label="Vendor's proposal" name="vendorScenarioId" defaultValue={defaults.vendor} required>
          {options}
        </Select>
        <Select label="Our asks" name="asksScenarioId" defaultValue={defaults.asks} required>
          {options}
        </Select>
        <Select label="Walk-away" name="walkAwayScenarioId" defaultValue={defaults.walkAway}>
          <option value="">None</option>
          {options}
        </Select>
      </div>
      {(errors?.vendorScenarioId || errors?.asksScenarioId || errors?.walkAwayScenarioId) && (
        <p className="text-sm text-red-600" role="alert">
          {[...(errors.vendorScenarioId ?? []), ...(errors.asksScenarioId ?? []), ...(errors.walkAwayScenarioId ?? [])].join(" ")}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-4">
        <Field label="Title (optional)" name="title" placeholder="Vendor renewal: contract" error={errors?.title} />
        <Field
          label={`Horizon (${defaults.unit})`}
          name="horizonPeriods"
          type="number"
          min={1}
          max={60}
          required
          defaultValue={defaults.horizonPeriods}
          error={errors?.horizonPeriods}
          hint="From the contract's term start."
        />
        <Field label="Simulated paths" name="paths" type="number" min={200} max={20000} step={100} defaultValue={2000} error={errors?.paths} hint="More paths: steadier P10/P90, slower." />
        <Field label="Seed (optional)" name="seed" type="number" min={0} error={errors?.seed} hint="Empty: a random seed, recorded with the brief." />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Computing the brief… (a few seconds)">Build brief</SubmitButton>
        <p className="text-xs text-slate-500">The brief is a snapshot: it records the rate card version, the burn up to today, the drivers and the seed, and never changes.</p>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}
