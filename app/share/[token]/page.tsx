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
  const content = await contentForShareToken(await getDb(), token);
  // Expired, revoked or unknown: the same 404 for all three, so a link's history cannot be probed.
  if (!content) notFound();
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <p className="text-sm text-slate-500">Shared read-only · version {content.version}</p>
        <ExportLinks query={`/share/${token}/export?format=`} />
      </div>
      <BriefView content={content} />
    </main>
  );
}
