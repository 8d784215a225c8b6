// POST: describe the head of a usage file before importing it. The browser sends the first 64 KB
// of a CSV (File.slice) or a whole XLSX workbook (a zip cannot be read without its end); a route
// rather than a server action because of the actions' 1 MB body limit.
// ?format=csv|xlsx&mapping=<json, optional>
import { previewBurnFile } from "@/lib/services/burn/preview";
import { bodyStream, json, jsonParam, withWorkspace } from "@/app/api/w/_lib/route-kit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request, { params }: { params: Promise<{ workspaceId: string; contractId: string }> }) {
  const { workspaceId, contractId } = await params;
  return withWorkspace(request, workspaceId, "editor", async (ctx) => {
    const url = new URL(request.url);
    const result = await previewBurnFile(
      ctx,
      { contractId, format: url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv", mapping: jsonParam(url, "mapping") },
      bodyStream(request),
    );
    return json(result);
  });
}
