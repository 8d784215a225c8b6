"use client";
import { useActionState } from "react";
import { createWorkspaceAction } from "@/app/w/actions";
import { ActionMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function CreateWorkspaceForm() {
  const [state, action] = useActionState(createWorkspaceAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <div className="flex-1">
        <Field label="Workspace name" name="name" required maxLength={100} placeholder="e.g. Acme renewal 2027" error={fe?.name} />
      </div>
      <SubmitButton pendingText="Creating…">Create workspace</SubmitButton>
      {!fe && <ActionMessage state={state} />}
    </form>
  );
}
