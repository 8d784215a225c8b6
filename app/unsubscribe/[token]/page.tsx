import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { KIND_LABEL } from "@/lib/services/alerts/describe";
import { readUnsubscribeToken } from "@/lib/services/alerts/unsubscribe";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false, follow: false }, referrer: "same-origin" };

/**
 * The link at the foot of an alert e-mail, opened without signing in. Opening it changes nothing
 * (mail scanners open links); the button posts to /api/unsubscribe/<token>, which turns it off.
 */
export default async function UnsubscribePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> }) {
  const { token } = await params;
  const { done } = await searchParams;
  const target = await readUnsubscribeToken(await getDb(), token);
  if (!target) notFound();
  const kind = KIND_LABEL[target.kind].toLowerCase();
  return (
    <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-lg px-4 py-16">
      <div className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold">Alert e-mails</h1>
        {target.off ? (
          <p className="text-sm text-slate-700" role="status" data-testid="unsubscribed">
            {done ? "Done: " : ""}e-mails about “{kind}” alerts in {target.workspaceName} are off for {target.email}. These alerts still appear in the workspace’s Alerts page, where you can turn e-mail on again.
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-700">
              Stop e-mails about “{kind}” alerts in {target.workspaceName} to {target.email}? Other kinds of alerts, and the inbox in the workspace, are not changed.
            </p>
            <form method="post" action={`/api/unsubscribe/${token}`}>
              <input type="hidden" name="from" value="page" />
              <button type="submit" className="inline-flex items-center justify-center rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500">
                Stop these e-mails
              </button>
            </form>
          </>
        )}
        <p className="text-xs text-slate-500">
          <Link href={`/w/${target.workspaceId}/alerts`} className="text-indigo-700 underline hover:text-indigo-900">
            Your alerts and choices
          </Link>{" "}
          (needs signing in).
        </p>
      </div>
    </main>
  );
}
