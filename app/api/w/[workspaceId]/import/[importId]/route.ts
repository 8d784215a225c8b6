// GET: a workspace import's progress or outcome, from workspace_imports (any app instance can answer).
import { json, withWorkspace } from "@/app/api/w/_lib/route-kit";
import { getWorkspaceImport } from "@/lib/services/transfer/receive";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ workspaceId: string; importId: string }> }) {
  const { workspaceId, importId } = await params;
  return withWorkspace(request, workspaceId, "viewer", async (ctx) => json(await getWorkspaceImport(ctx, importId)));
}
