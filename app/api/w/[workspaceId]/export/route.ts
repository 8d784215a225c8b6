import { getActor } from "@/lib/auth/actor";
import { GENERIC_ERROR } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { resolveWorkspace } from "@/lib/services/context";
import { DomainError, type DomainErrorCode } from "@/lib/services/errors";
import { exportFileName, exportWorkspace } from "@/lib/services/transfer/export";

export const dynamic = "force-dynamic";

const STATUS: Record<DomainErrorCode, number> = { unauthenticated: 401, not_found: 404, forbidden: 403, conflict: 409, invalid: 400, rate_limited: 429 };

/** Downloads the workspace as `<workspace>-<YYYY-MM-DD>.workbench.json`. Any member may. */
export async function GET(_req: Request, { params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  try {
    const actor = await getActor();
    if (!actor) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
    const ctx = await resolveWorkspace({ db: await getDb(), actor }, workspaceId, "viewer");
    const now = new Date();
    const file = await exportWorkspace(ctx, now);
    const fileName = exportFileName(ctx.workspace.name, now);
    return new Response(`${JSON.stringify(file, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    if (e instanceof DomainError) return Response.json({ ok: false, error: e.message }, { status: STATUS[e.code] });
    console.error("workspace export failed", e);
    return Response.json({ ok: false, error: GENERIC_ERROR }, { status: 500 });
  }
}
