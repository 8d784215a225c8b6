// The REST API's operations: one table that both the router (router.ts, behind
// app/api/v1/[...path]/route.ts) and the OpenAPI document (openapi.ts) are made from, so the document
// cannot list a route that does not exist nor miss one that does.
import { z } from "zod";
import { downloadResponse, renderBriefExport } from "@/lib/brief/export";
import type { BriefFormat } from "@/lib/brief/formats";
import { BRIEF_FORMATS } from "@/lib/brief/formats";
import { getBriefVersion, listBriefs } from "@/lib/services/briefs/read";
import type { WorkspaceCtx } from "@/lib/services/context";
import { getContractOrThrow } from "@/lib/services/contracts/get";
import { listContracts } from "@/lib/services/contracts/list";
import { notFound } from "@/lib/services/errors";
import { getForecast, listForecasts, type ForecastListItem, type ForecastState } from "@/lib/services/forecast/read";
import type { ForecastHeadline } from "@/lib/services/forecast/types";
import { pushBurnRows } from "@/lib/services/api/push-burn";
import {
  briefDetail,
  briefFormat,
  briefList,
  briefVersionDetail,
  burnPushInput,
  burnPushResult,
  contractDetail,
  contractList,
  forecastSummary,
  type contractSummary,
} from "./schemas";

export const API_BASE = "/api/v1";
/** Largest request body (a burn push): 10,000 rows are about 1.5 MB, 100,000 about 15 MB. */
export const API_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

export interface OperationContext {
  ctx: WorkspaceCtx;
  params: Record<string, string>;
  /** the request body, parsed with the operation's request schema */
  body: unknown;
  tokenName: string;
}

export interface Operation {
  id: string;
  method: "GET" | "POST";
  /** OpenAPI path template under API_BASE, e.g. /workspaces/{workspaceId}/contracts */
  path: string;
  scope: "read" | "write";
  summary: string;
  description?: string;
  tag: "Contracts" | "Burn" | "Briefs";
  request?: z.ZodType;
  /** the success answer: a JSON schema, or a file of these media types */
  response: { status: 200; schema: z.ZodType } | { status: 200; files: string[] };
  /** statuses besides the success and the ones every operation has (401, 404, 429) */
  errors: number[];
  handle(op: OperationContext): Promise<Response>;
}

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

type Summary = z.output<typeof contractSummary>;
type ForecastOut = z.output<typeof forecastSummary>;

function forecastOf(state: ForecastState, headline: ForecastHeadline | null): ForecastOut {
  const h = state.state === "ready" ? headline : null;
  return {
    state: state.state,
    recomputing: state.recomputing,
    computedAt: state.computedAt,
    asOf: state.asOf,
    message: state.message,
    basis: h?.basis ?? null,
    currency: h?.currency ?? null,
    cost: h?.cost ?? null,
    runOut: h?.runOut ?? null,
    demandCredits: h?.demandCredits ?? null,
  };
}

async function contractSummaries(ctx: WorkspaceCtx): Promise<Summary[]> {
  const [rows, forecasts] = await Promise.all([listContracts(ctx), listForecasts(ctx)]);
  const byId = new Map<string, ForecastListItem>(forecasts.map((f) => [f.contractId, f]));
  return rows.map((c) => {
    const f = byId.get(c.id);
    return {
      id: c.id,
      name: c.name,
      vendor: { id: c.vendorId, name: c.vendorName },
      product: c.product,
      currency: c.currency,
      termStart: c.termStart,
      termEnd: c.termEnd,
      renewalDate: c.renewalDate,
      noticeDays: c.noticeDays,
      updatedAt: c.updatedAt.toISOString(),
      forecast: f ? forecastOf(f, f.headline) : forecastOf({ state: "none", recomputing: true, computedAt: null, asOf: null, message: null, stale: false, lastError: null, chosenBasis: null }, null),
    };
  });
}

const exportsOf = (workspaceId: string, briefId: string, version: number) =>
  Object.fromEntries(BRIEF_FORMATS.map((f) => [f.format, `${API_BASE}/workspaces/${workspaceId}/briefs/${briefId}/versions/${version}/export/${f.format}`]));

function versionNumber(raw: string | undefined): number {
  if (!raw || !/^\d{1,9}$/.test(raw)) throw notFound("Brief version");
  return Number(raw);
}

