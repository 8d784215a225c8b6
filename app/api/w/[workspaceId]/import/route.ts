// POST: a workspace file (the raw bytes as the body: a .workbench.zip archive, or the JSON file of
// earlier versions). The request stores it and checks its structure as it streams, then answers
// 202 with the import's id (a job evaluates and writes it; GET import/<id> for its progress), or
// 400 with every problem by its path. `?mode=copy` imports every contract anew; the default, `merge`,
// lets a contract the workspace already holds take only the burn rows it lacks. Editors and owners.
import { Readable } from "node:stream";
import { json, withWorkspace } from "@/app/api/w/_lib/route-kit";
import { IMPORT_MODES, type ImportMode } from "@/lib/db/schema/transfer";
import { invalid } from "@/lib/services/errors";
import { TRANSFER_LIMITS } from "@/lib/services/transfer/archive";
import { receiveWorkspaceFile } from "@/lib/services/transfer/receive";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request, { params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  return withWorkspace(
    request,
    workspaceId,
    "editor",
    async (ctx, body) => {
      const mode = new URL(request.url).searchParams.get("mode") ?? "merge";
      if (!(IMPORT_MODES as readonly string[]).includes(mode)) throw invalid(`mode: expected "merge" or "copy", not "${mode.slice(0, 40)}"`, { mode: ['expected "merge" or "copy"'] });
      const view = await receiveWorkspaceFile(ctx, body.stream() as Readable & AsyncIterable<Uint8Array>, { mode: mode as ImportMode });
      return json(view, 202);
    },
    { maxBodyBytes: TRANSFER_LIMITS.fileBytes },
  );
}
