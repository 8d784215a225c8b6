// Vendors' own consumption exports, recognised by their header and read without a mapping, from
// fixtures written from the columns their documentation names (docs/import.md says which names are
// confirmed). Exact credits and cost per period.
import { describe, expect, it } from "vitest";
import { previewUsageFile } from "@/lib/import/parse";
import { suggestMapping } from "@/lib/import/mapping";
import { checkFixture, fixture, parseFixture, streamOf } from "@/tests/unit/import/helpers";

describe("Salesforce Digital Wallet", () => {
  it.each(["salesforce-wallet-daily.csv", "salesforce-wallet-daily-plain.csv"])(
    "daily consumption (%s): unitsconsumed is credits, usageconsumed a quantity of its unit",
    async (file) => {
      const { check } = await checkFixture(file);
      expect(check.format).toBe("salesforce-wallet-daily");
      // January: 2,400 + 300 + 70 = 2,770 credits; February 1,000. Actions: 120 + 15 + 50 = 185
      // (the 7 "Million Rows Processed" of Data Cloud are not actions)
      expect(check.consumption).toEqual({ credits: "3770", actions: "185", cost: null, currency: null });
      expect(check.periods).toEqual([
        { label: "2026-01", credits: "2770", cost: null },
        { label: "2026-02", credits: "1000", cost: null },
      ]);
      const { rows } = await parseFixture(file);
      expect(rows.map((r) => [r.periodStart, r.meteredUnit, r.environment, r.credits, r.actions, r.quantity, r.quantityUnit])).toEqual([
        ["2026-01-05", "AgentforceFlexCredits", "production", "2400", "120", null, null],
        ["2026-01-05", "AgentforceFlexCredits", "nonProduction", "300", "15", null, null],
        ["2026-01-06", "DataCloudCredits", "production", "70", null, "7", "Million Rows Processed"],
        ["2026-02-02", "AgentforceFlexCredits", "production", "1000", "50", null, null],
      ]);
      expect(rows[0]?.vendor).toEqual({ multiplier: "20", usageaggregationtype: "SUM", usagetype: "AgentAction" });
    },
  );

  it("enriched usage events: one row per event, the resource as the agent, 20 + 20 + 20 + 4 = 64 credits", async () => {
    const { check } = await checkFixture("salesforce-wallet-events.csv");
    expect(check.format).toBe("salesforce-wallet-events");
    expect(check.consumption).toEqual({ credits: "64", actions: "3", cost: null, currency: null });
    const { rows } = await parseFixture("salesforce-wallet-events.csv");
    expect(rows.map((r) => [r.periodStart, r.agent, r.meteredUnit, r.environment, r.credits, r.actions, r.quantity, r.quantityUnit])).toEqual([
      ["2026-03-02", "Service_Agent", "AgentAction", "production", "20", "1", null, null],
      ["2026-03-02", "Service_Agent", "AgentAction", "production", "20", "1", null, null],
      ["2026-03-02", "SDR_Agent", "AgentAction", "nonProduction", "20", "1", null, null],
      ["2026-03-03", "Unified_Profile_Stream", "StreamingDataIngest", "production", "4", null, "400000", "StreamingDataIngest"],
    ]);
    // two identical events are two rows with distinct keys
    expect(rows[0]?.rowKey).not.toBe(rows[1]?.rowKey);
  });
});

describe("Microsoft Copilot Studio", () => {
  it("tenant daily capacity: prepaid + pay-as-you-go consumed is the credits; the entitled quantity is not burn", async () => {
    const { check } = await checkFixture("copilot-studio-tenant-daily.csv");
    expect(check.format).toBe("copilot-studio-tenant-daily");
    // 1,200 + 300 + (1,500 + 250.5) = 3,250.5 credits; the 25,000 entitled each day are the allotment
    expect(check.consumption.credits).toBe("3250.5");
    const { rows } = await parseFixture("copilot-studio-tenant-daily.csv");
    expect(rows.map((r) => [r.environment, r.credits, r.vendor?.entitledQuantity])).toEqual([
      ["production", "1200", "25000"],
      ["nonProduction", "300", "25000"],
      ["production", "1750.5", "25000"],
    ]);
  });

  it("credits by agent: billed credits burn; non-billed credits are kept with the row, not counted", async () => {
    const { check } = await checkFixture("copilot-studio-agents.csv");
    expect(check.format).toBe("copilot-studio-agents");
    // 400 + 50.5 + 200 = 650.5 billed; 12 + 100 non-billed are not burn
    expect(check.consumption.credits).toBe("650.5");
    const { rows } = await parseFixture("copilot-studio-agents.csv");
    expect(rows.map((r) => [r.agent, r.meteredUnit, r.credits, r.vendor?.nonBilledCredits, r.vendor?.channel, r.environment])).toEqual([
      ["HR Helpdesk", "Generative answers", "400", "0", "Teams", null],
      ["HR Helpdesk", "Agent flow actions", "50.5", "12", "Teams", null],
      ["IT Triage", "Generative answers", "200", "100", "Web", "nonProduction"],
    ]);
  });

  it("a per-agent download without a date column is recognised and refused, saying what to add", async () => {
    const { check, importable } = await checkFixture("copilot-studio-agents-no-date.csv");
    expect(importable).toBe(false);
    expect(check.format).toBe("copilot-studio-agents");
    expect(check.refused[0]?.reasons[0]).toMatch(/^the file looks like a Microsoft Copilot Studio credits by agent \(download\), but this per-agent download has no date column/);
  });
});

