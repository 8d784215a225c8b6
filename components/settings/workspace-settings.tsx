"use client";
import { useActionState, useState } from "react";
import { deleteWorkspaceAction, renameWorkspaceAction } from "@/app/w/[workspaceId]/settings/actions";
import { ActionMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function RenameWorkspaceForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  const [state, action] = useActionState(renameWorkspaceAction.bind(null, workspaceId), null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Field label="Name" name="name" defaultValue={name} required maxLength={100} error={fe?.name} />
        </div>
        <SubmitButton pendingText="Saving…">Rename</SubmitButton>
      </div>
      {!fe && <ActionMessage state={state} />}
    </form>
  );
}

export function DeleteWorkspaceForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  const [state, action] = useActionState(deleteWorkspaceAction.bind(null, workspaceId), null);
  const [typed, setTyped] = useState("");
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3">
      <Field
        label={`Type “${name}” to confirm`}
        name="confirmName"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        autoComplete="off"
        error={fe?.confirmName}
      />
      <SubmitButton variant="danger" disabled={typed.trim() !== name} pendingText="Deleting…">
        Delete workspace
      </SubmitButton>
      {!fe && <ActionMessage state={state} />}
    </form>
  );
}
