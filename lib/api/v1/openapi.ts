// The OpenAPI 3.1 document of /api/v1, generated from the operations table and the zod schemas
// (z.toJSONSchema, JSON Schema 2020-12, which is OpenAPI 3.1's schema dialect). Schemas carrying a
// meta id become components and are referenced from the operations.
import { z } from "zod";
import { API_BASE, OPERATIONS, PATH_PARAMS } from "./operations";
import * as schemas from "./schemas";

type JsonSchema = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: "The body is not the documented JSON, or a row was refused (the error names the field, e.g. rows[12].credits); nothing was stored.",
  401: "No token, or a token that is unknown, expired or revoked.",
  403: "A read-only token tried to write.",
  404: "No such workspace (another workspace's id included), contract, brief or version.",
  409: "Another import into this contract is running; try again when it has finished (Retry-After: 5).",
  413: "The body is larger than 32 MB.",
  429: "More requests this minute than the token may make (600 by default); see Retry-After.",
};

let cached: JsonSchema | null = null;

export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  // Every exported schema with an id goes into one registry, so they reference each other by $ref.
  const registry = z.registry<{ id?: string }>();
  for (const s of Object.values(schemas)) {
    if (s instanceof z.ZodType) {
      const meta = z.globalRegistry.get(s) as { id?: string } | undefined;
      if (meta?.id) registry.add(s, { ...meta, id: meta.id });
    }
  }
  const uri = (id: string) => `#/components/schemas/${id}`;
  const out = z.toJSONSchema(registry, { target: "draft-2020-12", uri, io: "output", unrepresentable: "any" }) as { schemas: Record<string, JsonSchema> };
  const input = z.toJSONSchema(registry, { target: "draft-2020-12", uri, io: "input", unrepresentable: "any" }) as { schemas: Record<string, JsonSchema> };
  const components: Record<string, JsonSchema> = {};
  const strip = (s: JsonSchema) => {
    const rest = { ...s };
    for (const k of ["$schema", "$id", "id"]) delete rest[k];
    return rest;
  };
  for (const [id, s] of Object.entries(out.schemas)) components[id] = strip(s);
  // Request bodies are documented as they are sent (zod's input side).
  for (const id of ["BurnPush", "BurnRow"]) if (input.schemas[id]) components[id] = strip(input.schemas[id]);
  const ref = (s: z.ZodType) => {
    const id = (z.globalRegistry.get(s) as { id?: string } | undefined)?.id;
    if (!id) throw new Error("an operation's schema has no id");
    return { $ref: uri(id) };
  };
  const paramSchema = (s: z.ZodType) => ((z.globalRegistry.get(s) as { id?: string } | undefined)?.id ? ref(s) : strip(z.toJSONSchema(s, { target: "draft-2020-12" }) as JsonSchema));
  const errorResponse = (status: number) => ({ description: STATUS_TEXT[status] ?? "Error", content: { "application/json": { schema: { $ref: uri("Error") } } } });

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const responses: Record<string, unknown> = {
      "200":
        "schema" in op.response
          ? { description: "OK", content: { "application/json": { schema: ref(op.response.schema) } } }
          : { description: "The file, as an attachment (Content-Disposition names it)", content: Object.fromEntries(op.response.files.map((t) => [t, { schema: { type: "string", contentMediaType: t } }])) },
    };
    for (const status of [...op.errors, 401, 404, 429].sort()) responses[String(status)] = errorResponse(status);
    (paths[`${API_BASE}${op.path}`] ??= {})[op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      security: [{ bearerToken: [] }],
      "x-scope": op.scope,
      parameters: names.map((n) => ({ name: n, in: "path", required: true, schema: paramSchema(PATH_PARAMS[n]!) })),
      ...(op.request ? { requestBody: { required: true, content: { "application/json": { schema: ref(op.request) } } } } : {}),
      responses,
    };
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Renewal Workbench API",
      version: "1.0.0",
      description:
        "Contracts and their forecast of record, observed burn, and negotiation briefs of one workspace. Authenticate with a workspace API token (created by an owner under the workspace's API page): `Authorization: Bearer wbk_…`. A read token reads; a write token also pushes burn. Each token may make 600 requests a minute (fixed window; 429 with Retry-After past it).",
    },
    servers: [{ url: "/" }],
    tags: [{ name: "Contracts" }, { name: "Burn" }, { name: "Briefs" }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer", description: "A workspace API token (wbk_…), shown once when an owner creates it." } },
    },
  };
  return cached;
}
