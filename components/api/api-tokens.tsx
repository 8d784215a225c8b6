"use client";
import { useActionState, useState } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/w/[workspaceId]/api/actions";
import { ActionMessage } from "@/components/ui/alert";
import { Button, SubmitButton } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Field, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/safe-action";

/** Create a token (owners): the token is shown once, below the form. */
export function CreateApiTokenForm({ workspaceId }: { workspaceId: string }) {
  const [state, action] = useActionState(createApiTokenAction.bind(null, workspaceId), null);
  const [copied, setCopied] = useState(false);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  const token = state?.ok ? state.data.token : null;
  return (
    <div className="space-y-3">
      <form action={action} className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end" onSubmit={() => setCopied(false)}>
        <Field label="Name" name="name" required maxLength={100} placeholder="Nightly burn push" error={fe?.name} />
        <Select label="Scope" name="scope" defaultValue="read">
          <option value="read">Read</option>
          <option value="write">Read and write burn</option>
        </Select>
        <Field label="Expires in (days)" name="expiresInDays" type="number" min={1} max={365} defaultValue={90} required error={fe?.expiresInDays} />
        <SubmitButton pendingText="Creating…">Create token</SubmitButton>
      </form>
      {!fe && <ActionMessage state={state} />}
      {token && (
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <label className="sr-only" htmlFor="api-token">
            New API token
          </label>
          <input id="api-token" data-testid="api-token" readOnly value={token} className="min-w-0 flex-1 rounded-md border-0 bg-white px-2 py-1.5 font-mono text-xs ring-1 ring-inset ring-slate-300" onFocus={(e) => e.currentTarget.select()} />
          <Button
            variant="secondary"
            onClick={async () => {
              await navigator.clipboard?.writeText(token).catch(() => {});
              setCopied(true);
            }}
          >
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
      )}
    </div>
  );
}

export function RevokeApiTokenButton({ workspaceId, tokenId, name }: { workspaceId: string; tokenId: string; name: string }) {
  const [state, setState] = useState<ActionResult<null> | null>(null);
  return (
    <div className="space-y-1">
      <ConfirmButton label="Revoke" ariaLabel={`Revoke ${name}`} title={`Revoke “${name}”?`} confirmLabel="Revoke" onConfirm={async () => setState(await revokeApiTokenAction(workspaceId, tokenId))}>
        <p className="text-sm text-slate-600">Requests with this token are refused (401) from now on. This cannot be undone.</p>
      </ConfirmButton>
      {state && !state.ok && <ActionMessage state={state} />}
    </div>
  );
}
