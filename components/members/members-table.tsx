"use client";
import { useState, useTransition } from "react";
import { changeRoleAction, removeMemberAction } from "@/app/w/[workspaceId]/members/actions";
import { Alert } from "@/components/ui/alert";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { ConfirmButton } from "@/components/ui/confirm-dialog";

type Role = "owner" | "editor" | "viewer";
interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
}

export function MembersTable({ workspaceId, isOwner, me, members }: { workspaceId: string; isOwner: boolean; me: string; members: Member[] }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; error?: string }>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : (r.error ?? null));
    });
  return (
    <div className="space-y-3">
      {error && <Alert>{error}</Alert>}
      <ScrollRegion>
        <table className="w-full text-left text-sm" aria-busy={pending}>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">Name</th>
              <th scope="col" className="py-2 pr-4 font-medium">E-mail</th>
              <th scope="col" className="py-2 pr-4 font-medium">Role</th>
              {isOwner && <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.userId}>
                <td className="py-2 pr-4 font-medium">
                  {m.name}
                  {m.userId === me && <span className="ml-2 text-xs text-slate-500">(you)</span>}
                </td>
                <td className="py-2 pr-4 text-slate-600">{m.email}</td>
                <td className="py-2 pr-4">
                  {isOwner ? (
                    <select
                      aria-label={`Role of ${m.email}`}
                      value={m.role}
                      disabled={pending}
                      onChange={(e) => run(() => changeRoleAction(workspaceId, m.userId, e.target.value))}
                      className="rounded-md border-0 bg-white py-1 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300"
                    >
                      <option value="owner">Owner</option>
                      <option value="editor">Editor</option>
                      <option value="viewer">Viewer</option>
                    </select>
                  ) : (
                    <span className="capitalize">{m.role}</span>
                  )}
                </td>
                {isOwner && (
                  <td className="py-2 text-right">
                    {m.userId !== me && (
                      <ConfirmButton
                        label="Remove"
                        ariaLabel={`Remove ${m.email}`}
                        variant="ghost"
                        className="text-sm text-red-700"
                        title={`Remove ${m.name} from this workspace?`}
                        confirmLabel="Remove member"
                        pendingLabel="Removing…"
                        onConfirm={async () => {
                          const r = await removeMemberAction(workspaceId, m.userId);
                          setError(r.ok ? null : (r.error ?? null));
                        }}
                      >
                        <p>
                          {m.email} loses access to its contracts and briefs at once. Their past changes stay in the audit log.
                        </p>
                      </ConfirmButton>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
