// GET: the workspace as `<workspace>-<YYYY-MM-DD>.workbench.zip`, streamed as it is read from the
// database (lib/services/transfer/export.ts exportArchive). Any member may. One export per
// workspace at a time across instances: a second one gets 429 with Retry-After.
import { json, withWorkspace } from "@/app/api/w/_lib/route-kit";
import { exportArchive, exportFileName } from "@/lib/services/transfer/export";
import { acquireExportLease, ExportBusy } from "@/lib/services/transfer/lease";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  return withWorkspace(request, workspaceId, "viewer", async (ctx) => {
    let lease;
    try {
      lease = await acquireExportLease(ctx);
    } catch (e) {
      if (!(e instanceof ExportBusy)) throw e;
      const res = json({ error: e.message, code: e.code }, 429);
      res.headers.set("Retry-After", String(e.retryAfterSeconds));
      return res;
    }
    const now = new Date();
    const chunks = exportArchive(ctx, { now, onPage: () => lease.renew() });
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await lease.release().catch((e: unknown) => console.error("workspace export: releasing the lease failed", e));
    };
    // Pulled: the next chunk is produced only when the client has taken the previous ones.
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          try {
            const next = await chunks.next();
            if (next.done) {
              await release();
              controller.close();
            } else controller.enqueue(next.value);
          } catch (e) {
            console.error("workspace export failed while streaming", e);
            await release();
            controller.error(e);
          }
        },
        async cancel() {
          await chunks.return(undefined).catch(() => {});
          await release();
        },
      },
      { highWaterMark: 4 },
    );
    const fileName = exportFileName(ctx.workspace.name, now);
    return new Response(body, {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "no-store",
      },
    });
  });
}
