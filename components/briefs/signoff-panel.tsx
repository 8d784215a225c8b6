"use client";
import { useActionState, useState, useTransition } from "react";
import { ActionMessage, Alert } from "@/components/ui/alert";
import { Button, SubmitButton } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/safe-action";
import { formatDateTimeMinute } from "@/components/format";

export interface SignOffRow {
  id: string;
  name: string;
  note: string | null;
  /** ISO timestamp */
  at: string;
  mine: boolean;
}

const when = formatDateTimeMinute;

/** Who signed this version off; an owner or editor signs it off once, with an optional note, and may withdraw it. */
export function SignOffPanel({
  version,
  rows,
  canSign,
  signOff,
  withdraw,
}: {
  version: number;
  rows: SignOffRow[];
  canSign: boolean;
  signOff: (prev: ActionResult<null> | null, form: FormData) => Promise<ActionResult<null>>;
  withdraw: () => Promise<ActionResult<null>>;
}) {
  const [state, formAction] = useActionState(signOff, null);
  const [pending, start] = useTransition();
  const [withdrawn, setWithdrawn] = useState<ActionResult<null> | null>(null);
  const mine = rows.find((r) => r.mine);
  return (
    <div className="space-y-3">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="signoff-none">
          Nobody has signed off version {version} yet.
        </p>
      ) : (
        <ul className="space-y-2" aria-label="Sign-offs">
          {rows.map((r) => (
            <li key={r.id} className="rounded-md bg-emerald-50 px-3 py-2 text-sm ring-1 ring-inset ring-emerald-200" data-testid="signoff-row">
              <span className="font-medium text-emerald-900">{r.name}</span> <span className="text-emerald-800">signed off on {when(r.at)}</span>
              {r.note && <p className="mt-1 break-words text-slate-700">“{r.note}”</p>}
            </li>
          ))}
        </ul>
      )}
      {canSign && !mine && (
        <form action={formAction} className="flex flex-wrap items-end gap-2" aria-label="Sign off this version">
          <label className="min-w-0 flex-1 text-sm text-slate-700">
            <span className="block font-medium">Note (optional)</span>
            <input name="note" maxLength={500} className="mt-1 w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600" />
          </label>
          <SubmitButton pendingText="Signing off…">Sign off v{version}</SubmitButton>
        </form>
      )}
      {canSign && mine && (
        <Button variant="secondary" disabled={pending} onClick={() => start(async () => setWithdrawn(await withdraw()))}>
          Withdraw my sign-off
        </Button>
      )}
      {!canSign && <p className="text-xs text-slate-500">Owners and editors of the workspace sign off a version.</p>}
      <ActionMessage state={state} />
      {withdrawn && (withdrawn.ok ? <Alert kind="success">{withdrawn.message}</Alert> : <Alert>{withdrawn.error}</Alert>)}
    </div>
  );
}
