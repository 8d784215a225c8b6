// The REST API's request and response bodies as zod schemas: requests are parsed with them, and the
// OpenAPI document (openapi.ts) is generated from them with zod's own z.toJSONSchema.
import { z } from "zod";
import { BRIEF_FORMATS } from "@/lib/brief/formats";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD").meta({ format: "date" });
const instant = z.string().meta({ format: "date-time" });
const money = z.string().regex(/^-?\d+(\.\d+)?$/).meta({ description: "an exact decimal, as a string" });

export const errorBody = z
  .object({
    error: z.string().meta({ description: "what is wrong, in a sentence" }),
    code: z.enum(["unauthenticated", "forbidden", "not_found", "invalid", "conflict", "too_large", "rate_limited", "method_not_allowed", "internal"]),
    field: z.string().optional().meta({ description: "the first field at fault, e.g. rows[12].credits" }),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ id: "Error" });

export const forecastSummary = z
  .object({
    state: z.enum(["ready", "unavailable", "none"]).meta({ description: "none: never computed yet; unavailable: the contract's data does not allow one (see message)" }),
    recomputing: z.boolean().meta({ description: "a newer forecast is being computed (after a burn write, for example); the figures are the last stored" }),
    computedAt: instant.nullable(),
    asOf: isoDate.nullable(),
    message: z.string().nullable(),
    basis: z.enum(["drivers", "observedTrend", "observedThenDrivers"]).nullable(),
    currency: z.string().nullable(),
    cost: z
      .object({ consumption: money.nullable(), fixed: money, total: money.nullable() })
      .nullable()
      .meta({ description: "forecast cost of the term: consumption, fixed lines, and both" }),
    runOut: z
      .object({ date: isoDate, remedy: z.enum(["pause", "autoPack", "overage", "trueUp"]), remedyCost: money.nullable(), unservedCredits: money })
      .nullable()
      .meta({ description: "the first day the balance cannot serve demand, or null" }),
    demandCredits: money.nullable(),
  })
  .meta({ id: "ForecastOfRecord" });

export const contractSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    vendor: z.object({ id: z.uuid(), name: z.string() }),
    product: z.string(),
    currency: z.string(),
    termStart: isoDate,
    termEnd: isoDate,
    renewalDate: isoDate.nullable(),
    noticeDays: z.number().int().nullable(),
    updatedAt: instant,
    forecast: forecastSummary,
  })
  .meta({ id: "Contract" });

export const contractList = z.object({ contracts: z.array(contractSummary) }).meta({ id: "ContractList" });

export const contractDetail = z
  .object({
    contract: contractSummary,
    observed: z
      .object({ quantity: z.enum(["credits", "amount"]), periods: z.array(z.object({ label: z.string(), start: isoDate, value: money })) })
      .nullable()
      .meta({ description: "the observed burn per period the forecast rests on" }),
  })
  .meta({ id: "ContractDetail" });

const decimalIn = z
  .union([z.string().max(40), z.number()])
  .nullable()
  .optional()
  .meta({ description: "a decimal as a JSON number or a string (\"1250.5\"); null or absent when not known" });
const shortText = z.string().max(200).nullable().optional();

export const burnRowInput = z
  .object({
    periodStart: z.string().max(40).meta({ description: "the usage period's first day, YYYY-MM-DD", format: "date" }),
    periodEnd: z.string().max(40).nullable().optional().meta({ description: "its last day, when the row covers more than a day; a row spanning several months is spread over them by days" }),
    agent: shortText,
    unit: shortText.meta({ description: "the metered unit (skill, action type)" }),
    environment: z.enum(["production", "nonProduction"]).nullable().optional(),
    actions: decimalIn,
    credits: decimalIn,
    cost: decimalIn,
    currency: z.string().max(3).nullable().optional().meta({ description: "three letters; must be the contract's currency" }),
  })
  .strict()
  .meta({ id: "BurnRow" });

export const BURN_MAX_ROWS = 100_000;

export const burnPushInput = z
  .object({ rows: z.array(burnRowInput).min(1, "Send at least one row.").max(BURN_MAX_ROWS, `Send at most ${BURN_MAX_ROWS.toLocaleString("en-US")} rows per request.`) })
  .strict()
  .meta({ id: "BurnPush" });

export const burnPushResult = z
  .object({
    importId: z.uuid(),
    rows: z.number().int().meta({ description: "rows in the request" }),
    inserted: z.number().int().meta({ description: "rows stored by this request" }),
    alreadyStored: z.number().int().meta({ description: "rows identical to ones stored before (by row key): not added again" }),
    forecast: z.literal("requested").meta({ description: "the forecast of record is being computed again (read the contract to see it move)" }),
  })
  .meta({ id: "BurnPushResult" });

export const briefFormat = z.enum(BRIEF_FORMATS.map((f) => f.format) as [string, ...string[]]).meta({ id: "BriefFormat" });

export const briefSummary = z
  .object({
    id: z.uuid(),
    title: z.string(),
    contractId: z.uuid(),
    contractName: z.string(),
    vendorName: z.string(),
    latestVersion: z.number().int(),
    updatedAt: instant,
  })
  .meta({ id: "Brief" });

export const briefList = z.object({ briefs: z.array(briefSummary) }).meta({ id: "BriefList" });

export const briefVersionSummary = z
  .object({
    version: z.number().int(),
    createdAt: instant,
    note: z.string().nullable(),
    burnThrough: isoDate.nullable(),
    exports: z.record(z.string(), z.string()).meta({ description: "download path of each format (pdf-letter, pdf-a4, pptx, xlsx, md)" }),
  })
  .meta({ id: "BriefVersionSummary" });

export const briefDetail = z.object({ brief: briefSummary, versions: z.array(briefVersionSummary) }).meta({ id: "BriefDetail" });

export const briefVersionDetail = z
  .object({
    briefId: z.uuid(),
    version: briefVersionSummary,
    content: z.record(z.string(), z.unknown()).meta({ description: "the brief's composed content as stored with the version (see docs/briefs.md)" }),
  })
  .meta({ id: "BriefVersion" });