describe("ServiceNow Now Assist", () => {
  it("skills by month: total assists are the credits, the number of actions the actions", async () => {
    const { check } = await checkFixture("servicenow-now-assist.csv");
    expect(check.format).toBe("servicenow-now-assist");
    // January 1,200 + 600 = 1,800 assists (resolution notes at 2 assists an action), February 1,500
    expect(check.periods).toEqual([
      { label: "2026-01", credits: "1800", cost: null },
      { label: "2026-02", credits: "1500", cost: null },
    ]);
    expect(check.consumption.actions).toBe("3000");
  });
});

describe("an AI API's daily cost export", () => {
  it("start_time_iso and amount_value; a blank amount is a day without spend, not a refusal", async () => {
    const { check, importable } = await checkFixture("ai-api-daily-costs.csv");
    expect(importable).toBe(true);
    expect(check.format).toBe("ai-api-daily-costs");
    // January: 12.345 + 30.10 + 0 (the 2nd, no spend) = 42.445; February 7.50
    expect(check.consumption).toEqual({ credits: null, actions: null, cost: "49.945", currency: "USD" });
    expect(check.periods).toEqual([
      { label: "2026-01", credits: null, cost: "42.445" },
      { label: "2026-02", credits: null, cost: "7.5" },
    ]);
    const { rows } = await parseFixture("ai-api-daily-costs.csv");
    expect(rows.map((r) => [r.periodStart, r.periodEnd, r.agent, r.meteredUnit, r.cost, r.currency])).toEqual([
      ["2026-01-01", "2026-01-02", "proj_support", "gpt-5, input", "12.345", "USD"],
      ["2026-01-01", "2026-01-02", "proj_support", "gpt-5, output", "30.1", "USD"],
      ["2026-01-02", "2026-01-03", null, null, "0", "USD"],
      ["2026-02-01", "2026-02-02", "proj_sales", "gpt-5, input", "7.5", "USD"],
    ]);
  });

  it("start_time alone is read as Unix seconds", async () => {
    const { check } = await checkFixture("ai-api-daily-costs-unix.csv");
    expect(check.periods).toEqual([
      { label: "2026-01", credits: null, cost: "12.345" },
      { label: "2026-02", credits: null, cost: "7.5" },
    ]);
  });
});

describe("header guesses for other exports", () => {
  it("a True/False column is never the credits, a 'last updated' column never the usage date", async () => {
    const preview = await previewUsageFile(streamOf(fixture("cloud-cost-export.csv")), { format: "csv" });
    expect(preview.columns.find((c) => c.name === "IsAzureCreditEligible")?.kind).toBe("boolean");
    expect(preview.mapping.columns).toEqual({
      periodStart: "Date",
      meteredUnit: "MeterName",
      currency: "BillingCurrency",
      category: "ChargeType",
      cost: "CostInBillingCurrency",
    });
    const { check, importable } = await checkFixture("cloud-cost-export.csv");
    expect(importable).toBe(true);
    // 6.25 + 2.304 + 2.50 = 11.054
    expect(check.consumption).toEqual({ credits: null, actions: null, cost: "11.054", currency: "USD" });
    // even by name alone, without samples
    expect(suggestMapping(["ContractCommitmentLastUpdated", "UsageDay", "IsCreditEligible", "Credits Used"])).toEqual({ periodStart: "UsageDay", credits: "Credits Used" });
  });

  it("start_time_iso is recognised as a period start in a mapped file", () => {
    expect(suggestMapping(["start_time_iso", "cost"])?.periodStart).toBe("start_time_iso");
  });
});
