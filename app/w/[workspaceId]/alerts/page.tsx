import type { Metadata } from "next";
import Link from "next/link";
import { AlertSettingsForm, MarkReadButton, PreferencesForm } from "@/components/alerts/alert-forms";
import { formatDateTime } from "@/components/format";
import { Card, EmptyState } from "@/components/ui/card";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { alertSentence, KIND_LABEL, type AlertKindDelivered } from "@/lib/services/alerts/describe";
import { listInbox, listWebhookDeliveries } from "@/lib/services/alerts/inbox";
import { getAlertPreferences, getAlertSettings } from "@/lib/services/alerts/settings";

export const metadata: Metadata = { title: "Alerts" };

const badge: Record<AlertKindDelivered, string> = {
  runOut: "bg-red-100 text-red-800",
  notice: "bg-amber-100 text-amber-800",
  crossed: "bg-orange-100 text-orange-800",
};

const statusStyle = { sent: "text-emerald-700", pending: "text-slate-600", failed: "text-red-700" } as const;

export default async function AlertsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const owner = ctx.role === "owner";
  const [inbox, preferences, settings, webhookLog] = await Promise.all([listInbox(ctx), getAlertPreferences(ctx), getAlertSettings(ctx), owner ? listWebhookDeliveries(ctx) : Promise.resolve(null)]);
  const ws = ctx.workspace.id;
  return (
    <div className="space-y-6">
      <Card
        title="Your alerts"
        description={`Threshold crossings, run-outs and notice deadlines within ${settings.horizonDays} days, found once a day and whenever a forecast is recomputed. Each alert reaches you once.`}
        actions={inbox.unread > 0 ? <MarkReadButton workspaceId={ws} ids="all" label="Mark all read" /> : undefined}
      >
        <p className="mb-3 text-sm text-slate-600" data-testid="unread-count">
          {inbox.unread === 0 ? "Nothing unread." : `${inbox.unread} unread.`}
        </p>
        {inbox.items.length === 0 ? (
          <EmptyState title="No alerts yet">New alerts appear here (and by e-mail, as you choose below).</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="alert-inbox">
            {inbox.items.map((a) => (
              <li key={a.deliveryId} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:gap-3" data-kind={a.kind} data-read={a.read ? "true" : "false"}>
                <span className={`w-fit shrink-0 whitespace-nowrap rounded-full px-2 py-0.5 text-center text-xs font-semibold sm:w-36 ${badge[a.kind]}`}>{KIND_LABEL[a.kind]}</span>
                <div className="min-w-0 flex-1">
                  <p className={`text-sm ${a.read ? "text-slate-600" : "font-semibold text-slate-900"}`}>
                    {!a.read && <span className="mr-1.5 inline-block h-2 w-2 rounded-full bg-indigo-600 align-middle" aria-hidden="true" />}
                    {!a.read && <span className="sr-only">Unread: </span>}
                    {alertSentence(a, a.foundFor)}
                  </p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    Found {formatDateTime(new Date(a.createdAt))} ·{" "}
                    <Link href={`/w/${ws}/contracts/${a.contractId}`} className="text-indigo-700 underline hover:text-indigo-900">
                      Open the contract
                    </Link>
                  </p>
                </div>
                {!a.read && (
                  <div className="self-start">
                    <MarkReadButton workspaceId={ws} ids={[a.deliveryId]} label="Mark read" ariaLabel={`Mark read: ${KIND_LABEL[a.kind]}, ${a.vendorName} · ${a.contractName}`} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="What you receive" description="Your own choice, in this workspace. Every alert e-mail also has a link that turns its kind off.">
        <PreferencesForm workspaceId={ws} preferences={preferences} />
      </Card>

      <Card
        title="Workspace alert settings"
        description="How far ahead run-outs and notice deadlines are announced, and a webhook that receives every new alert (signed with HMAC-SHA256, retried with growing delays when it fails)."
      >
        {owner ? (
          <AlertSettingsForm workspaceId={ws} horizonDays={settings.horizonDays} webhookUrl={settings.webhookUrl} webhookSecretSet={settings.webhookSecretSet} />
        ) : (
          <p className="text-sm text-slate-600">
            Horizon: {settings.horizonDays} days. Only an owner of this workspace can change it or set up a webhook.
          </p>
        )}
      </Card>

      {webhookLog && (
        <Card title="Webhook deliveries" description="The latest 50, newest first: each new alert is posted once, and a failed call is tried again up to six times.">
          {webhookLog.length === 0 ? (
            <p className="text-sm text-slate-500">No webhook deliveries yet.</p>
          ) : (
            <ScrollRegion>
              <table className="w-full min-w-[40rem] text-sm" aria-label="Webhook deliveries">
                <thead>
                  <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                    <th scope="col" className="py-2 pr-3 font-medium">Alert</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Status</th>
                    <th scope="col" className="py-2 pr-3 text-right font-medium">Attempts</th>
                    <th scope="col" className="py-2 pr-3 text-right font-medium">Last answer</th>
                    <th scope="col" className="py-2 font-medium">Last attempt</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100" data-testid="webhook-log">
                  {webhookLog.map((l) => (
                    <tr key={l.deliveryId}>
                      <td className="py-2 pr-3">
                        <span className="font-medium">{KIND_LABEL[l.kind]}</span> · {l.vendorName} · {l.contractName}
                      </td>
                      <td className={`py-2 pr-3 font-medium capitalize ${statusStyle[l.status]}`}>{l.status}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{l.attempts}</td>
                      <td className="py-2 pr-3 text-right tabular-nums" title={l.lastError ?? undefined}>
                        {l.lastStatusCode ?? (l.lastError ? "no answer" : "—")}
                      </td>
                      <td className="py-2 text-slate-600">{l.lastAttemptAt ? formatDateTime(new Date(l.lastAttemptAt)) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </Card>
      )}
    </div>
  );
}
