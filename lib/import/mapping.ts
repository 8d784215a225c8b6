// The column mapping: which header feeds which usage field, and how the vendor writes dates and
// numbers. Plain JSON, so a workspace can keep one per vendor and offer it on the next upload.
import { z } from "zod";
import { columnKey } from "@/lib/import/focus";

export const USAGE_FIELDS = [
  "periodStart",
  "periodEnd",
  "agent",
  "meteredUnit",
  "environment",
  "actions",
  "credits",
  "cost",
  "currency",
] as const;
export type UsageField = (typeof USAGE_FIELDS)[number];

const columnName = z.string().trim().min(1).max(500);

export const usageMappingSchema = z
  .object({
    /** Header names as written in the file (matched ignoring case and spacing). */
    columns: z
      .object({
        periodStart: columnName.optional(),
        periodEnd: columnName.optional(),
        agent: columnName.optional(),
        meteredUnit: columnName.optional(),
        environment: columnName.optional(),
        actions: columnName.optional(),
        credits: columnName.optional(),
        cost: columnName.optional(),
        currency: columnName.optional(),
      })
      .strict()
      .default({}),
    /** Currency of the cost column when the file has no currency column. */
    currency: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, "a three-letter currency code")
      .transform((c) => c.toUpperCase())
      .optional(),
    /** How dates such as 4/1/25 are read; "auto" decides from the data. */
    dateOrder: z.enum(["auto", "ymd", "mdy", "dmy"]).default("auto"),
    decimalSeparator: z.enum(["auto", ".", ","]).default("auto"),
    /** The vendor's own environment labels, e.g. { "blue": "production" } (keys match ignoring case). */
    environmentValues: z.record(z.string().trim().min(1), z.enum(["production", "nonProduction"])).default({}),
  })
  .strict();

/** A mapping as stored or sent by a client (defaults may be left out). */
export type UsageMapping = z.input<typeof usageMappingSchema>;
/** A mapping with its defaults filled in. */
export type ResolvedMapping = z.output<typeof usageMappingSchema>;

// Header spellings seen in vendor exports, compared after columnKey() squashing.
const SYNONYMS: Record<UsageField, readonly string[]> = {
  periodStart: [
    "date", "day", "usagedate", "usageday", "periodstart", "startdate", "start", "from", "fromdate", "month",
    "activitydate", "consumptiondate", "billingdate", "chargeperiodstart", "dateutc", "timestamp", "usagestart",
  ],
  periodEnd: ["periodend", "enddate", "end", "to", "todate", "chargeperiodend", "usageend"],
  agent: [
    "agent", "agentname", "agentid", "workflow", "workflowname", "bot", "botname", "copilot", "copilotname", "assistant",
    "assistantname", "agentorworkflow", "resourcename",
  ],
  meteredUnit: [
    "skill", "skillname", "action", "actiontype", "actionname", "meter", "meteredunit", "metername", "unit",
    "usagetype", "feature", "featurename", "sku", "skuname", "operation", "skumeter", "topic",
  ],
  environment: ["environment", "env", "environmenttype", "orgtype", "org", "stage", "instancetype", "tenanttype"],
  actions: [
    "actions", "actioncount", "numberofactions", "requests", "requestcount", "executions", "runs", "calls", "count",
    "quantity", "usagequantity", "events", "invocations", "consumedquantity",
  ],
  credits: [
    "credits", "flexcredits", "creditsconsumed", "creditsused", "consumedcredits", "creditconsumption", "copilotcredits",
    "creditsburned", "burn", "tokens", "messages", "billedmessages",
  ],
  cost: ["cost", "amount", "spend", "charge", "totalcost", "costusd", "billedamount", "billedcost", "effectivecost", "price", "value"],
  currency: ["currency", "currencycode", "billingcurrency"],
};

/** A first guess at the mapping from the header names alone; fields it cannot guess stay unmapped. */
export function suggestMapping(headers: readonly string[]): UsageMapping["columns"] {
  const taken = new Set<number>();
  const columns: Partial<Record<UsageField, string>> = {};
  const keys = headers.map(columnKey);
  for (const field of USAGE_FIELDS) {
    const i = keys.findIndex((k, idx) => !taken.has(idx) && SYNONYMS[field].includes(k));
    if (i >= 0) {
      taken.add(i);
      columns[field] = headers[i];
    }
  }
  // Looser: a header that merely mentions credits or a date ("Flex Credits Used", "Usage Date (UTC)").
  const loose: Array<[UsageField, RegExp]> = [
    ["credits", /credit/],
    ["periodStart", /date|day/],
    ["cost", /cost|amount|spend/],
    ["actions", /action|request|execution/],
  ];
  for (const [field, pattern] of loose) {
    if (columns[field] !== undefined) continue;
    const i = keys.findIndex((k, idx) => !taken.has(idx) && pattern.test(k));
    if (i >= 0) {
      taken.add(i);
      columns[field] = headers[i];
    }
  }
  return columns;
}
