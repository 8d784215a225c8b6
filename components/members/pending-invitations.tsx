"use client";
import { useState, useTransition } from "react";
import { revokeInvitationAction } from "@/app/w/[workspaceId]/members/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatDate } from "@/components/format";

export function PendingInvitations({ workspaceId, invitations }: { workspaceId: string; invitations: { id: string; email: string; role: string; expiresAt: string }[] }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (invitations.length === 0) return <p className="text-sm text-slate-500">No pending invitations.</p>;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-700">Pending invitations</h3>
      {error && <Alert>{error}</Alert>}
      <ul className="divide-y divide-slate-100 text-sm">
        {invitations.map((i) => (
          <li key={i.id} className="flex items-center justify-between py-2">
            <span>
              {i.email} <span className="text-slate-500">as {i.role}, expires {formatDate(new Date(i.expiresAt).toISOString().slice(0, 10))}</span>
            </span>
            <Button
              variant="ghost"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const r = await revokeInvitationAction(workspaceId, i.id);
                  setError(r.ok ? null : r.error);
                })
              }
            >
              Withdraw
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
