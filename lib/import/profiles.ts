// Vendors' own consumption exports, recognised by their header and read without a mapping. The
// column names come from vendor documentation and community tools; docs/import.md says which are
// confirmed by a vendor page and which are not.
import type { UsageField } from "@/lib/import/mapping";

/** Header → comparison key: case, spacing, punctuation and Salesforce's "__c" suffix ignored. */
export function vendorKey(header: string): string {
  return header.trim().replace(/__c$/i, "").toLowerCase().replace(/[^a-z0-9]+/g, "");
}

export interface ProfileColumns {
  fields: Partial<Record<UsageField, string>>;
  /** credits as the sum of these columns (Copilot Studio: prepaid + pay-as-you-go) */
  creditsSum?: string[];
  /** a metered quantity and the column naming its unit */
  quantity?: string;
  quantityUnit?: string;
  /** a fixed unit for `quantity` when no column names it */
  quantityUnitFixed?: string;
  /** columns holding Unix seconds rather than dates */
  unixDates?: string[];
  /** a blank measure is a zero (an API's daily cost export leaves days without spend blank) */
  blankIsZero?: boolean;
  /** environment labels that are free text (environment names): unknown ones are "not given", not an error */
  lenientEnvironment?: boolean;
  /** other columns kept with each row: key → header */
  keep?: Record<string, string>;
}

export interface VendorProfile {
  id: string;
  name: string;
  /** every one of these keys (vendorKey) must be in the header */
  requires: readonly string[];
  /** the columns to read, or a sentence saying why this header cannot be read */
  columns(find: (...keys: string[]) => string | undefined): ProfileColumns | string;
}

const DATE_KEYS = ["usagedate", "date", "day", "reportdate", "activitydate", "period", "month"];

