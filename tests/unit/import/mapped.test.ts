// A vendor export that is not FOCUS, read through a column mapping.
import { describe, expect, it } from "vitest";
import { previewUsageFile } from "@/lib/import/parse";
import { usageMappingSchema, type UsageMapping } from "@/lib/import/mapping";
import { BASIC_MAPPING, parseCsvText, streamOf } from "@/tests/unit/import/helpers";

const FILE = [
  "Date,Agent,Skill,Environment,Actions,Credits,Cost,Currency",
  "2025-04-01,Service Agent,Answer Question,prod,1200,24000,120.00,usd",
  "2025-04-01,Service Agent,Answer Question,Full Copy Sandbox,300,6000,,USD",
  "2025-04-02,,Draft Email,uat,50,,,USD",
  "2025-04-02,SDR Agent,Draft Email,,10,200,1.00,",
].join("\r\n");

describe("a generic CSV with a mapping", () => {
  it("normalises every field, blanks as null", async () => {
    const { rows, summary } = await parseCsvText(FILE, BASIC_MAPPING);
    expect(summary.importable).toBe(true);
    expect(summary.kind).toBe("mapped");
    expect(summary.focus).toBeNull();
    const key = expect.stringMatching(/^[0-9a-f]{64}:0$/);
    const usage = { quantity: null, quantityUnit: null, billedCost: null, category: "usage", excluded: false, correction: false, scope: null, spread: null, vendor: null };
    expect(rows).toEqual([
      {
        sourceRow: 2, rowKey: key, periodStart: "2025-04-01", periodEnd: null, agent: "Service Agent", meteredUnit: "Answer Question",
        environment: "production", actions: "1200", credits: "24000", cost: "120", currency: "USD", focus: null, groupLabel: "Answer Question", ...usage,
      },
      {
        sourceRow: 3, rowKey: key, periodStart: "2025-04-01", periodEnd: null, agent: "Service Agent", meteredUnit: "Answer Question",
        environment: "nonProduction", actions: "300", credits: "6000", cost: null, currency: "USD", focus: null, groupLabel: "Answer Question", ...usage,
      },
      {
        sourceRow: 4, rowKey: key, periodStart: "2025-04-02", periodEnd: null, agent: null, meteredUnit: "Draft Email",
        environment: "nonProduction", actions: "50", credits: null, cost: null, currency: "USD", focus: null, groupLabel: "Draft Email", ...usage,
      },
      {
        sourceRow: 5, rowKey: key, periodStart: "2025-04-02", periodEnd: null, agent: "SDR Agent", meteredUnit: "Draft Email",
        environment: null, actions: "10", credits: "200", cost: "1", currency: null, focus: null, groupLabel: "Draft Email", ...usage,
      },
    ]);
  });

  it("matches header names ignoring case and spacing, takes a fixed currency and the vendor's own environment labels", async () => {
    const text = ["usage date;AGENT NAME;org;flex credits", "2025-05-01;A;Blue;1.000,5", "2025-05-02;A;Green;2,25"].join("\n");
    const mapping: UsageMapping = {
      columns: { periodStart: "Usage Date", agent: "agent name", environment: "Org", credits: "Flex Credits" },
      currency: "eur",
      environmentValues: { blue: "production", GREEN: "nonProduction" },
    };
    const { rows, summary } = await parseCsvText(text, mapping);
    expect(summary.delimiter).toBe(";");
    expect(summary.numbers?.decimalSeparator).toBe(",");
    expect(summary.errors).toEqual([]);
    expect(rows.map((r) => [r.environment, r.credits, r.currency])).toEqual([
      ["production", "1000.5", "EUR"],
      ["nonProduction", "2.25", "EUR"],
    ]);
  });

  it("an unknown environment label in a mapped column is reported, not guessed", async () => {
    const text = ["Date,Environment,Credits", "2025-05-01,blue,5"].join("\n");
    const { summary } = await parseCsvText(text, { columns: { periodStart: "Date", environment: "Environment", credits: "Credits" } });
    expect(summary.importable).toBe(false);
    expect(summary.errors[0]?.message).toMatch(/^row 2: Environment 'blue' is not a known environment/);
  });

  it("a mapping naming a column the file lacks, or without a date or a measure, is a file error", async () => {
    const missing = await parseCsvText(FILE, { columns: { periodStart: "Day", credits: "Credits" } });
    expect(missing.summary.fileError).toMatch(/column 'Day', which the file does not have/);
    expect(missing.summary.importable).toBe(false);
    const noMeasure = await parseCsvText(FILE, { columns: { periodStart: "Date", agent: "Agent" } });
    expect(noMeasure.summary.fileError).toMatch(/no column for actions, credits or cost/);
    const none = await parseCsvText(FILE);
    expect(none.summary.fileError).toMatch(/not a FOCUS cost-and-usage file, so it needs a column mapping/);
  });

  it("an invalid mapping object is reported as such", async () => {
    const { summary } = await parseCsvText(FILE, { columns: { periodStart: "" }, dateOrder: "ydm" } as unknown as UsageMapping);
    expect(summary.fileError).toMatch(/^the column mapping is invalid/);
  });

  it("the mapping is plain data: it survives JSON and fills its defaults", () => {
    const stored = JSON.parse(JSON.stringify(BASIC_MAPPING)) as unknown;
    const resolved = usageMappingSchema.parse(stored);
    expect(resolved).toEqual({ ...BASIC_MAPPING, dateOrder: "auto", decimalSeparator: "auto", environmentValues: {}, excludeGroups: [] });
  });

  it("preview guesses the mapping from the header and shows the first rows normalised", async () => {
    const text = ["Usage Date,Agent Name,Action Type,Org Type,Actions,Flex Credits Used,Cost (USD)", "4/13/2025,A,Search,Production,3,60,0.30"].join("\n");
    const preview = await previewUsageFile(streamOf(text), { format: "csv" });
    expect(preview.mapping.columns).toEqual({
      periodStart: "Usage Date",
      agent: "Agent Name",
      meteredUnit: "Action Type",
      environment: "Org Type",
      actions: "Actions",
      credits: "Flex Credits Used",
      cost: "Cost (USD)",
    });
    expect(preview.mapping.dateOrder).toBe("mdy");
    expect(preview.dates.confidence).toBe("certain");
    expect(preview.mappingProblem).toBeNull();
    expect(preview.normalised[0]).toMatchObject({ periodStart: "2025-04-13", credits: "60", environment: "production" });
    expect(preview.columns.map((c) => c.kind)).toEqual(["date", "text", "text", "text", "number", "number", "number"]);
  });

  it("a date or credits column with one bad cell in six is still offered, so the bad rows are reported", async () => {
    const text = [
      "Usage Date,Agent,Flex Credits",
      "1/5/2026,A,\"2,000\"",
      "1/20/2026,A,lots",
      "1/21/2026,B,500",
      "2/3/2026,A,2400",
      "2/31/2026,B,200.5",
      "2/28/2026,A,1600",
    ].join("\n");
    const preview = await previewUsageFile(streamOf(text), { format: "csv" });
    expect(preview.columns.map((c) => [c.kind, c.mostly])).toEqual([["text", "date"], ["text", "text"], ["text", "number"]]);
    expect(preview.mapping.columns).toEqual({ periodStart: "Usage Date", agent: "Agent", credits: "Flex Credits" });
    expect(preview.dates.order).toBe("mdy");
    expect(preview.dates.patterns).toEqual(["M/D/YYYY"]);
    expect(preview.issues.map((i) => i.row)).toEqual([3, 6]);
  });

  it("preview of a file whose header suggests nothing says what is missing", async () => {
    const preview = await previewUsageFile(streamOf("a,b\n1,2\n"), { format: "csv" });
    expect(preview.fileError).toBeNull();
    expect(preview.mappingProblem).toMatch(/period start/);
    expect(preview.rows).toEqual([{ row: 2, cells: ["1", "2"] }]);
  });
});
