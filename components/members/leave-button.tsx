"use client";
import { useState } from "react";
import { leaveWorkspaceAction } from "@/app/w/[workspaceId]/members/actions";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/confirm-dialog";

export function LeaveWorkspaceButton({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {error && <Alert>{error}</Alert>}
      <ConfirmButton
        label="Leave workspace"
        className="text-sm"
        title={`Leave ${workspaceName}?`}
        confirmLabel="Leave workspace"
        pendingLabel="Leaving…"
        onConfirm={async () => {
          const r = await leaveWorkspaceAction(workspaceId);
          if (r && !r.ok) setError(r.error);
        }}
      >
        <p>You lose access to its contracts and briefs until an owner invites you again.</p>
      </ConfirmButton>
    </div>
  );
}
