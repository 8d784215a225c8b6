// POST: a workspace file (the raw bytes as the body: a .workbench.zip archive, or the JSON file of
// earlier versions). The request stores it and checks its structure as it streams, then answers
// 202 with the import's id (a job evaluates and writes it; GET import/<id> for its progress), or
// 400 with every problem by its path. Editors and owners.
import { Readable } from "node:stream";
import { json, withWorkspace } from "@/app/api/w/_lib/route-kit";
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
      const view = await receiveWorkspaceFile(ctx, body.stream() as Readable & AsyncIterable<Uint8Array>);
      return json(view, 202);
    },
    { maxBodyBytes: TRANSFER_LIMITS.fileBytes },
  );
}
