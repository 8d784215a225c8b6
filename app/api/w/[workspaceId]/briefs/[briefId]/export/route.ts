import { downloadResponse, isBriefFormat, renderBriefExport } from "@/lib/brief/export";
import { FORMAT_CHOICE } from "@/lib/brief/formats";
import { getBriefVersion } from "@/lib/services/briefs/read";
import { DomainError } from "@/lib/services/errors";
import { withWorkspace } from "../../../../_lib/route-kit";

export const dynamic = "force-dynamic";

/** Downloads one version of a brief: ?version=N&format=pdf-letter|pdf-a4|pptx|xlsx|md. Any member may. */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceId: string; briefId: string }> }) {
  const { workspaceId, briefId } = await params;
  return withWorkspace(request, workspaceId, "viewer", async (ctx) => {
    const url = new URL(request.url);
    const format = url.searchParams.get("format");
    if (!isBriefFormat(format)) throw new DomainError("invalid", FORMAT_CHOICE);
    const v = url.searchParams.get("version");
    const version = v && /^\d+$/.test(v) ? Number(v) : undefined;
    const { version: row } = await getBriefVersion(ctx, briefId, version);
    return downloadResponse(await renderBriefExport(row.content, format));
  });
}
