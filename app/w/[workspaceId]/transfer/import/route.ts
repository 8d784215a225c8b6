import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/actor";
import { GENERIC_ERROR } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { resolveWorkspace } from "@/lib/services/context";
import { DomainError, type DomainErrorCode } from "@/lib/services/errors";
import { describeReport, importWorkspace } from "@/lib/services/transfer/import";
import { MAX_IMPORT_BYTES } from "@/lib/services/transfer/schema";

export const dynamic = "force-dynamic";

const STATUS: Record<DomainErrorCode, number> = { unauthenticated: 401, not_found: 404, forbidden: 403, conflict: 409, invalid: 400, rate_limited: 429 };

// A route handler rather than a server action: a workspace file with its burn rows is easily larger
// than the 1 MB a server action accepts. Same-origin only, like a server action.
function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Imports a workspace file (the request body, JSON) into this workspace. Editors and owners. */
export async function POST(req: Request, { params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  try {
    if (!sameOrigin(req)) throw new DomainError("forbidden", "This request did not come from the workbench.");
    const actor = await getActor();
    if (!actor) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
    const ctx = await resolveWorkspace({ db: await getDb(), actor }, workspaceId, "editor");
    const declared = Number(req.headers.get("content-length") ?? 0);
    if (declared > MAX_IMPORT_BYTES) throw new DomainError("invalid", "The file is larger than 10 MB.");
    const text = await req.text();
    if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) throw new DomainError("invalid", "The file is larger than 10 MB.");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new DomainError("invalid", `The file is not valid JSON: ${(e as Error).message}`);
    }
    const report = await importWorkspace(ctx, json);
    revalidatePath(`/w/${ctx.workspace.id}`, "layout");
    return Response.json({ ok: true, data: report, message: describeReport(report) });
  } catch (e) {
    if (e instanceof DomainError) {
      const issues = Object.entries(e.fieldErrors ?? {}).flatMap(([path, messages]) => messages.map((message) => ({ path, message }))).slice(0, 200);
      return Response.json({ ok: false, error: e.message, issues }, { status: STATUS[e.code] });
    }
    console.error("workspace import failed", e);
    return Response.json({ ok: false, error: GENERIC_ERROR }, { status: 500 });
  }
}
