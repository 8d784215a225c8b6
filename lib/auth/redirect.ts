/**
 * Where to go after signing in: a path on this app's own origin, or the home page (which opens the
 * caller's workspace when there is one, the list of workspaces otherwise). The value is parsed as a
 * URL against the origin (so "https://evil.example", "//evil.example", "/\evil.example",
 * "javascript:…" and their encoded or dot-segment variants all resolve elsewhere and are refused).
 */
export const DEFAULT_AFTER_SIGN_IN = "/";

export function safeCallbackPath(value: unknown, origin: string = process.env.NEXTAUTH_URL ?? "http://localhost"): string {
  if (typeof value !== "string" || value.trim() === "") return DEFAULT_AFTER_SIGN_IN;
  // Browsers read "\" as "/" and drop tabs and newlines inside URLs: never guess which way they read.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== base.origin) return DEFAULT_AFTER_SIGN_IN;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" normalises to "//evil.example", which a browser reads as another host.
  if (!path.startsWith("/") || path.startsWith("//")) return DEFAULT_AFTER_SIGN_IN;
  return path;
}
