// FOCUS files built from the specification's column definitions and examples (1.0 to 1.3, in
// tests/fixtures/import) and the FOCUS project's own spend-agreement and licence samples
// (shared/data/focus/agreements): null spellings, charge categories, EffectiveCost, credits and
// units, periods spread by days, corrections, currencies, ContractApplied and the Contract
// Commitment dataset, each with the exact figures the import stores.
import { describe, expect, it } from "vitest";
import { suggestMapping } from "@/lib/import/mapping";
import { checkFixture, fixture, parseCsvText, parseFixture } from "@/tests/unit/import/helpers";

describe("empty is empty: NULL, null and (null) in every column", () => {
  it("an AWS-style FOCUS 1.0 file with NULL in number and text columns imports whole; no agent is called NULL", async () => {
    const { rows, summary } = await parseFixture("focus-1.0-aws-categories-nulls.csv");
    expect(summary.errors).toEqual([]);
    expect(summary.importable).toBe(true);
    expect(rows).toHaveLength(8);
    expect(rows.some((r) => r.agent === "NULL" || r.agent === "(null)" || r.meteredUnit === "NULL")).toBe(false);
    const lambda = rows.find((r) => r.focus?.serviceName === "AWS Lambda");
    // ResourceName (null) and ResourceId NULL: no agent at all, not the text "NULL"
    expect(lambda).toMatchObject({ agent: null, actions: "4000000", cost: "2" });
    expect(lambda?.focus).toMatchObject({ listUnitPrice: null, chargeClass: null, commitmentDiscountStatus: null, tags: null, resourceId: null });
    // ResourceName NULL falls back to ResourceId, as for an empty cell
    expect(rows[0]?.agent).toBe("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude");
  });

  it("a file writing NULL reads exactly like the same file with empty cells: same rows, same keys", async () => {
    const text = fixture("focus-1.0-aws-categories-nulls.csv").toString("utf8");
    const empties = text.replace(/(?<=^|,)(NULL|null|\(null\))(?=,|\r?$)/gm, "");
    expect(empties).not.toContain("NULL");
    const a = await parseCsvText(text);
    const b = await parseCsvText(empties);
    expect(b.summary.errors).toEqual([]);
    expect(a.rows).toEqual(b.rows);
  });
});

describe("charge categories: only Usage is consumption", () => {
  it("purchase, credit, adjustment, tax and an unused commitment are kept apart with their totals", async () => {
    const { check } = await checkFixture("focus-1.0-aws-categories-nulls.csv");
    // consumption: Bedrock 12.50 + EC2 30.00 + Lambda 2.00 = 44.50; only Lambda's 4,000,000 requests count as actions
    expect(check.consumption).toEqual({ credits: null, actions: "4000000", cost: "44.5", currency: "USD" });
    expect(check.excluded).toEqual({
      Purchase: { rows: 1, cost: "8760" },
      Credit: { rows: 1, cost: "-3" },
      Adjustment: { rows: 1, cost: "4.5" },
      Tax: { rows: 1, cost: "1.35" },
      "Unused commitment": { rows: 1, cost: "10" },
    });
    expect(check.periods).toEqual([{ label: "2026-03", credits: null, cost: "44.5" }]);
  });

  it("a 12-month purchase is one purchase, not spread and not burn", async () => {
    const { rows } = await parseFixture("focus-1.0-aws-categories-nulls.csv");
    const purchase = rows.filter((r) => r.category === "purchase");
    expect(purchase.map((r) => [r.periodStart, r.periodEnd, r.cost, r.billedCost, r.spread])).toEqual([["2026-03-01", "2027-03-01", "8760", "8760", null]]);
  });

  it("a group the user leaves out is kept apart like the rest, and the choice is part of the mapping", async () => {
    const { check } = await checkFixture("focus-1.0-aws-categories-nulls.csv", { mapping: { columns: {}, excludeGroups: ["usage:EC2 m5.large On Demand"] } });
    // 44.50 − 30.00 (EC2 left out) = 14.50
    expect(check.consumption.cost).toBe("14.5");
    expect(check.excluded["Usage: EC2 m5.large On Demand"]).toEqual({ rows: 1, cost: "30" });
  });

  it("the preview's groups: by category and description, with EffectiveCost and BilledCost where they differ", async () => {
    const { summary } = await parseFixture("shared:agreements/saas_spend_agreements_b2.csv");
    const groups = summary.totals?.groups.map((g) => [g.key, g.rows, g.cost, g.billedCost]);
    // Usage is amortised from the upfront payment: EffectiveCost 48 + 120 + 60 = 228, BilledCost 0.
    // Unused fees: 12 + 8 × 60 = 492 monthly, 480 at the end of the contract (228 + 492 + 480 = 1,200).
    expect(groups).toEqual([
      ["usage:Monthly usage charge", 3, "228", "0"],
      ["unusedCommitment:End of contract unused fee", 1, "480", "0"],
      ["unusedCommitment:Monthly unused fee", 9, "492", "0"],
      ["purchase:Upfront payment covering usage for a 12-month period", 1, "0", "1200"],
    ]);
  });

  it("cost is EffectiveCost whatever the header order; a mapping guess prefers it to BilledCost too", async () => {
    const text = ["BilledCost,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BillingCurrency,EffectiveCost", "100,2026-01-01,2026-01-02,Usage,USD,80"].join("\n");
    const { rows } = await parseCsvText(text);
    expect([rows[0]?.cost, rows[0]?.billedCost]).toEqual(["80", "100"]);
    expect(suggestMapping(["Date", "BilledCost", "EffectiveCost"])?.cost).toBe("EffectiveCost");
  });
});

