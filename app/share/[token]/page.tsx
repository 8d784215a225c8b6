import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BriefView } from "@/components/brief/BriefView";
import { ExportLinks } from "@/components/briefs/export-links";
import { getDb } from "@/lib/db/client";
import { contentForShareToken } from "@/lib/services/briefs/share";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shared brief", robots: { index: false, follow: false }, referrer: "no-referrer" };

/** A brief version behind a read-only link: the brief and its downloads, nothing else of the workspace. */
export default async function SharedBriefPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = await contentForShareToken(await getDb(), token);
  // Expired, revoked or unknown: the same 404 for all three, so a link's history cannot be probed.
  if (!shared) notFound();
  const { content, kind } = shared;
  return (
    <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-6xl space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <p className="text-sm text-slate-600" data-testid="share-kind">
          {kind === "vendorSafe" ? (
            <>
              <span className="mr-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-semibold text-emerald-800">Vendor-safe</span>
              Shared read-only · version {content.version} · prepared for the vendor: our internal positions are left out
            </>
          ) : (
            <>
              <span className="mr-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">Internal</span>
              Shared read-only · version {content.version} · the whole brief: do not forward it to the vendor
            </>
          )}
        </p>
        <ExportLinks query={`/share/${token}/export?format=`} />
      </div>
      <BriefView content={content} />
    </main>
  );
}
