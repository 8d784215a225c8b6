"use client";
import { useState, useTransition } from "react";
import { acceptInvitationAction } from "@/app/invite/[token]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function AcceptInvitation({ token }: { token: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {error && <Alert>{error}</Alert>}
      <Button
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await acceptInvitationAction(token);
            if (r && !r.ok) setError(r.error);
          })
        }
      >
        {pending ? "Joining…" : "Accept invitation"}
      </Button>
    </div>
  );
}
