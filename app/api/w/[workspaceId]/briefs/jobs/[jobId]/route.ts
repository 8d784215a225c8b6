// GET: a brief job's progress or outcome, from brief_jobs (any app instance can answer).
import { briefJobResult, getBriefJob } from "@/lib/services/briefs/job";
import { json, withWorkspace } from "@/app/api/w/_lib/route-kit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ workspaceId: string; jobId: string }> }) {
  const { workspaceId, jobId } = await params;
  return withWorkspace(request, workspaceId, "viewer", async (ctx) => {
    const job = await getBriefJob(ctx, jobId);
    return json({ ...job, result: await briefJobResult(ctx, job) });
  });
}