describe("the FOCUS project's spend-agreement and licence samples", () => {
  it.each([
    ["saas_spend_agreements_a1.csv", "972"],
    ["saas_spend_agreements_a2.csv", "972"],
    ["saas_spend_agreements_b1.csv", "972"],
    ["saas_spend_agreements_b2.csv", "972"],
  ])("%s: the $1,200 commitment shows $228 of use (48 + 120 + 60), the rest (%s) as unused commitment", async (file, unused) => {
    const { check, importable } = await checkFixture(`shared:agreements/${file}`);
    expect(importable).toBe(true);
    expect(check.consumption).toEqual({ credits: null, actions: null, cost: "228", currency: "USD" });
    expect(check.periods).toEqual([
      { label: "2025-04", credits: null, cost: "48" },
      { label: "2025-05", credits: null, cost: "120" },
      { label: "2025-06", credits: null, cost: "60" },
    ]);
    expect(check.excluded["Unused commitment"]?.cost).toBe(unused);
    // upfront (b): a Purchase row of $1,200 billed, EffectiveCost 0 (amortised into the usage rows)
    if (file.includes("_b")) expect(check.excluded.Purchase).toEqual({ rows: 1, cost: "0" });
    else expect(check.excluded.Purchase).toBeUndefined();
  });

  it("server hours stay hours: 4 + 10 + 5 = 19 Server Hours, no actions, no credits", async () => {
    const { summary } = await parseFixture("shared:agreements/saas_spend_agreements_a1.csv");
    expect(summary.totals?.groups.find((g) => g.key === "usage:Monthly usage charge")?.quantities).toEqual({ "Server Hours": "19" });
  });

  it("licence purchases ($50,000 for 500 licences; $1,000 for 10) are purchases, never burn", async () => {
    for (const [file, cost] of [["simple_saas_agreements_a2.csv", "50000"], ["simple_saas_agreements_a3.csv", "1000"]] as const) {
      const { check } = await checkFixture(`shared:agreements/${file}`);
      expect(check.consumption.cost).toBeNull();
      expect(check.periods).toEqual([]);
      expect(check.excluded).toEqual({ Purchase: { rows: 1, cost } });
    }
  });

  it("three months of usage charges: $10,100 + $13,000 + $12,700 = $35,800 for 505 + 650 + 635 = 1,790 counted units", async () => {
    const { check } = await checkFixture("shared:agreements/simple_saas_agreements_c.csv");
    expect(check.consumption).toEqual({ credits: null, actions: "1790", cost: "35800", currency: "USD" });
    expect(check.periods.map((p) => p.cost)).toEqual(["10100", "13000", "12700"]);
  });

  it("a token purchase (FOCUS's virtual currency sample): 100,000 tokens bought for $200,000, no burn", async () => {
    const { summary, check } = await (async () => {
      const parsed = await parseFixture("shared:virtual_currency_pricing_model_a1.csv");
      return { summary: parsed.summary, check: (await checkFixture("shared:virtual_currency_pricing_model_a1.csv")).check };
    })();
    const purchase = summary.totals?.groups.find((g) => g.category === "purchase");
    expect([purchase?.creditsBought, purchase?.billedCost, purchase?.cost, purchase?.from, purchase?.until]).toEqual(["100000", "200000", "0", "2025-04-01", "2026-04-01"]);
    expect(check.consumption.credits).toBeNull();
  });
});

