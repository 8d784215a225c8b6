import { exportContractCommitments } from "@/lib/services/focus/export";
import { exportContractUsage } from "@/lib/services/focus/usage-export";
import { withWorkspace } from "../../../../_lib/route-kit";

export const dynamic = "force-dynamic";

/**
 * The contract's terms as a FOCUS 1.3 Contract Commitment CSV, or with `?dataset=usage` its observed
 * burn as FOCUS cost-and-usage rows (credits as a virtual currency). Any member may download either.
 */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceId: string; contractId: string }> }) {
  const { workspaceId, contractId } = await params;
  return withWorkspace(request, workspaceId, "viewer", async (ctx) => {
    const usage = new URL(request.url).searchParams.get("dataset") === "usage";
    const { filename, csv } = usage ? await exportContractUsage(ctx, contractId) : await exportContractCommitments(ctx, contractId);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  });
}
