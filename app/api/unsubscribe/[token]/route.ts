import { getDb } from "@/lib/db/client";
import { unsubscribeByToken } from "@/lib/services/alerts/unsubscribe";

export const dynamic = "force-dynamic";

/**
 * Turns off e-mail of the alert kind the token names: from the unsubscribe page's button (then back
 * to the page) or as a mail client's one-click unsubscribe (RFC 8058, List-Unsubscribe-Post). No
 * sign-in: the signed token is the credential. Unknown or forged tokens: 404.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const form = await request.formData().catch(() => null);
  const done = await unsubscribeByToken(await getDb(), token);
  const headers = { "Cache-Control": "no-store", "Referrer-Policy": "same-origin" };
  if (!done) return new Response("This unsubscribe link is not valid.", { status: 404, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  if (form?.get("from") === "page") return new Response(null, { status: 303, headers: { ...headers, Location: `/unsubscribe/${encodeURIComponent(token)}?done=1` } });
  return new Response("Unsubscribed.", { status: 200, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}