export const OPERATIONS: Operation[] = [
  {
    id: "listContracts",
    method: "GET",
    path: "/workspaces/{workspaceId}/contracts",
    scope: "read",
    tag: "Contracts",
    summary: "List the workspace's contracts with their forecast of record",
    description: "Every contract with the headline of its stored forecast of record (cost of the term, run-out). Reading never runs the engine.",
    response: { status: 200, schema: contractList },
    errors: [],
    handle: async ({ ctx }) => json({ contracts: await contractSummaries(ctx) }),
  },
  {
    id: "getContract",
    method: "GET",
    path: "/workspaces/{workspaceId}/contracts/{contractId}",
    scope: "read",
    tag: "Contracts",
    summary: "One contract and its forecast of record",
    description: "forecast.recomputing is true while a newer forecast is computed (after a burn push, for example): poll until it is false to read the new figures.",
    response: { status: 200, schema: contractDetail },
    errors: [],
    handle: async ({ ctx, params }) => {
      const contract = await getContractOrThrow(ctx, params.contractId!);
      const summary = (await contractSummaries(ctx)).find((c) => c.id === contract.id);
      if (!summary) throw notFound("Contract");
      const view = await getForecast(ctx, contract.id);
      const observed = view.state === "ready" && view.result?.observed ? { quantity: view.result.observed.quantity, periods: view.result.observed.periods } : null;
      return json({ contract: summary, observed });
    },
  },
  {
    id: "pushBurn",
    method: "POST",
    path: "/workspaces/{workspaceId}/contracts/{contractId}/burn",
    scope: "write",
    tag: "Burn",
    summary: "Add observed burn rows to a contract",
    description:
      "The rows are checked exactly as an uploaded usage file is (dates, numbers, negative usage, the contract's currency) and stored all or nothing: one refused row refuses the request (400, naming rows[i].field). A row identical to one already stored (same row key) is not stored again, so sending the same request twice adds nothing the second time. Up to 100,000 rows per request (10,000 rows are about 1.5 MB; the body may be up to 32 MB). The forecast of record is computed again after a successful push.",
    request: burnPushInput,
    response: { status: 200, schema: burnPushResult },
    errors: [400, 403, 409, 413],
    handle: async ({ ctx, params, body, tokenName }) => {
      const out = await pushBurnRows(ctx, params.contractId!, body as z.output<typeof burnPushInput>, `API: ${tokenName}`);
      return json({ ...out, forecast: "requested" });
    },
  },
  {
    id: "listBriefs",
    method: "GET",
    path: "/workspaces/{workspaceId}/briefs",
    scope: "read",
    tag: "Briefs",
    summary: "List the workspace's negotiation briefs",
    response: { status: 200, schema: briefList },
    errors: [],
    handle: async ({ ctx }) => {
      const rows = await listBriefs(ctx);
      return json({ briefs: rows.map((b) => ({ ...b, updatedAt: b.updatedAt.toISOString() })) });
    },
  },
  {
    id: "getBrief",
    method: "GET",
    path: "/workspaces/{workspaceId}/briefs/{briefId}",
    scope: "read",
    tag: "Briefs",
    summary: "One brief and its versions, with their export downloads",
    response: { status: 200, schema: briefDetail },
    errors: [],
    handle: async ({ ctx, params }) => {
      const { brief, versions } = await getBriefVersion(ctx, params.briefId!);
      const summary = (await listBriefs(ctx)).find((b) => b.id === brief.id);
      if (!summary) throw notFound("Brief");
      return json({
        brief: { ...summary, updatedAt: summary.updatedAt.toISOString() },
        versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), note: v.note, burnThrough: v.burnThrough, exports: exportsOf(ctx.workspace.id, brief.id, v.version) })),
      });
    },
  },
  {
    id: "getBriefVersion",
    method: "GET",
    path: "/workspaces/{workspaceId}/briefs/{briefId}/versions/{version}",
    scope: "read",
    tag: "Briefs",
    summary: "One version of a brief with its stored content",
    response: { status: 200, schema: briefVersionDetail },
    errors: [],
    handle: async ({ ctx, params }) => {
      const { brief, version: v } = await getBriefVersion(ctx, params.briefId!, versionNumber(params.version));
      return json({
        briefId: brief.id,
        version: { version: v.version, createdAt: v.createdAt.toISOString(), note: v.note, burnThrough: v.burnThrough, exports: exportsOf(ctx.workspace.id, brief.id, v.version) },
        content: v.content,
      });
    },
  },
  {
    id: "exportBriefVersion",
    method: "GET",
    path: "/workspaces/{workspaceId}/briefs/{briefId}/versions/{version}/export/{format}",
    scope: "read",
    tag: "Briefs",
    summary: "Download a brief version as PDF (Letter or A4), PowerPoint, Excel or Markdown",
    response: {
      status: 200,
      files: ["application/pdf", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/markdown"],
    },
    errors: [],
    handle: async ({ ctx, params }) => {
      const format = briefFormat.safeParse(params.format);
      if (!format.success) throw notFound("Export format");
      const { version: v } = await getBriefVersion(ctx, params.briefId!, versionNumber(params.version));
      return downloadResponse(await renderBriefExport(v.content, format.data as BriefFormat));
    },
  },
];

/** Path parameters' schemas for the document (format: an enum; the rest: ids). */
export const PATH_PARAMS: Record<string, z.ZodType> = {
  workspaceId: z.uuid(),
  contractId: z.uuid(),
  briefId: z.uuid(),
  version: z.number().int().min(1),
  format: briefFormat,
};
