// FOCUS recognition and version rules on synthetic headers, and the columns the samples leave empty
// (commitments, 1.3 additions) read when they are filled.
import { describe, expect, it } from "vitest";
import { detectFocus } from "@/lib/import/focus";
import { parseCsvText } from "@/tests/unit/import/helpers";

const CORE_1_0 = ["BilledCost", "BillingCurrency", "ChargeCategory", "ChargeClass", "ChargePeriodEnd", "ChargePeriodStart", "EffectiveCost"];

describe("FOCUS detection", () => {
  it("is not fooled by a usage export that merely has a date and a cost", () => {
    expect(detectFocus(["Date", "Agent", "Credits", "Cost"])).toBeNull();
    expect(detectFocus(["ChargePeriodStart", "ChargePeriodEnd", "Cost"])).toBeNull();
  });

  it.each([
    [CORE_1_0, "1.0", ["ChargeClass"]],
    [[...CORE_1_0, "SkuMeter", "CommitmentDiscountQuantity"], "1.1", ["CommitmentDiscountQuantity", "SkuMeter"]],
    [[...CORE_1_0, "SkuMeter", "PricingCurrency", "InvoiceId"], "1.2", ["InvoiceId", "PricingCurrency"]],
    [[...CORE_1_0, "PricingCurrency", "ServiceProviderName", "ContractApplied", "ProviderName"], "1.3", ["ContractApplied", "ServiceProviderName"]],
  ])("%j is FOCUS %s because of %j", (headers, version, because) => {
    const focus = detectFocus(headers);
    expect(focus?.version).toBe(version);
    expect([...(focus?.versionColumns ?? [])].sort()).toEqual(because);
  });

  it("matches column names ignoring case and underscores, and sets x_ columns apart", () => {
    const focus = detectFocus(["charge_period_start", "charge_period_end", "charge_category", "billing_currency", "billed_cost", "x_AgentName"]);
    expect(focus?.version).toBe("1.0");
    expect(focus?.reason).toContain("no column introduced after FOCUS 1.0");
    expect(focus?.customColumns).toEqual(["x_AgentName"]);
  });
});

describe("FOCUS columns beyond the samples", () => {
  it("1.3 file: commitment columns, ServiceProviderName, ContractApplied and a tagged environment", async () => {
    const header = [
      "BilledCost", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory", "ChargeClass", "ChargePeriodStart", "ChargePeriodEnd",
      "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName", "CommitmentDiscountQuantity", "CommitmentDiscountStatus",
      "CommitmentDiscountType", "CommitmentDiscountUnit", "ConsumedQuantity", "ConsumedUnit", "EffectiveCost", "PricingCurrency",
      "PricingCurrencyEffectiveCost", "PricingQuantity", "PricingUnit", "ProviderName", "ServiceProviderName", "ContractApplied", "Tags", "SkuMeter", "ResourceId",
    ];
    const row = [
      "0", "EUR", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "Usage", "", "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z",
      "Spend", "cd-123", "Flex Credits 2026", "1500", "Used", "Prepaid credits", "Credits", "75", "Action", "7.5", "Flex Credits",
      "1500", "1500", "Credit", "OldName", "Salesforce", '"{""ContractId"":""C-1""}"', '"{""user:Environment"":""Production""}"', "Agent Action", "agent-42",
    ];
    const { rows, summary } = await parseCsvText([header.join(","), row.join(",")].join("\n"));
    expect(summary.errors).toEqual([]);
    expect(summary.focus?.version).toBe("1.3");
    expect(summary.dates?.order).toBe("ymd");
    const [r] = rows;
    expect(r).toMatchObject({
      periodStart: "2026-01-05",
      periodEnd: "2026-01-06",
      agent: "agent-42",
      meteredUnit: "Agent Action",
      environment: "production",
      actions: "75",
      credits: "1500",
      cost: "7.5",
      currency: "EUR",
    });
    expect(r?.focus).toMatchObject({
      commitmentDiscountCategory: "Spend",
      commitmentDiscountId: "cd-123",
      commitmentDiscountName: "Flex Credits 2026",
      commitmentDiscountQuantity: "1500",
      commitmentDiscountStatus: "Used",
      commitmentDiscountType: "Prepaid credits",
      commitmentDiscountUnit: "Credits",
      providerName: "Salesforce",
      contractApplied: '{"ContractId":"C-1"}',
      chargeClass: null,
      billingPeriodStart: "2026-01-01",
    });
  });

  it("before 1.2 (no PricingCurrency column): credits are the PricingQuantity of rows priced in credits; hours stay hours", async () => {
    const text = [
      "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BillingCurrency,BilledCost,EffectiveCost,PricingQuantity,PricingUnit,ConsumedQuantity,SubAccountName",
      "2025-01-01,2025-01-02,Usage,USD,10,10,2000,Flex Credits,100,Acme UAT",
      "2025-01-01,2025-01-02,Purchase,USD,500,0,100000,Flex Credits,,Acme UAT",
      "2025-01-01,2025-01-02,Usage,USD,3,3,1,Hours,1,acme-prod",
    ].join("\n");
    const { rows, summary } = await parseCsvText(text);
    expect(summary.focus?.version).toBe("1.0");
    // The purchase buys 100,000 credits (kept apart, not burn); an hour of use is a quantity in hours, not an action.
    expect(rows.map((r) => [r.category, r.credits, r.actions, r.quantity, r.quantityUnit, r.environment])).toEqual([
      ["usage", "2000", "100", null, null, "nonProduction"],
      ["purchase", "100000", null, null, null, "nonProduction"],
      ["usage", null, null, "1", "Hours", "production"],
    ]);
  });

  it("a mapping can override one FOCUS field and keep the rest", async () => {
    const text = [
      "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BillingCurrency,BilledCost,x_AgentName,ResourceName",
      "2025-01-01,2025-01-02,Usage,USD,10,Service Agent,res-1",
    ].join("\n");
    const { rows } = await parseCsvText(text, { columns: { agent: "x_AgentName" } });
    expect(rows[0]).toMatchObject({ agent: "Service Agent", cost: "10", currency: "USD" });
    expect(rows[0]?.focus?.resourceName).toBe("res-1");
  });
});
