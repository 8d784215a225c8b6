// The REST API (/api/v1/…): every operation of lib/api/v1/operations.ts, served by its router
// (token, rate limit, workspace, scope, body, then the operation). The OpenAPI document is generated
// from the same table: /api/v1/openapi.json.
import { serveApi } from "@/lib/api/v1/router";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const handle = async (request: Request) => serveApi(await getDb(), request);

export { handle as GET, handle as HEAD, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
