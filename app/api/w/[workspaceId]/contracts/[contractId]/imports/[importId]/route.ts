// GET: an import's progress or outcome, from burn_imports (any app instance can answer).
import { getBurnImport } from "@/lib/services/burn/get-import";
import { json, withWorkspace } from "@/app/api/w/_lib/route-kit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ workspaceId: string; contractId: string; importId: string }> }) {
  const { workspaceId, contractId, importId } = await params;
  return withWorkspace(request, workspaceId, "viewer", async (ctx) => json(await getBurnImport(ctx, { contractId, importId })));
}