describe("periods: a row spanning several is spread over them by days", () => {
  it("a 2026 annual charge of 73,000 credits / $365 gives each month 200 credits and $1 a day", async () => {
    const { rows, check } = await (async () => ({ ...(await parseFixture("focus-1.1-annual-usage.csv")), check: (await checkFixture("focus-1.1-annual-usage.csv")).check }))();
    const annual = rows.filter((r) => r.spread !== null);
    expect(annual).toHaveLength(12);
    // January: 31 days × 200 = 6,200 credits, $31; February 28 × 200 = 5,600, $28 …
    expect(annual.map((r) => [r.periodStart, r.periodEnd, r.credits, r.cost, r.spread?.days])).toEqual([
      ["2026-01-01", "2026-02-01", "6200", "31", 31],
      ["2026-02-01", "2026-03-01", "5600", "28", 28],
      ["2026-03-01", "2026-04-01", "6200", "31", 31],
      ["2026-04-01", "2026-05-01", "6000", "30", 30],
      ["2026-05-01", "2026-06-01", "6200", "31", 31],
      ["2026-06-01", "2026-07-01", "6000", "30", 30],
      ["2026-07-01", "2026-08-01", "6200", "31", 31],
      ["2026-08-01", "2026-09-01", "6200", "31", 31],
      ["2026-09-01", "2026-10-01", "6000", "30", 30],
      ["2026-10-01", "2026-11-01", "6200", "31", 31],
      ["2026-11-01", "2026-12-01", "6000", "30", 30],
      ["2026-12-01", "2027-01-01", "6200", "31", 31],
    ]);
    expect(new Set(annual.map((r) => r.rowKey)).size).toBe(12);
    expect(annual.every((r) => r.rowKey.startsWith(annual[0]?.rowKey.split("/")[0] ?? "?"))).toBe(true);
    // January also has the monthly row: 6,200 + 8,000 = 14,200 credits, $31 + $40 = $71
    expect(check.periods[0]).toEqual({ label: "2026-01", credits: "14200", cost: "71" });
    expect(check.consumption).toMatchObject({ credits: "81000", cost: "405" });
    expect(check.warnings).toEqual(["row 2: its period 2026-01-01 to 2027-01-01 spans several months; spread over them by days"]);
  });

  it("shares that do not divide evenly still add up to the row, to the last digit", async () => {
    // $100 over 2026-01-15 → 2026-03-15 (59 days): 17/59, 28/59, 14/59 of it
    const text = ["ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BillingCurrency,EffectiveCost", "2026-01-15,2026-03-15,Usage,USD,100"].join("\n");
    const { rows } = await parseCsvText(text);
    expect(rows.map((r) => [r.periodStart, r.cost])).toEqual([
      ["2026-01-15", "28.813559"],
      ["2026-02-01", "47.457627"],
      ["2026-03-01", "23.728814"],
    ]);
    // 28.813559 + 47.457627 + 23.728814 = 100
  });

  it("weeks: the same charge is cut at ISO week boundaries (Mondays) when the contract counts in weeks", async () => {
    // 2026-01-01 is a Thursday: 4 days to Monday 5 January, then 7, then 3 → 14 days in all
    const text = ["ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BillingCurrency,EffectiveCost", "2026-01-01,2026-01-15,Usage,USD,14"].join("\n");
    const { rows } = await parseCsvText(text, undefined, { granularity: "week" });
    expect(rows.map((r) => [r.periodStart, r.periodEnd, r.cost])).toEqual([
      ["2026-01-01", "2026-01-05", "4"],
      ["2026-01-05", "2026-01-12", "7"],
      ["2026-01-12", "2026-01-15", "3"],
    ]);
  });
});

describe("corrections and restatements", () => {
  it("each row carries its statement's scope: provider, billing account and billing period", async () => {
    const { summary } = await parseFixture("focus-1.2-nov-2026-export.csv");
    expect(summary.totals?.scopes).toEqual([{ scope: "Acme AI|BA-42|2026-11-01", rows: 2, credits: "30000", actions: "1500", cost: "1500", billedCost: "1500" }]);
    const restated = await parseFixture("focus-1.2-nov-2026-restated.csv");
    // the restated export of the same period: 1,000 + 700 + 300 = $2,000
    expect(restated.summary.totals?.scopes).toEqual([{ scope: "Acme AI|BA-42|2026-11-01", rows: 3, credits: "40000", actions: "2000", cost: "2000", billedCost: "2000" }]);
    // the unchanged R-111 row has the same key in both files (that is how it is kept, not replaced)
    const a = (await parseFixture("focus-1.2-nov-2026-export.csv")).rows;
    expect(restated.rows[0]?.rowKey).toBe(a[0]?.rowKey);
    expect(restated.rows[1]?.rowKey).not.toBe(a[1]?.rowKey);
  });

  it("a ChargeClass Correction row lands in the period it corrects (November), billed in December's statement", async () => {
    const { rows, check } = await (async () => ({ ...(await parseFixture("focus-1.2-dec-2026-with-correction.csv")), check: (await checkFixture("focus-1.2-dec-2026-with-correction.csv")).check }))();
    const correction = rows.find((r) => r.correction);
    expect(correction).toMatchObject({ periodStart: "2026-11-02", cost: "250", credits: "5000", scope: "Acme AI|BA-42|2026-12-01" });
    expect(check.periods).toEqual([
      { label: "2026-11", credits: "5000", cost: "250" },
      { label: "2026-12", credits: "8000", cost: "400" },
    ]);
  });

  it("negative corrections are allowed on FOCUS rows; a mapped file's negative credits are refused", async () => {
    const focus = ["ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,BillingCurrency,EffectiveCost", "2026-05-01,2026-05-02,Usage,Correction,USD,-300"].join("\n");
    expect((await parseCsvText(focus)).summary.importable).toBe(true);
    const mapped = await parseCsvText("Date,Credits\n2026-05-01,-20\n", { columns: { periodStart: "Date", credits: "Credits" } });
    expect(mapped.summary.errors.map((e) => e.message)).toEqual(["row 2: Credits '-20' is negative; only credits, adjustments and corrections may be negative (this row is Usage)"]);
  });
});

