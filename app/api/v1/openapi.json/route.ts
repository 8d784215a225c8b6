import { openApiDocument } from "@/lib/api/v1/openapi";

export const dynamic = "force-dynamic";

/** The API's OpenAPI 3.1 document, generated from its zod schemas; public (it holds no data). */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
