import { getDb } from "@/lib/db/client";
import { calendarFeedResponse } from "@/lib/services/calendar/http";

export const dynamic = "force-dynamic";

/** The workspace's renewal calendar (iCalendar) for a calendar client holding the secret URL; 404 otherwise. */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const origin = process.env.NEXTAUTH_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
  return calendarFeedResponse(await getDb(), file, origin);
}