export const VENDOR_PROFILES: readonly VendorProfile[] = [
  {
    id: "salesforce-wallet-daily",
    name: "Salesforce Digital Wallet daily consumption (TenantDailyEntitlementConsumption)",
    requires: ["carddefinitiondevelopername", "unitsconsumed"],
    columns(find) {
      const date = find("utilizationdate", "usagedate", "consumptiondate", "date");
      if (!date) return "it has no utilization date column (UtilizationDate__c)";
      return {
        fields: {
          periodStart: date,
          meteredUnit: find("carddefinitiondevelopername"),
          credits: find("unitsconsumed"),
          environment: find("businessenvtype", "environmenttype", "environment"),
        },
        quantity: find("usageconsumed"),
        quantityUnit: find("unit"),
        lenientEnvironment: true,
        keep: Object.fromEntries(
          (["multiplier", "multipliertier", "usageaggregationtype", "usagetype"] as const).flatMap((k) => {
            const h = find(k);
            return h ? [[k, h]] : [];
          }),
        ),
      };
    },
  },
  {
    id: "salesforce-wallet-events",
    name: "Salesforce Digital Wallet usage events (TenantEnrichedUsageEvent)",
    requires: ["featuredevelopername", "unitsconsumed"],
    columns(find) {
      const date = find("eventtime", "eventdate", "usagedate", "timestamp", "date");
      if (!date) return "it has no event time column (EventTime__c)";
      return {
        fields: {
          periodStart: date,
          agent: find("resourceidorapiname", "resourcename"),
          meteredUnit: find("usagetypedevelopername", "featuredevelopername"),
          credits: find("unitsconsumed"),
          environment: find("businessenvtype", "environmenttype", "environment", "orgtype"),
        },
        quantity: find("usagevalue", "usageconsumed"),
        quantityUnit: find("unit", "usageunit"),
        lenientEnvironment: true,
        keep: Object.fromEntries(
          (["featuredevelopername", "resourcetype", "entitlementorgid", "correlationidentifier"] as const).flatMap((k) => {
            const h = find(k);
            return h ? [[k, h]] : [];
          }),
        ),
      };
    },
  },
  {
    id: "copilot-studio-tenant-daily",
    name: "Microsoft Copilot Studio capacity consumption by environment (daily download)",
    requires: ["prepaidconsumedquantity", "payasyougoconsumedquantity"],
    columns(find) {
      const date = find("usagedate", ...DATE_KEYS);
      if (!date) return "it has no Usage Date column";
      const sum = [find("prepaidconsumedquantity"), find("payasyougoconsumedquantity")].filter((h): h is string => h !== undefined);
      const keep: Record<string, string> = {};
      for (const [k, key] of [["environmentName", "environmentname"], ["entitledQuantity", "entitledquantity"], ["prepaidConsumed", "prepaidconsumedquantity"], ["payAsYouGoConsumed", "payasyougoconsumedquantity"]] as const) {
        const h = find(key);
        if (h) keep[k] = h;
      }
      return {
        fields: { periodStart: date, meteredUnit: find("capacitytype", "metertype"), environment: find("environmenttype", "environmentname") },
        creditsSum: sum,
        lenientEnvironment: true,
        keep,
      };
    },
  },
  {
    id: "copilot-studio-agents",
    name: "Microsoft Copilot Studio credits by agent (download)",
    requires: ["agentname", "billedcredit"],
    columns(find) {
      const date = find(...DATE_KEYS);
      if (!date) {
        return "this per-agent download has no date column: it covers the period chosen in the admin center. Add a Usage Date column with that period's first day, or map the columns yourself";
      }
      const keep: Record<string, string> = {};
      for (const [k, key] of [["nonBilledCredits", "nonbilledcredit"], ["channel", "channel"], ["environmentName", "environmentname"]] as const) {
        const h = find(key);
        if (h) keep[k] = h;
      }
      return {
        fields: {
          periodStart: date,
          agent: find("agentname"),
          meteredUnit: find("aifeaturebillablefeature", "billablefeature", "aifeature", "feature"),
          credits: find("billedcredit"),
          environment: find("environmenttype", "environmentname"),
        },
        lenientEnvironment: true,
        keep,
      };
    },
  },
  {
    id: "servicenow-now-assist",
    name: "ServiceNow Now Assist skill usage",
    requires: ["numberofactions", "totalassists"],
    columns(find) {
      const date = find(...DATE_KEYS, "periodstart", "startdate");
      if (!date) return "it has no date or month column";
      const keep: Record<string, string> = {};
      const ratio = find("assistratio");
      if (ratio) keep.assistRatio = ratio;
      return {
        fields: {
          periodStart: date,
          meteredUnit: find("skill", "skillname", "nowassistskill", "genaiskill", "capability"),
          agent: find("agent", "agentname", "workflow"),
          environment: find("environment", "instance", "instancetype"),
          actions: find("numberofactions"),
          credits: find("totalassists"),
        },
        lenientEnvironment: true,
        keep,
      };
    },
  },
  {
    id: "ai-api-daily-costs",
    name: "AI API daily cost export (organization costs: start_time, amount_value, line_item, project_id)",
    requires: ["amountvalue"],
    columns(find) {
      const iso = find("starttimeiso");
      const unix = find("starttime");
      if (!iso && !unix) return "it has no start_time or start_time_iso column";
      const endIso = find("endtimeiso");
      const endUnix = find("endtime");
      const unixDates = [...(!iso && unix ? [unix] : []), ...(!endIso && endUnix ? [endUnix] : [])];
      const keep: Record<string, string> = {};
      const org = find("organizationid");
      if (org) keep.organizationId = org;
      return {
        fields: {
          periodStart: iso ?? unix,
          periodEnd: endIso ?? endUnix,
          cost: find("amountvalue"),
          currency: find("amountcurrency", "currency"),
          meteredUnit: find("lineitem"),
          agent: find("projectname", "projectid"),
        },
        unixDates,
        blankIsZero: true,
        keep,
      };
    },
  },
];

export interface DetectedProfile {
  profile: VendorProfile;
  columns: ProfileColumns | string;
}

/** The vendor export a header is, or null. */
export function detectProfile(headers: readonly string[]): DetectedProfile | null {
  const keys = headers.map(vendorKey);
  const present = new Set(keys);
  const profile = VENDOR_PROFILES.find((p) => p.requires.every((k) => present.has(k)));
  if (!profile) return null;
  const find = (...wanted: string[]): string | undefined => {
    for (const w of wanted) {
      const i = keys.indexOf(w);
      if (i >= 0) return headers[i];
    }
    return undefined;
  };
  return { profile, columns: profile.columns(find) };
}
