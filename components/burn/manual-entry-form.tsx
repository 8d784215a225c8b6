"use client";
import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/safe-action";

type AddRow = (prev: ActionResult<null> | null, form: FormData) => Promise<ActionResult<null>>;

/** One burn row typed by hand; fields left empty are stored as missing, not as 0. */
export function ManualEntryForm({ action, currency }: { action: AddRow; currency: string }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-3" aria-label="Add a burn row">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Period start" name="periodStart" type="date" required error={errors?.periodStart} />
        <Field label="Period end (optional)" name="periodEnd" type="date" error={errors?.periodEnd} />
        <Field label="Agent" name="agent" placeholder="Service Agent" error={errors?.agent} />
        <Field label="Metered unit" name="unit" placeholder="action" error={errors?.unit} />
        <Select label="Environment" name="environment" defaultValue="">
          <option value="">Not given</option>
          <option value="production">Production</option>
          <option value="nonProduction">Non-production</option>
        </Select>
        <Field label="Actions" name="actions" inputMode="decimal" error={errors?.actions} />
        <Field label="Credits" name="credits" inputMode="decimal" error={errors?.credits} />
        <Field label={`Cost (${currency})`} name="cost" inputMode="decimal" error={errors?.cost} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Adding…">Add row</SubmitButton>
        <p className="text-xs text-slate-500">Leave a value empty when it is unknown: it stays missing, never 0.</p>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}
