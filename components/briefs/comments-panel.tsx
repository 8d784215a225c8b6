"use client";
import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { ActionMessage, Alert } from "@/components/ui/alert";
import { Button, SubmitButton } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/safe-action";
import { formatDateTimeMinute } from "@/components/format";

export interface CommentRow {
  id: string;
  author: string;
  body: string;
  /** ISO timestamp */
  at: string;
  mine: boolean;
}

const when = formatDateTimeMinute;

/** Comments on this version, oldest first; every member writes, each author deletes their own. */
export function CommentsPanel({
  version,
  rows,
  add,
  remove,
}: {
  version: number;
  rows: CommentRow[];
  add: (prev: ActionResult<null> | null, form: FormData) => Promise<ActionResult<null>>;
  remove: (id: string) => Promise<ActionResult<null>>;
}) {
  const [state, formAction] = useActionState(add, null);
  const [pending, start] = useTransition();
  const [removed, setRemoved] = useState<ActionResult<null> | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <div className="space-y-4">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No comments on version {version} yet.</p>
      ) : (
        <ol className="space-y-3" aria-label="Comments">
          {rows.map((c) => (
            <li key={c.id} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200" data-testid="comment">
              <div className="flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-500">
                <p>
                  <span className="font-semibold text-slate-800">{c.author}</span> · {when(c.at)}
                </p>
                {c.mine && (
                  <Button variant="secondary" className="px-2 py-0.5 text-xs" disabled={pending} aria-label={`Delete your comment of ${when(c.at)}`} onClick={() => start(async () => setRemoved(await remove(c.id)))}>
                    Delete
                  </Button>
                )}
              </div>
              <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-800">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form ref={form} action={formAction} className="space-y-2" aria-label="Add a comment">
        <label className="block text-sm text-slate-700">
          <span className="block font-medium">Comment on version {version}</span>
          <textarea name="body" rows={3} maxLength={4000} required className="mt-1 w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600" />
        </label>
        <SubmitButton variant="secondary" pendingText="Adding…">
          Add comment
        </SubmitButton>
      </form>
      <ActionMessage state={state} />
      {removed && (removed.ok ? <Alert kind="success">{removed.message}</Alert> : <Alert>{removed.error}</Alert>)}
    </div>
  );
}
