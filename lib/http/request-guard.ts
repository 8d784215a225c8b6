// Checks made on a request before any app code reads it: where it comes from and how large its body
// is. proxy.ts applies them to pages, server actions and the route handlers it sees; the workspace
// route handlers under /api/w/ (which the proxy leaves out, see its matcher) apply them through
// app/api/w/_lib/route-kit.ts. Without them Next itself refuses a cross-site server action or an
// oversized one with a 500, and executes an action that carries no Origin at all.

/**
 * Largest server action body, in bytes. next.config.js sets experimental.serverActions.bodySizeLimit
 * to the same figure (tests/unit/request-guard.test.ts checks that they agree): the proxy answers
 * 413 before Next's own check, which would answer 500.
 */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * What Next buffers of a request body for the proxy (experimental.proxyClientMaxBodySize, 10 MB by
 * default): a longer body sent to a path the proxy matches would reach the handler cut short, so it
 * is refused whole instead.
 */
export const PROXY_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** Methods that may change state; GET, HEAD and OPTIONS never do here. */
export function isStateChanging(method: string): boolean {
  return method !== "GET" && method !== "HEAD" && method !== "OPTIONS";
}

function firstValue(h: string | null): string | null {
  const v = h?.split(",")[0]?.trim();
  return v ? v : null;
}

/**
 * Why a state-changing request is refused as cross-site, or null when it is same-origin. A browser
 * sends Origin with every cross-origin POST and Sec-Fetch-Site with every request, so a request
 * that says `Sec-Fetch-Site: cross-site` (or same-site: another subdomain is another party) is
 * refused even without an Origin; the Origin's host must be the host the request was sent to
 * (x-forwarded-host first, as Next compares it for server actions). A request with neither header
 * does not come from a browser page of another site: a script holding the cookie is its owner.
 */
export function crossSiteReason(headers: Headers): string | null {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site is ${site}`;
  const origin = headers.get("origin");
  if (origin === null) return null;
  if (origin === "null") return "the Origin is opaque (null)";
  const host = firstValue(headers.get("x-forwarded-host")) ?? firstValue(headers.get("host"));
  if (!host) return "the request names no host to compare the Origin with";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "the Origin is not a URL";
  }
  return originHost.toLowerCase() === host.toLowerCase() ? null : `the Origin ${originHost} is not ${host}`;
}

/** The declared body length, or null when the body is sent chunked (or there is none). */
export function declaredLength(headers: Headers): number | null {
  const raw = headers.get("content-length");
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

/** "1 MB", "64 MB", "1 GB": limits as people read them (binary units, as Next's own limit is). */
export function formatBytes(n: number): string {
  const units = ["bytes", "KB", "MB", "GB"] as const;
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1 && v % 1024 === 0) {
    v /= 1024;
    i++;
  }
  return `${v} ${units[i]}`;
}

export function tooLargeMessage(limitBytes: number): string {
  return `The request is larger than ${formatBytes(limitBytes)}, the most this accepts; nothing was saved.`;
}

/** A body that went over its limit while it was being read (a chunked upload declares no length). */
export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(tooLargeMessage(limitBytes));
    this.name = "BodyTooLarge";
  }
}

/**
 * Reads a web stream to its end or until more than `limitBytes` have come, whichever is first;
 * true when the limit was passed. Used by the proxy on its copy of a chunked server action body.
 */
export async function exceedsLimit(body: ReadableStream<Uint8Array>, limitBytes: number): Promise<boolean> {
  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      total += value.byteLength;
      if (total > limitBytes) return true;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
