import { exportContractCommitments } from "@/lib/services/focus/export";
import { withWorkspace } from "../../../../_lib/route-kit";

export const dynamic = "force-dynamic";

/** The contract's terms as a FOCUS 1.3 Contract Commitment CSV. Any member may download it. */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceId: string; contractId: string }> }) {
  const { workspaceId, contractId } = await params;
  return withWorkspace(request, workspaceId, "viewer", async (ctx) => {
    const { filename, csv } = await exportContractCommitments(ctx, contractId);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  });
}
