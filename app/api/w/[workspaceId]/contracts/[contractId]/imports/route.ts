// POST: stream a usage file (the raw bytes as the body) into the contract's observed burn.
// ?importId=<uuid chosen by the browser>&name=<file name>&format=csv|xlsx&mapping=<json>&remember=0|1
// The response comes when the import has finished (succeeded or refused, with every bad row);
// meanwhile the browser polls GET imports/<importId> for progress.
import { importBurnFile } from "@/lib/services/burn/import-file";
import { bodyStream, contentLength, json, jsonParam, withWorkspace } from "@/app/api/w/_lib/route-kit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request, { params }: { params: Promise<{ workspaceId: string; contractId: string }> }) {
  const { workspaceId, contractId } = await params;
  return withWorkspace(request, workspaceId, "editor", async (ctx) => {
    const url = new URL(request.url);
    const outcome = await importBurnFile(
      ctx,
      {
        contractId,
        importId: url.searchParams.get("importId") ?? "",
        fileName: url.searchParams.get("name") ?? "",
        format: url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv",
        mapping: jsonParam(url, "mapping"),
        rememberMapping: url.searchParams.get("remember") !== "0",
        totalBytes: contentLength(request),
      },
      bodyStream(request),
    );
    return json(outcome);
  });
}
