// The boundary for workspace route handlers (uploads need them: server actions have small body
// limits). It mirrors lib/actions/safe-action.ts: refuse cross-site requests as proxy.ts does for
// server actions (lib/http/request-guard.ts), refuse bodies over the route's limit,
// authenticate from the session, resolve the workspace from the caller's membership, check the role,
// and map domain errors once. These routes are excluded from proxy.ts (whose body cloning would
// buffer and truncate large uploads), so the session is checked here on every request.
import { Readable, Transform } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { z } from "zod";
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/schema/workspaces";
import { GENERIC_ERROR } from "@/lib/actions/safe-action";
import { BodyTooLarge, crossSiteReason, declaredLength, isStateChanging, SERVER_ACTION_BODY_LIMIT_BYTES, tooLargeMessage } from "@/lib/http/request-guard";
import { resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { DomainError, type DomainErrorCode } from "@/lib/services/errors";

const STATUS: Record<DomainErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
  rate_limited: 429,
};

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(e: unknown): Response {
  if (e instanceof DomainError) return json({ error: e.message, code: e.code, fieldErrors: e.fieldErrors }, STATUS[e.code]);
  if (e instanceof z.ZodError) return json({ error: e.issues[0]?.message ?? "Invalid input.", code: "invalid" }, 400);
  console.error("unexpected error in route handler", e);
  return json({ error: GENERIC_ERROR, code: "internal" }, 500);
}

/** The body of a workspace request, counted against its limit as it is read. */
export interface RequestBody {
  /** The body as a Node stream (empty when there is none); it errors with BodyTooLarge past the limit. */
  stream(): Readable;
  /** The length the client declared, or null when the body is sent chunked. */
  readonly declaredBytes: number | null;
  /** true once more than the limit has been read */
  readonly exceeded: boolean;
}

function limitedBody(request: Request, limitBytes: number): RequestBody {
  let exceeded = false;
  let stream: Readable | null = null;
  return {
    declaredBytes: contentLength(request),
    get exceeded() {
      return exceeded;
    },
    stream() {
      if (stream) return stream;
      if (!request.body) return (stream = Readable.from([]));
      let total = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          total += chunk.length;
          if (total > limitBytes) {
            exceeded = true;
            callback(new BodyTooLarge(limitBytes));
            return;
          }
          callback(null, chunk);
        },
      });
      const source = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
      source.on("error", (e) => counter.destroy(e));
      counter.on("error", () => source.destroy());
      return (stream = source.pipe(counter));
    },
  };
}

function tooLarge(limitBytes: number): Response {
  return json({ error: tooLargeMessage(limitBytes), code: "too_large" }, 413);
}

export interface RouteOptions {
  /** Largest body accepted (state-changing requests); 1 MB, like a server action, unless said. */
  maxBodyBytes?: number;
}

/**
 * Runs `fn` for a signed-in member with at least `atLeast` in the workspace; errors become JSON.
 * A state-changing request is refused first when it is cross-site (403), then when it declares a
 * body over the limit (413); a chunked body that passes the limit while `fn` reads it is a 413 too,
 * whatever `fn` made of the interrupted stream.
 */
export async function withWorkspace(
  request: Request,
  workspaceId: string,
  atLeast: Role,
  fn: (ctx: WorkspaceCtx, body: RequestBody) => Promise<Response>,
  options: RouteOptions = {},
): Promise<Response> {
  const mutating = isStateChanging(request.method);
  const limit = options.maxBodyBytes ?? SERVER_ACTION_BODY_LIMIT_BYTES;
  const body = limitedBody(request, limit);
  try {
    if (mutating) {
      const reason = crossSiteReason(request.headers);
      if (reason) {
        console.warn(`refused a cross-site ${request.method} ${new URL(request.url).pathname}: ${reason}`);
        throw new DomainError("forbidden", "Cross-site requests are refused.");
      }
      if (body.declaredBytes !== null && body.declaredBytes > limit) throw new BodyTooLarge(limit);
    }
    const actor = await getActor();
    if (!actor) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
    const ctx = await resolveWorkspace({ db: await getDb(), actor }, workspaceId, atLeast);
    const response = await fn(ctx, body);
    if (body.exceeded) return tooLarge(limit);
    return response;
  } catch (e) {
    // Do not leave an unread upload hanging on the socket.
    if (mutating) request.body?.cancel().catch(() => {});
    if (e instanceof BodyTooLarge || body.exceeded) return tooLarge(limit);
    return errorResponse(e);
  }
}

export function contentLength(request: Request): number | null {
  return declaredLength(request.headers);
}

/** A JSON query parameter, or undefined; malformed JSON is an invalid request. */
export function jsonParam(url: URL, name: string): unknown {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new DomainError("invalid", `The ${name} parameter is not valid JSON.`);
  }
}
