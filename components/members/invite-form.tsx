"use client";
import { useActionState, useState } from "react";
import { inviteAction } from "@/app/w/[workspaceId]/members/actions";
import { Alert } from "@/components/ui/alert";
import { Button, SubmitButton } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { formatDate } from "@/components/format";

export function InviteForm({ workspaceId }: { workspaceId: string }) {
  const [state, action] = useActionState(inviteAction.bind(null, workspaceId), null);
  const [copied, setCopied] = useState(false);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
        <Field label="E-mail" name="email" type="email" required error={fe?.email} />
        <Select label="Role" name="role" defaultValue="viewer">
          <option value="viewer">Viewer</option>
          <option value="editor">Editor</option>
          <option value="owner">Owner</option>
        </Select>
        <SubmitButton pendingText="Creating link…">Create invite link</SubmitButton>
      </form>
      {state && !state.ok && !fe && <Alert>{state.error}</Alert>}
      {state?.ok && (
        <Alert kind="success">
          <p>
            Invitation for <strong>{state.data.email}</strong> created. Send this link; it works once, until{" "}
            {formatDate(new Date(state.data.expiresAt).toISOString().slice(0, 10))}:
          </p>
          <div className="mt-2 flex items-center gap-2">
            <input readOnly value={state.data.link} aria-label="Invitation link" data-testid="invite-link" className="w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs text-slate-800" onFocus={(e) => e.currentTarget.select()} />
            <Button
              type="button"
              variant="secondary"
              onClick={() => navigator.clipboard.writeText(state.data.link).then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </Alert>
      )}
    </div>
  );
}
