"use client";
import { useActionState, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ActionMessage, Alert } from "@/components/ui/alert";
import { Button, SubmitButton } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/safe-action";

/** Switches between the versions of a brief. */
export function VersionPicker({ versions, current, base }: { versions: { version: number; label: string }[]; current: number; base: string }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      Version
      <select
        aria-label="Brief version"
        className="rounded-md border-0 bg-white px-2 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
        value={current}
        onChange={(e) => router.push(`${base}?v=${e.target.value}`)}
      >
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {v.label}
          </option>
        ))}
      </select>
    </label>
  );
}

type Act = (prev: ActionResult<null> | null, form: FormData) => Promise<ActionResult<null>>;

/** Makes a new version from today's data with the same scenarios, horizon and seed. */
export function NewVersionForm({ action }: { action: Act }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" aria-label="New version">
      <label className="text-sm text-slate-700">
        <span className="block font-medium">Note for the new version (optional)</span>
        <input name="note" maxLength={500} className="mt-1 w-72 rounded-md border-0 px-3 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600" placeholder="e.g. November burn added" />
      </label>
      <SubmitButton variant="secondary" pendingText="Computing…">
        New version from today&apos;s data
      </SubmitButton>
      <div className="w-full">
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

export function DeleteBriefButton({ action, title }: { action: () => Promise<ActionResult<null>>; title: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <Button
        variant="danger"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Delete "${title}" with all its versions? Its share links stop working.`)) return;
          start(async () => {
            const r = await action();
            if (r && !r.ok) setError(r.error);
          });
        }}
      >
        {pending ? "Deleting…" : "Delete brief"}
      </Button>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
