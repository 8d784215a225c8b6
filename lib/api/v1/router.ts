// Serves /api/v1/…: match the operation, then, in this order, the token (401), the rate limit (429),
// the workspace (another workspace's id, or one that does not exist: 404), the scope (403), the body
// (413 over the limit, 400 when it is not the documented JSON), and the operation itself, whose
// domain errors map once to their statuses. Bearer tokens are not sent by browsers on their own, so
// no Origin check is needed here (no cookie is read).
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { formatBytes } from "@/lib/http/request-guard";
import { authenticateApiToken, recordDenial } from "@/lib/services/api/tokens";
import { countRequest } from "@/lib/services/api/rate-limit";
import { DomainError, type DomainErrorCode } from "@/lib/services/errors";
import { API_BASE, API_BODY_LIMIT_BYTES, OPERATIONS, type Operation } from "./operations";

const STATUS: Record<DomainErrorCode, number> = { unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, invalid: 400, rate_limited: 429 };

type Headers = Record<string, string>;

function error(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Headers = {}): Response {
  return Response.json({ error: message, code, ...extra }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

const UNAUTHENTICATED: Record<string, string> = {
  missing: "Send an API token: Authorization: Bearer <token>.",
  malformed: "The Authorization header is not a workbench API token (Bearer wbk_…).",
  unknown: "This API token is not valid.",
  expired: "This API token has expired; an owner of the workspace can create a new one.",
  revoked: "This API token was revoked.",
  creator_not_member: "The person who created this API token is no longer a member of the workspace; the token no longer works.",
};

interface Match {
  op: Operation | null;
  allowed: string[];
  params: Record<string, string>;
}

const compiled = OPERATIONS.map((op) => {
  const names: string[] = [];
  const pattern = new RegExp(`^${API_BASE}${op.path.replace(/\{(\w+)\}/g, (_m, n: string) => (names.push(n), "([^/]+)"))}$`);
  return { op, pattern, names };
});

function match(method: string, pathname: string): Match | null {
  let found: Match | null = null;
  for (const c of compiled) {
    const m = c.pattern.exec(pathname);
    if (!m) continue;
    let params: Record<string, string>;
    try {
      params = Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    } catch {
      return null; // a malformed escape (%zz) names nothing
    }
    found ??= { op: null, allowed: [], params };
    found.allowed.push(c.op.method);
    if (c.op.method === method || (method === "HEAD" && c.op.method === "GET")) return { op: c.op, allowed: found.allowed, params };
  }
  return found;
}

/** The body as text, refusing past the limit (declared or counted). */
async function readBody(request: Request, limit: number): Promise<string | "too_large"> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    request.body?.cancel().catch(() => {});
    return "too_large";
  }
  if (!request.body) return "";
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>)) {
    total += (chunk as Buffer).length;
    if (total > limit) return "too_large";
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** "rows[3].credits" from zod's path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "body";
}

function invalidBody(e: z.ZodError): Response {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of e.issues.slice(0, 100)) {
    const message = issue.code === "invalid_type" && issue.input === undefined ? "required field is missing" : issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message;
    (fieldErrors[fieldPath(issue.path)] ??= []).push(message);
  }
  const [field, messages] = Object.entries(fieldErrors)[0]!;
  return error(400, "invalid", `${field}: ${messages[0]}. Nothing was stored.`, { field, fieldErrors });
}

export interface ServeOptions {
  now?: Date;
  rateLimit?: number;
}

export async function serveApi(db: Db, request: Request, options: ServeOptions = {}): Promise<Response> {
  const url = new URL(request.url);
  const found = match(request.method, url.pathname);
  if (!found) return error(404, "not_found", "There is no such API route; see /api/v1/openapi.json.");
  if (!found.op) return error(405, "method_not_allowed", `Use ${found.allowed.join(" or ")} here.`, {}, { Allow: found.allowed.join(", ") });
  const op = found.op;
  const now = options.now ?? new Date();

  const auth = await authenticateApiToken(db, request.headers.get("authorization"), now);
  if (!auth.ok) return error(401, "unauthenticated", UNAUTHENTICATED[auth.reason]!, {}, { "WWW-Authenticate": `Bearer realm="workbench"${auth.reason === "missing" ? "" : ', error="invalid_token"'}` });
  const token = auth.token;
  const who = { workspaceId: token.workspaceId, tokenId: token.tokenId, tokenName: token.tokenName, actorId: token.ctx.actor.id };

  const rate = await countRequest(db, token.tokenId, { now, limit: options.rateLimit });
  const rateHeaders: Headers = { "RateLimit-Limit": String(rate.limit), "RateLimit-Remaining": String(rate.remaining), "RateLimit-Reset": String(rate.retryAfterSeconds) };
  const withRate = (res: Response) => {
    for (const [k, v] of Object.entries(rateHeaders)) res.headers.set(k, v);
    return res;
  };
  if (!rate.allowed) {
    if (rate.firstRefusal) await recordDenial(db, who, "rate_limited", { limit: rate.limit, path: url.pathname });
    return error(429, "rate_limited", `This token made more than ${rate.limit} requests this minute; try again in ${rate.retryAfterSeconds} s.`, {}, { ...rateHeaders, "Retry-After": String(rate.retryAfterSeconds) });
  }

  if (found.params.workspaceId !== token.workspaceId) {
    await recordDenial(db, who, "other_workspace", { method: request.method, path: url.pathname });
    return withRate(error(404, "not_found", "Workspace was not found."));
  }
  const ctx = token.ctx;
  if (op.scope === "write" && (token.scope !== "write" || ctx.role === "viewer")) {
    await recordDenial(db, who, "scope", { method: request.method, path: url.pathname, scope: token.scope, role: ctx.role });
    return withRate(
      error(403, "forbidden", token.scope !== "write" ? "This token is read-only: writing needs a token with the write scope." : "The token's creator is a viewer of this workspace now, so the token cannot write."),
    );
  }

  try {
    let body: unknown = undefined;
    if (op.request) {
      const raw = await readBody(request, API_BODY_LIMIT_BYTES);
      if (raw === "too_large") return withRate(error(413, "too_large", `The request is larger than ${formatBytes(API_BODY_LIMIT_BYTES)}, the most this accepts; nothing was stored.`));
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return withRate(error(400, "invalid", "The body is not JSON. Send Content-Type: application/json and a JSON object.", { field: "body" }));
      }
      const checked = op.request.safeParse(parsed);
      if (!checked.success) return withRate(invalidBody(checked.error));
      body = checked.data;
    }
    const res = await op.handle({ ctx, params: found.params, body, tokenName: token.tokenName });
    return withRate(request.method === "HEAD" ? new Response(null, { status: res.status, headers: res.headers }) : res);
  } catch (e) {
    if (e instanceof DomainError) {
      const field = e.fieldErrors ? Object.keys(e.fieldErrors)[0] : undefined;
      // Another import into the contract is running: it usually ends within seconds.
      const retry: Headers = e.code === "conflict" ? { "Retry-After": "5" } : {};
      return withRate(error(STATUS[e.code], e.code, e.message, { ...(field ? { field } : {}), ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) }, retry));
    }
    if (e instanceof z.ZodError) return withRate(invalidBody(e));
    console.error("unexpected error in the API", e);
    return withRate(error(500, "internal", "Something went wrong on our side; nothing was stored. Try again."));
  }
}