describe("credits, units and currency", () => {
  it("credits named by the pricing unit are read with or without a national PricingCurrency: 400 + 120 = 520", async () => {
    for (const file of ["focus-1.0-credits-no-pricing-currency.csv", "focus-1.2-credits-usd-pricing-currency.csv"]) {
      const { check } = await checkFixture(file);
      expect(check.consumption, file).toEqual({ credits: "520", actions: "26", cost: "2.6", currency: "USD" });
    }
  });

  it("10 million input tokens are 10,000,000 tokens, not 10 credits, and never actions", async () => {
    const { rows } = await parseFixture("focus-1.0-aws-categories-nulls.csv");
    const bedrock = rows[0];
    expect(bedrock).toMatchObject({ credits: null, actions: null, quantity: "10000000", quantityUnit: "Tokens" });
    const ec2 = rows[1];
    expect(ec2).toMatchObject({ credits: null, actions: null, quantity: "24", quantityUnit: "Hours", environment: "production" });
  });

  it("a virtual currency (FOCUS 1.2+): PricingCurrency Credits, PricingCurrencyEffectiveCost in credits; ContractApplied kept (1.3)", async () => {
    const { rows, summary } = await parseFixture("focus-1.3-contract-applied.csv");
    expect(summary.focus?.version).toBe("1.3");
    // 900 + 150 = 1,050 credits; $45 + $7.50 = $52.50; 300 runs + 1,500 calls = 1,800 actions
    expect(summary.totals?.consumption).toMatchObject({ credits: "1050", cost: "52.5", actions: "1800" });
    expect(JSON.parse(rows[0]?.focus?.contractApplied ?? "null")).toEqual({
      ContractApplied: [{ ContractCommitmentId: "CMT-SAAS-1", ContractCommitmentAppliedCost: 45, ContractCommitmentAppliedQuantity: 900, ContractCommitmentAppliedUnit: "Credits" }],
    });
    expect(rows[0]?.focus?.providerName).toBe("DataStreamer");
    expect(rows[0]?.focus?.hostProviderName).toBe("AWS");
  });

  it("a second billing currency is refused with its row; the contract's currency is enforced when given", async () => {
    const { check, importable } = await checkFixture("focus-1.2-second-currency.csv");
    expect(importable).toBe(false);
    expect(check.refused).toEqual([{ row: 3, reasons: ["BillingCurrency 'EUR' differs from the file's currency USD (row 2); a contract's burn is in one currency"] }]);
    const eurContract = await checkFixture("focus-1.2-nov-2026-export.csv", { expectedCurrency: "EUR" });
    expect(eurContract.check.refused.map((r) => r.row)).toEqual([2, 3]);
    expect(eurContract.check.refused[0]?.reasons).toEqual(["BillingCurrency 'USD' is not the contract's currency (EUR); a contract's burn is in one currency"]);
  });

  it("the Contract Commitment dataset is recognised and refused as burn, saying what it is", async () => {
    const { check, importable } = await checkFixture("focus-1.3-contract-commitments.csv");
    expect(importable).toBe(false);
    expect(check).toMatchObject({ format: "focus", focusVersion: "1.3", dataset: "ContractCommitment", rows: 0, consumption: { credits: null, cost: null } });
    expect(check.refused).toHaveLength(1);
    expect(check.refused[0]?.row).toBe(0);
    expect(check.refused[0]?.reasons[0]).toMatch(/^this is a FOCUS 1\.3 Contract Commitment dataset, not usage: it lists 3 contract commitments of contract AGR-1: CMT-SPEND-1 \(Spend, 925000\.00 EUR/);
    expect(check.refused[0]?.reasons[0]).toContain("nothing in it is imported as burn");
  });
});
