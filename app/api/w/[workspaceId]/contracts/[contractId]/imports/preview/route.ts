// POST: describe a usage file before importing it and read it as the import would. The browser
// sends the whole file up to 32 MB (a larger CSV: its first 64 KB; an XLSX always whole, a zip
// cannot be read without its end); a route rather than a server action because of the actions'
// 1 MB body limit.
// ?format=csv|xlsx&mapping=<json, optional>&whole=1 when the body is the whole file
import { MAX_PREVIEW_BYTES, previewBurnFile } from "@/lib/services/burn/preview";
import { json, jsonParam, withWorkspace } from "@/app/api/w/_lib/route-kit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request, { params }: { params: Promise<{ workspaceId: string; contractId: string }> }) {
  const { workspaceId, contractId } = await params;
  const options = { maxBodyBytes: MAX_PREVIEW_BYTES };
  return withWorkspace(request, workspaceId, "editor", async (ctx, body) => {
    const url = new URL(request.url);
    const result = await previewBurnFile(
      ctx,
      { contractId, format: url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv", mapping: jsonParam(url, "mapping"), wholeFile: url.searchParams.get("whole") === "1" },
      body.stream(),
    );
    return json(result);
  }, options);
}
