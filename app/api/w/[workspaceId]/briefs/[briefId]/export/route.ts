import { downloadResponse, isBriefFormat, renderBriefExport } from "@/lib/brief/export";
import { FORMAT_CHOICE } from "@/lib/brief/formats";
import { getBriefVersion } from "@/lib/services/briefs/read";
import { signOffLines } from "@/lib/services/briefs/signoff";
import { DomainError } from "@/lib/services/errors";
import { withWorkspace } from "../../../../_lib/route-kit";

export const dynamic = "force-dynamic";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A download link followed in the browser gets a readable page when it fails, not raw JSON. */
async function readableError(request: Request, res: Response): Promise<Response> {
  if (res.ok || !(request.headers.get("accept") ?? "").includes("text/html")) return res;
  const { error } = (await res.json()) as { error?: string };
  const body = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Download failed</title><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:6rem auto;padding:0 1rem;color:#0f172a"><h1 style="font-size:1.25rem">The download did not work</h1><p>${escapeHtml(error ?? "Something went wrong.")}</p><p><a href="/w">Back to your workspaces</a></p></body></html>`;
  return new Response(body, {
    status: res.status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" },
  });
}

/** Downloads one version of a brief: ?version=N&format=pdf-letter|pdf-a4|pptx|xlsx|md. Any member may. */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceId: string; briefId: string }> }) {
  const { workspaceId, briefId } = await params;
  const res = await withWorkspace(request, workspaceId, "viewer", async (ctx) => {
    const url = new URL(request.url);
    const format = url.searchParams.get("format");
    if (!isBriefFormat(format)) throw new DomainError("invalid", FORMAT_CHOICE);
    const v = url.searchParams.get("version");
    const version = v && /^\d+$/.test(v) ? Number(v) : undefined;
    const { version: row } = await getBriefVersion(ctx, briefId, version);
    const signOffs = await signOffLines(ctx.db, ctx.workspace.id, row.id);
    return downloadResponse(await renderBriefExport({ ...row.content, signOffs }, format));
  });
  return readableError(request, res);
}
