import { getDb } from "@/lib/db/client";
import { downloadResponse, isBriefFormat, renderBriefExport } from "@/lib/brief/export";
import { FORMAT_CHOICE } from "@/lib/brief/formats";
import { contentForShareToken } from "@/lib/services/briefs/share";

export const dynamic = "force-dynamic";

/** Downloads the shared brief version while the link is valid; the same 404 for expired, revoked or unknown links. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const format = new URL(request.url).searchParams.get("format");
  if (!isBriefFormat(format)) return new Response(FORMAT_CHOICE, { status: 400 });
  const shared = await contentForShareToken(await getDb(), token);
  if (!shared) return new Response("This link has expired, was revoked, or does not exist.", { status: 404, headers: { "Cache-Control": "no-store" } });
  return downloadResponse(await renderBriefExport(shared.content, format));
}
