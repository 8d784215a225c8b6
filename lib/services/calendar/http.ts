// The feed's HTTP answer, apart from the route so integration tests can call it on their database.
import type { Db } from "@/lib/db/client";
import { calendarForToken } from "./feed";
import { renderCalendar } from "./events";

const NOT_FOUND = "This calendar link was revoked or does not exist.";

/** `file` is the last path segment: the token, optionally followed by ".ics". */
export async function calendarFeedResponse(db: Db, file: string, origin: string, now = new Date()): Promise<Response> {
  const token = file.endsWith(".ics") ? file.slice(0, -4) : file;
  const feed = await calendarForToken(db, token, now);
  // One answer for unknown, malformed and revoked tokens: a guess learns nothing.
  if (!feed) return new Response(NOT_FOUND, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const body = renderCalendar(`${feed.workspaceName}: renewals`, feed.events, {
    stamp: now,
    contractUrl: (id) => `${origin}/w/${feed.workspaceId}/contracts/${id}`,
  });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="renewals.ics"',
      // The URL is the credential: keep it out of shared caches.
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
