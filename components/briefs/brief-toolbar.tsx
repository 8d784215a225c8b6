"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/actions/safe-action";
import { ConfirmButton } from "@/components/ui/confirm-dialog";

/** Switches between the versions of a brief. */
export function VersionPicker({ versions, current, base }: { versions: { version: number; label: string }[]; current: number; base: string }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      Version
      <select
        aria-label="Brief version"
        className="rounded-md border-0 bg-white px-2 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
        value={current}
        onChange={(e) => router.push(`${base}?v=${e.target.value}`)}
      >
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {v.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function DeleteBriefButton({ action, title }: { action: () => Promise<ActionResult<null>>; title: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <ConfirmButton
        label="Delete brief"
        variant="danger"
        className="text-sm"
        title={`Delete “${title}”?`}
        confirmLabel="Delete brief and its versions"
        pendingLabel="Deleting…"
        typeToConfirm={title}
        onConfirm={async () => {
          const r = await action();
          if (r && !r.ok) setError(r.error);
        }}
      >
        <p>This cannot be undone. Every version of the brief goes, and every read-only link to it stops working.</p>
      </ConfirmButton>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
