// The boundary for workspace route handlers (uploads need them: server actions have small body
// limits). It mirrors lib/actions/safe-action.ts: refuse cross-site requests like server actions do,
// authenticate from the session, resolve the workspace from the caller's membership, check the role,
// and map domain errors once. These routes are excluded from proxy.ts (whose body cloning would
// buffer and truncate large uploads), so the session is checked here on every request.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { z } from "zod";
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/schema/workspaces";
import { GENERIC_ERROR } from "@/lib/actions/safe-action";
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

/**
 * Same-origin check for state-changing requests, as Next does for server actions: the Origin's host
 * must be the host the request was sent to (x-forwarded-host behind a proxy). A cross-site request
 * whose browser omits Origin is caught by Sec-Fetch-Site.
 */
export function crossOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** Runs `fn` for a signed-in member with at least `atLeast` in the workspace; errors become JSON. */
export async function withWorkspace(request: Request, workspaceId: string, atLeast: Role, fn: (ctx: WorkspaceCtx) => Promise<Response>): Promise<Response> {
  const mutating = request.method !== "GET" && request.method !== "HEAD";
  try {
    if (mutating && crossOrigin(request)) throw new DomainError("forbidden", "Cross-site requests are refused.");
    const actor = await getActor();
    if (!actor) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
    const ctx = await resolveWorkspace({ db: await getDb(), actor }, workspaceId, atLeast);
    return await fn(ctx);
  } catch (e) {
    // Do not leave an unread upload hanging on the socket.
    if (mutating) request.body?.cancel().catch(() => {});
    return errorResponse(e);
  }
}

/** The request body as a Node stream (empty when there is none). */
export function bodyStream(request: Request): Readable {
  if (!request.body) return Readable.from([]);
  return Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
}

export function contentLength(request: Request): number | null {
  const n = Number(request.headers.get("content-length"));
  return Number.isInteger(n) && n >= 0 && request.headers.has("content-length") ? n : null;
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
