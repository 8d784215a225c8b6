"use client";
import { useState, useTransition } from "react";
import { createCalendarFeedAction, revokeCalendarFeedAction } from "@/app/w/[workspaceId]/settings/actions";
import { ActionMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/actions/safe-action";
import { day } from "@/lib/brief/format";

export interface CalendarFeedInfo {
  createdAt: string;
  lastFetchedAt: string | null;
}

/** The workspace's secret iCalendar URL: create (shown once), replace, revoke. */
export function CalendarFeedPanel({ workspaceId, feed, canEdit }: { workspaceId: string; feed: CalendarFeedInfo | null; canEdit: boolean }) {
  const [created, setCreated] = useState<ActionResult<{ path: string }> | null>(null);
  const [revoked, setRevoked] = useState<ActionResult<null> | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, start] = useTransition();
  // Built in the browser: the server does not know the address the browser used.
  const url = created?.ok ? `${window.location.origin}${created.data.path}` : null;
  const create = async () => {
    setRevoked(null);
    setCopied(false);
    setCreated(await createCalendarFeedAction(workspaceId));
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600" data-testid="calendar-status">
        {feed
          ? `A calendar URL is live, created ${day(feed.createdAt.slice(0, 10))}; ${feed.lastFetchedAt ? `last read by a calendar ${day(feed.lastFetchedAt.slice(0, 10))}` : "not read by a calendar yet"}.`
          : "No calendar URL yet."}
      </p>
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          {feed ? (
            <>
              <ConfirmButton
                label="Replace URL"
                title="Replace the calendar URL?"
                confirmLabel="Replace"
                confirmVariant="primary"
                onConfirm={create}
              >
                <p className="text-sm text-slate-600">The current URL stops working at once; calendars subscribed to it must subscribe to the new one.</p>
              </ConfirmButton>
              <ConfirmButton
                label="Revoke URL"
                title="Revoke the calendar URL?"
                confirmLabel="Revoke"
                onConfirm={async () => {
                  setCreated(null);
                  setRevoked(await revokeCalendarFeedAction(workspaceId));
                }}
              >
                <p className="text-sm text-slate-600">Calendars subscribed to it stop updating; the URL answers “not found” from now on.</p>
              </ConfirmButton>
            </>
          ) : (
            <Button variant="secondary" disabled={pending} onClick={() => start(create)}>
              {pending ? "Creating…" : "Create calendar URL"}
            </Button>
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-500">Only editors and owners can create or revoke the calendar URL.</p>
      )}
      <ActionMessage state={created} />
      <ActionMessage state={revoked} />
      {url && (
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <label className="sr-only" htmlFor="calendar-url">
            Calendar URL
          </label>
          <input id="calendar-url" data-testid="calendar-url" readOnly value={url} className="min-w-0 flex-1 rounded-md border-0 bg-white px-2 py-1.5 font-mono text-xs ring-1 ring-inset ring-slate-300" onFocus={(e) => e.currentTarget.select()} />
          <Button
            variant="secondary"
            onClick={async () => {
              await navigator.clipboard?.writeText(url).catch(() => {});
              setCopied(true);
            }}
          >
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
      )}
    </div>
  );
}
