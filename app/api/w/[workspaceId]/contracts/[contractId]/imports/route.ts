// POST: stream a usage file (the raw bytes as the body) into the contract's observed burn.
// ?importId=<uuid chosen by the browser>&name=<file name>&format=csv|xlsx&mapping=<json>&remember=0|1
// The response comes when the import has finished (succeeded or refused, with every bad row);
// meanwhile the browser polls GET imports/<importId> for progress.
import { importBurnFile } from "@/lib/services/burn/import-file";
import { json, jsonParam, withWorkspace } from "@/app/api/w/_lib/route-kit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// The file streams into the database, so its size costs no memory; the bound keeps one upload from
// filling the disk (5 million rows, the parser's own bound, are well under it as CSV).
const USAGE_FILE_LIMIT_BYTES = (Number(process.env.USAGE_FILE_LIMIT_MB) || 2048) * 1024 * 1024;

export async function POST(request: Request, { params }: { params: Promise<{ workspaceId: string; contractId: string }> }) {
  const { workspaceId, contractId } = await params;
  const options = { maxBodyBytes: USAGE_FILE_LIMIT_BYTES };
  return withWorkspace(request, workspaceId, "editor", async (ctx, body) => {
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
        totalBytes: body.declaredBytes,
      },
      body.stream(),
    );
    return json(outcome);
  }, options);
}
