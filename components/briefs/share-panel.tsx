"use client";
import { useActionState, useState } from "react";
import { ActionMessage, Alert } from "@/components/ui/alert";
import { Button, SubmitButton } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/actions/safe-action";
import { day } from "@/lib/brief/format";

export interface ShareRow {
  id: string;
  version: number;
  expiresAt: string;
  revokedAt: string | null;
  lastViewedAt: string | null;
  kind: "internal" | "vendorSafe";
}

export const SHARE_KIND_LABELS: Record<ShareRow["kind"], string> = { internal: "Internal", vendorSafe: "Vendor-safe" };

type Create = (prev: ActionResult<{ token: string; expiresAt: string }> | null, form: FormData) => Promise<ActionResult<{ token: string; expiresAt: string }>>;

function status(s: ShareRow, now: number): { text: string; live: boolean } {
  if (s.revokedAt) return { text: `Revoked ${day(s.revokedAt.slice(0, 10))}`, live: false };
  if (Date.parse(s.expiresAt) <= now) return { text: `Expired ${day(s.expiresAt.slice(0, 10))}`, live: false };
  return { text: `Active until ${day(s.expiresAt.slice(0, 10))}`, live: true };
}

/** Read-only links to this version: create with an expiry, copy once, revoke. */
export function SharePanel({ version, shares, create, revoke, canEdit }: { version: number; shares: ShareRow[]; create: Create; revoke: (id: string) => Promise<ActionResult<null>>; canEdit: boolean }) {
  const [state, formAction] = useActionState(create, null);
  const [copied, setCopied] = useState(false);
  const [revokeState, setRevokeState] = useState<ActionResult<null> | null>(null);
  // eslint-disable-next-line react-hooks/purity -- the link status is relative to when the page renders
  const now = Date.now();
  // Only after the action ran in the browser: the server does not know the address the browser used.
  const link = state?.ok ? `${window.location.origin}/share/${state.data.token}` : null;
  return (
    <div className="space-y-4">
      {canEdit && (
        <form action={formAction} className="flex flex-wrap items-end gap-3" aria-label="Create a share link">
          <fieldset className="w-full space-y-1 text-sm text-slate-700">
            <legend className="font-medium">Who the link is for</legend>
            <label className="flex items-start gap-2">
              <input type="radio" name="kind" value="internal" defaultChecked className="mt-1" />
              <span>
                <span className="font-medium">Internal</span> <span className="text-slate-500">the whole brief, for our side only</span>
              </span>
            </label>
            <label className="flex items-start gap-2">
              <input type="radio" name="kind" value="vendorSafe" className="mt-1" />
              <span>
                <span className="font-medium">Vendor-safe</span> <span className="text-slate-500">leaves out the walk-away, the authority each ask needs, the risks in our burn and sign-offs</span>
              </span>
            </label>
          </fieldset>
          <label className="text-sm text-slate-700">
            <span className="block font-medium">Link expires after</span>
            <select aria-label="Link expires after" name="expiresInDays" defaultValue="14" className="mt-1 rounded-md border-0 bg-white px-2 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600">
              <option value="1">1 day</option>
              <option value="7">7 days</option>
              <option value="14">14 days</option>
              <option value="30">30 days</option>
              <option value="90">90 days</option>
            </select>
          </label>
          <SubmitButton variant="secondary" pendingText="Creating…">
            Create read-only link to v{version}
          </SubmitButton>
        </form>
      )}
      <ActionMessage state={state} />
      {link && (
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <label className="sr-only" htmlFor="share-link">
            Share link
          </label>
          <input id="share-link" data-testid="share-link" readOnly value={link} className="min-w-0 flex-1 rounded-md border-0 bg-white px-2 py-1.5 font-mono text-xs ring-1 ring-inset ring-slate-300" onFocus={(e) => e.currentTarget.select()} />
          <Button
            variant="secondary"
            onClick={async () => {
              await navigator.clipboard?.writeText(link).catch(() => {});
              setCopied(true);
            }}
          >
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
      )}
      {shares.length === 0 ? (
        <p className="text-sm text-slate-500">No share links yet. A link shows this brief version and nothing else of the workspace.</p>
      ) : (
        <div tabIndex={0} className="overflow-x-auto">
        <table className="w-full min-w-[28rem] text-left text-sm" aria-label="Share links">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">Version</th>
              <th scope="col" className="py-2 pr-4 font-medium">Kind</th>
              <th scope="col" className="py-2 pr-4 font-medium">Status</th>
              <th scope="col" className="py-2 pr-4 font-medium">Last opened</th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shares.map((s) => {
              const st = status(s, now);
              return (
                <tr key={s.id} data-testid="share-row">
                  <td className="py-2 pr-4">v{s.version}</td>
                  <td className="py-2 pr-4" data-testid="share-kind">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${s.kind === "vendorSafe" ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-900"}`}>{SHARE_KIND_LABELS[s.kind]}</span>
                  </td>
                  <td className={`py-2 pr-4 ${st.live ? "text-emerald-700" : "text-slate-500"}`}>{st.text}</td>
                  <td className="py-2 pr-4 text-slate-600">{s.lastViewedAt ? day(s.lastViewedAt.slice(0, 10)) : "Never"}</td>
                  <td className="py-2 text-right">
                    {canEdit && st.live && (
                      <ConfirmButton
                        label="Revoke"
                        ariaLabel={`Revoke the ${SHARE_KIND_LABELS[s.kind].toLowerCase()} link to v${s.version}`}
                        title="Revoke this link?"
                        confirmLabel="Revoke link"
                        pendingLabel="Revoking…"
                        onConfirm={async () => {
                          setRevokeState(await revoke(s.id));
                        }}
                      >
                        <p>
                          Whoever holds the {SHARE_KIND_LABELS[s.kind].toLowerCase()} link to version {s.version} can no longer open it
                          {s.lastViewedAt ? ` (last opened ${day(s.lastViewedAt.slice(0, 10))})` : " (it has not been opened yet)"}. A revoked link cannot be
                          restored: share the version again for a new one.
                        </p>
                      </ConfirmButton>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        </div>
      )}
      {revokeState && !revokeState.ok && <Alert>{revokeState.error}</Alert>}
      {revokeState?.ok && <Alert kind="success">Link revoked.</Alert>}
    </div>
  );
}
