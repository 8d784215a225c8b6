// The column mapping: which header feeds which usage field, and how the vendor writes dates and
// numbers. Plain JSON, so a workspace can keep one per vendor and offer it on the next upload.
import { z } from "zod";
import { text } from "@/lib/engine/model/text";
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
  "category",
  "description",
] as const;
export type UsageField = (typeof USAGE_FIELDS)[number];

// Kept as JSON with the vendor (jsonb, which cannot hold NUL): no control characters.
const columnName = text().trim().min(1).max(500);

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
        /** a charge category column (Usage, Purchase, Credit, Adjustment, Tax): only Usage is consumption */
        category: columnName.optional(),
        /** a description or SKU column the preview groups rows by */
        description: columnName.optional(),
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
    environmentValues: z.record(text().trim().min(1), z.enum(["production", "nonProduction"])).default({}),
    /**
     * Groups of rows left out of the consumption, by key ("usage:Monthly unused fee"): they are kept
     * and shown apart, like purchases and credits.
     */
    excludeGroups: z.array(text().trim().min(1).max(600)).max(500).default([]),
  })
  .strict();

/** A mapping as stored or sent by a client (defaults may be left out). */
export type UsageMapping = z.input<typeof usageMappingSchema>;
/** A mapping with its defaults filled in. */
export type ResolvedMapping = z.output<typeof usageMappingSchema>;

// Header spellings seen in vendor exports, compared after columnKey() squashing, best first: a
// header matching an earlier spelling wins over one matching a later spelling, whatever their
// order in the file (EffectiveCost over BilledCost, a usage date over a plain "date").
const SYNONYMS: Record<UsageField, readonly string[]> = {
  periodStart: [
    "usagedate", "usageday", "utilizationdate", "consumptiondate", "activitydate", "chargeperiodstart", "periodstart",
    "usagestart", "starttimeiso", "starttime", "startdate", "date", "day", "dateutc", "start", "from", "fromdate", "month",
    "billingdate", "eventdate", "eventtime", "timestamp",
  ],
  periodEnd: ["chargeperiodend", "periodend", "usageend", "endtimeiso", "endtime", "enddate", "end", "to", "todate"],
  agent: [
    "agent", "agentname", "agentid", "botname", "bot", "copilotname", "copilot", "assistantname", "assistant", "workflowname",
    "workflow", "agentorworkflow", "resourcename", "resourceidorapiname",
  ],
  meteredUnit: [
    "skill", "skillname", "meteredunit", "meter", "metername", "actiontype", "actionname", "action", "usagetype",
    "usagetypedevelopername", "feature", "featurename", "billablefeature", "skumeter", "sku", "skuname", "operation", "topic", "unit",
  ],
  environment: ["environment", "env", "environmenttype", "environmentname", "orgtype", "org", "stage", "instancetype", "tenanttype", "businessenvtype"],
  actions: [
    "actions", "actioncount", "numberofactions", "requests", "requestcount", "executions", "runs", "calls", "invocations", "events",
    "count", "consumedquantity", "usagequantity", "quantity",
  ],
  credits: [
    "credits", "flexcredits", "creditsconsumed", "creditsused", "consumedcredits", "creditconsumption", "copilotcredits",
    "billedcredit", "billedcredits", "creditsburned", "unitsconsumed", "burn", "billedmessages", "messages",
  ],
  cost: [
    "effectivecost", "cost", "totalcost", "costusd", "amount", "amountvalue", "spend", "charge", "billedamount", "billedcost", "price", "value",
  ],
  currency: ["billingcurrency", "currency", "currencycode", "amountcurrency"],
  category: ["chargecategory", "chargetype", "category", "lineitemtype", "recordtype"],
  description: ["chargedescription", "description", "lineitem", "lineitemdescription", "productname", "skudescription"],
};

/** What a column's sampled cells look like, when the caller has them (the preview does). */
export interface ColumnHint {
  kind: "date" | "number" | "text" | "empty" | "boolean";
  /** What most of the cells look like (a date column with one bad date is mostly dates). */
  mostly?: ColumnHint["kind"];
}

// A header naming a flag ("IsAzureCreditEligible", "Has credits") or a bookkeeping time ("last
// updated", "created") is never the measure or the usage date, whatever else it mentions.
const FLAG_HEADER = /^(is|has|can|should|allow)[a-z]|eligible|enabled|flag/;
const BOOKKEEPING_DATE = /updated|modified|created|exported|export|ingested|loaded|processed|lastseen|invoicedate|duedate/;
const MEASURES: ReadonlySet<UsageField> = new Set(["actions", "credits", "cost"]);
const UNIT_COLUMNS: ReadonlySet<string> = new Set(["unitofmeasure", "unit", "consumedunit", "usageunit", "pricingunit", "uom"]);
const QUANTITY_WORDS: ReadonlySet<string> = new Set(["quantity", "usagequantity", "consumedquantity", "count"]);

function acceptable(field: UsageField, key: string, column: ColumnHint | undefined): boolean {
  const hint = column && { kind: column.mostly ?? column.kind };
  if (MEASURES.has(field)) {
    if (FLAG_HEADER.test(key)) return false;
    if (hint && hint.kind !== "number" && hint.kind !== "empty") return false;
  }
  if (field === "periodStart" || field === "periodEnd") {
    if (BOOKKEEPING_DATE.test(key)) return false;
    if (hint && hint.kind !== "date" && hint.kind !== "empty" && hint.kind !== "number") return false;
  }
  return true;
}

/**
 * A first guess at the mapping from the header names (and, when given, what the sampled cells look
 * like); fields it cannot guess stay unmapped.
 */
export function suggestMapping(headers: readonly string[], hints?: ReadonlyArray<ColumnHint | undefined>): UsageMapping["columns"] {
  const taken = new Set<number>();
  const columns: Partial<Record<UsageField, string>> = {};
  const keys = headers.map(columnKey);
  // A quantity beside a unit-of-measure column is hours, tokens or GB as often as actions: not guessed as actions.
  const hasUnitColumn = keys.some((k) => UNIT_COLUMNS.has(k));
  for (const field of USAGE_FIELDS) {
    for (const synonym of SYNONYMS[field]) {
      if (field === "actions" && hasUnitColumn && QUANTITY_WORDS.has(synonym)) continue;
      const i = keys.findIndex((k, idx) => !taken.has(idx) && k === synonym && acceptable(field, k, hints?.[idx]));
      if (i >= 0) {
        taken.add(i);
        columns[field] = headers[i];
        break;
      }
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
    const i = keys.findIndex((k, idx) => !taken.has(idx) && pattern.test(k) && acceptable(field, k, hints?.[idx]));
    if (i >= 0) {
      taken.add(i);
      columns[field] = headers[i];
    }
  }
  return columns;
}
