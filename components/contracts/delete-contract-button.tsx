"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteContractAction } from "@/app/w/[workspaceId]/contracts/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function DeleteContractButton({ workspaceId, contractId, version, name }: { workspaceId: string; contractId: string; version: number; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="text-right">
      <Button
        type="button"
        variant="ghost"
        className="text-red-700"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Delete ${name} with its scenarios and observed burn? Its rate card stays.`)) return;
          start(async () => {
            const r = await deleteContractAction(workspaceId, { contractId, version });
            if (r.ok) router.push(`/w/${workspaceId}/contracts`);
            else setError(r.error);
          });
        }}
      >
        {pending ? "Deleting…" : "Delete contract"}
      </Button>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
