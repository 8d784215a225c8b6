"use client";
import { useActionState, useState, useTransition } from "react";
import { markAlertsReadAction, updateAlertPreferencesAction, updateAlertSettingsAction } from "@/app/w/[workspaceId]/alerts/actions";
import { ActionMessage } from "@/components/ui/alert";
import { Button, SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/safe-action";
import { ALERT_KINDS, KIND_DESCRIPTION, KIND_LABEL } from "@/lib/services/alerts/describe";
import type { PreferenceMap } from "@/lib/services/alerts/settings";

export function PreferencesForm({ workspaceId, preferences }: { workspaceId: string; preferences: PreferenceMap }) {
  const [state, action] = useActionState(updateAlertPreferencesAction.bind(null, workspaceId), null);
  return (
    <form action={action} className="space-y-3">
      <table className="w-full text-sm" aria-label="What you receive">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2 pr-3 font-medium">Alert</th>
            <th scope="col" className="w-20 py-2 text-center font-medium">Inbox</th>
            <th scope="col" className="w-20 py-2 text-center font-medium">E-mail</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {ALERT_KINDS.map((k) => (
            <tr key={k}>
              <th scope="row" className="py-2 pr-3 text-left font-normal">
                <span className="font-medium text-slate-900">{KIND_LABEL[k]}</span>
                <span className="block text-xs text-slate-500">{KIND_DESCRIPTION[k]}</span>
              </th>
              <td className="text-center">
                <input type="checkbox" name={`${k}.inbox`} defaultChecked={preferences[k].inbox} aria-label={`${KIND_LABEL[k]} in the inbox`} className="h-4 w-4 rounded border-slate-300 text-indigo-600" />
              </td>
              <td className="text-center">
                <input type="checkbox" name={`${k}.email`} defaultChecked={preferences[k].email} aria-label={`${KIND_LABEL[k]} by e-mail`} className="h-4 w-4 rounded border-slate-300 text-indigo-600" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Saving…">Save my choices</SubmitButton>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

export function AlertSettingsForm({ workspaceId, horizonDays, webhookUrl, webhookSecretSet }: { workspaceId: string; horizonDays: number; webhookUrl: string | null; webhookSecretSet: boolean }) {
  const [state, action] = useActionState(updateAlertSettingsAction.bind(null, workspaceId), null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  // Controlled, so a refused save keeps what was typed (a form action resets uncontrolled fields).
  const [horizon, setHorizon] = useState(String(horizonDays));
  const [url, setUrl] = useState(webhookUrl ?? "");
  return (
    <form action={action} className="space-y-4">
      <div className="max-w-xs">
        <Field label="Horizon (days)" name="horizonDays" type="number" min={1} max={365} value={horizon} onChange={(e) => setHorizon(e.target.value)} required error={fe?.horizonDays} hint="Run-outs and notice deadlines this many days ahead are alerts." />
      </div>
      <Field label="Webhook URL" name="webhookUrl" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.example.com/workbench" error={fe?.webhookUrl} hint="Every new alert is posted here as JSON. Leave empty for no webhook." />
      <Field
        label="Webhook secret"
        name="webhookSecret"
        type="password"
        autoComplete="off"
        minLength={16}
        error={fe?.webhookSecret}
        hint={webhookSecretSet ? "A secret is set (never shown). Enter a new one to replace it, or leave empty to keep it." : "At least 16 characters: the key of the X-Workbench-Signature header (HMAC-SHA256)."}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

export function MarkReadButton({ workspaceId, ids, label, ariaLabel }: { workspaceId: string; ids: string[] | "all"; label: string; ariaLabel?: string }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<number> | null>(null);
  return (
    <>
      <Button variant="ghost" className="whitespace-nowrap px-2 py-1 text-xs" aria-label={ariaLabel} disabled={pending} onClick={() => start(async () => setResult(await markAlertsReadAction(workspaceId, ids)))}>
        {pending ? "…" : label}
      </Button>
      {result && !result.ok && <ActionMessage state={result} />}
    </>
  );
}
