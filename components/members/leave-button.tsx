"use client";
import { useState, useTransition } from "react";
import { leaveWorkspaceAction } from "@/app/w/[workspaceId]/members/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function LeaveWorkspaceButton({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {error && <Alert>{error}</Alert>}
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Leave ${workspaceName}?`)) return;
          start(async () => {
            const r = await leaveWorkspaceAction(workspaceId);
            if (r && !r.ok) setError(r.error);
          });
        }}
      >
        {pending ? "Leaving…" : "Leave workspace"}
      </Button>
    </div>
  );
}
