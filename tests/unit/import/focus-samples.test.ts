// Every FOCUS sample in shared/data/focus parses without a mapping, with its version, its credit
// columns read exactly and its empty cells kept as null.
import { createReadStream, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import Decimal from "decimal.js";
import { parse as parseCsvSync } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { collectUsageFile, previewUsageFile } from "@/lib/import/parse";
import type { FocusFields, ImportProgress } from "@/lib/import/types";

const DIR = path.resolve(import.meta.dirname, "../../../../shared/data/focus");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".csv")).sort();

const EXPECTED_VERSION: Record<string, string> = {
  "simple_saas_agreements_a1.csv": "1.1",
  "simple_saas_agreements_b.csv": "1.1",
  "virtual_currency_pricing_model_a1.csv": "1.2",
  "virtual_currency_pricing_model_a2.csv": "1.2",
  "virtual_currency_pricing_model_b1.csv": "1.2",
  "virtual_currency_pricing_model_b2.csv": "1.2",
  "virtual_currency_pricing_model_b3.csv": "1.2",
  "virtual_currency_pricing_model_c.csv": "1.2",
};

/** The file read independently of the code under test: header → raw cell text. */
function rawRows(file: string): Array<Record<string, string>> {
  return parseCsvSync(readFileSync(path.join(DIR, file)), { columns: true, bom: true }) as Array<Record<string, string>>;
}

/** A raw cell as an exact decimal ("$10,000.00 " → 10000), or null when empty. */
function rawDecimal(cell: string | undefined): Decimal | null {
  if (cell === undefined || cell.trim() === "") return null;
  return new Decimal(cell.replace(/[$,\s]/g, ""));
}

function parseSample(file: string, onProgress?: (p: ImportProgress) => void) {
  const full = path.join(DIR, file);
  return collectUsageFile(createReadStream(full), { format: "csv", totalBytes: statSync(full).size, onProgress });
}

const DECIMAL_COLUMNS: Array<[keyof FocusFields, string]> = [
  ["pricingCurrencyEffectiveCost", "PricingCurrencyEffectiveCost"],
  ["pricingCurrencyListUnitPrice", "PricingCurrencyListUnitPrice"],
  ["pricingCurrencyContractedUnitPrice", "PricingCurrencyContractedUnitPrice"],
  ["pricingQuantity", "PricingQuantity"],
  ["consumedQuantity", "ConsumedQuantity"],
  ["billedCost", "BilledCost"],
  ["effectiveCost", "EffectiveCost"],
  ["listCost", "ListCost"],
  ["contractedCost", "ContractedCost"],
  ["listUnitPrice", "ListUnitPrice"],
  ["contractedUnitPrice", "ContractedUnitPrice"],
  ["commitmentDiscountQuantity", "CommitmentDiscountQuantity"],
];

describe("FOCUS samples", () => {
  it("there are samples to test", () => {
    expect(FILES.length).toBe(Object.keys(EXPECTED_VERSION).length);
  });

  describe.each(FILES)("%s", (file) => {
    it("is recognised without a mapping, with the version it implies and why", async () => {
      const { rows, summary } = await parseSample(file);
      expect(summary.fileError).toBeNull();
      expect(summary.errors).toEqual([]);
      expect(summary.importable).toBe(true);
      expect(summary.kind).toBe("focus");
      expect(summary.focus?.version).toBe(EXPECTED_VERSION[file]);
      expect(summary.focus?.reason).toContain(`introduced in FOCUS ${EXPECTED_VERSION[file]}`);
      expect(summary.focus?.versionColumns.length).toBeGreaterThan(0);
      expect(rows.length).toBe(rawRows(file).length);
      expect(summary.rowCount).toBe(rows.length);
    });

    it("reads every number column exactly and keeps empty cells null, never 0", async () => {
      const { rows } = await parseSample(file);
      const raw = rawRows(file);
      rows.forEach((row, i) => {
        const source = raw[i] ?? {};
        const focus = row.focus;
        expect(focus).not.toBeNull();
        if (!focus) return;
        for (const [field, column] of DECIMAL_COLUMNS) {
          const expected = rawDecimal(source[column]);
          const actual = focus[field];
          if (expected === null) expect(actual, `${column} row ${row.sourceRow}`).toBeNull();
          else expect(new Decimal(actual ?? "NaN").equals(expected), `${column} row ${row.sourceRow}: ${actual}`).toBe(true);
        }
        expect(row.sourceRow).toBe(i + 2);
        expect(focus.pricingCurrency).toBe(source.PricingCurrency?.trim() || null);
        expect(focus.chargeCategory).toBe(source.ChargeCategory);
        expect(focus.chargeClass).toBeNull(); // empty in every sample: "not applicable"
        expect(focus.commitmentDiscountId).toBeNull();
        expect(focus.billingCurrency).toBe("USD");
        expect(row.currency).toBe("USD");
        // cost is EffectiveCost, actions ConsumedQuantity
        expect(row.cost).toBe(focus.effectiveCost);
        expect(row.actions).toBe(focus.consumedQuantity);
      });
    });

    it("reads M/D/YY dates month first, inferred from period boundaries on the 1st", async () => {
      const { rows, summary } = await parseSample(file);
      expect(summary.dates?.order).toBe("mdy");
      expect(summary.dates?.patterns).toEqual(["M/D/YY"]);
      expect(summary.dates?.confidence).toBe("inferred");
      for (const row of rows) {
        expect(row.periodStart).toMatch(/^2025-(04|10)-01$/);
        expect(row.focus?.billingPeriodStart).toMatch(/^20\d\d-\d\d-01$/);
      }
    });

    it("reports progress up to the whole file", async () => {
      const seen: ImportProgress[] = [];
      await parseSample(file, (p) => seen.push(p));
      const last = seen[seen.length - 1];
      expect(last?.done).toBe(true);
      expect(last?.fraction).toBe(1);
      expect(last?.bytesRead).toBe(statSync(path.join(DIR, file)).size);
    });
  });

  it("virtual currency: credits burned are PricingCurrencyEffectiveCost of token-priced rows (245 + 10 + 360 = 615)", async () => {
    const { rows } = await parseSample("virtual_currency_pricing_model_a2.csv");
    expect(rows.map((r) => [r.agent, r.meteredUnit, r.actions, r.credits, r.cost])).toEqual([
      ["Alpha Widget", "Token Consumption - Q Widget SKU", "245", "245", "490"],
      ["Alpha Widget", "Token Consumption - Z Widget SKU", "5", "10", "20"],
      ["Beta Workflow", "Token Consumption - Workflow SKU", "120", "360", "720"],
    ]);
    const total = rows.reduce((sum, r) => sum.plus(r.credits ?? 0), new Decimal(0));
    expect(total.toString()).toBe("615");
    expect(rows[0]?.periodEnd).toBe("2025-04-02");
    expect(rows[0]?.focus?.pricingCurrencyListUnitPrice).toBe("1");
  });

  it("a negotiated per-unit rate shows in the pricing-currency columns (Workflow at 2 tokens: 240)", async () => {
    const { rows } = await parseSample("virtual_currency_pricing_model_b3.csv");
    const workflow = rows.find((r) => r.agent === "Beta Workflow");
    expect(workflow?.credits).toBe("240");
    expect(workflow?.focus?.pricingCurrencyContractedUnitPrice).toBe("2");
    expect(workflow?.focus?.pricingCurrencyListUnitPrice).toBe("3");
  });

  it("purchases are purchases: the tokens bought (PricingQuantity) are credits bought, never burn", async () => {
    const { rows } = await parseSample("virtual_currency_pricing_model_c.csv");
    expect(rows.map((r) => [r.category, r.credits, r.focus?.pricingQuantity, r.focus?.pricingUnit, r.focus?.pricingCurrency, r.billedCost, r.cost])).toEqual([
      ["purchase", "1500", "1500", "Token", "USD", "3000", "0"],
      ["purchase", "25000", "25000", "Token", "USD", "50000", "0"],
    ]);
    expect(rows.map((r) => [r.periodStart, r.periodEnd])).toEqual([
      ["2025-04-01", "2025-10-01"],
      ["2025-10-01", "2026-04-01"],
    ]);
  });

  it("simple SaaS agreements: '$10,000.00 ' is 10000 and the unit price of 500 licences $100", async () => {
    const a1 = await parseSample("simple_saas_agreements_a1.csv");
    expect(a1.rows[0]?.cost).toBe("10000");
    expect(a1.summary.numbers?.currencySymbols).toEqual(["$"]);
    expect(a1.summary.numbers?.thousandsSeparator).toBe(",");
    const b = await parseSample("simple_saas_agreements_b.csv");
    expect(b.rows[0]?.focus?.listUnitPrice).toBe("100");
    expect(b.rows[0]?.focus?.pricingQuantity).toBe("500");
    expect(b.rows[0]?.credits).toBeNull();
  });

  it("parsing the same sample twice gives the same row keys", async () => {
    const first = await parseSample("virtual_currency_pricing_model_b2.csv");
    const second = await parseSample("virtual_currency_pricing_model_b2.csv");
    expect(second.rows.map((r) => r.rowKey)).toEqual(first.rows.map((r) => r.rowKey));
    expect(new Set(first.rows.map((r) => r.rowKey)).size).toBe(first.rows.length);
  });

  it("preview: FOCUS needs no columns, and the mapping it returns carries the detected formats", async () => {
    const preview = await previewUsageFile(createReadStream(path.join(DIR, "virtual_currency_pricing_model_a2.csv")), { format: "csv", rows: 2 });
    expect(preview.fileError).toBeNull();
    expect(preview.focus?.version).toBe("1.2");
    expect(preview.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(preview.mapping).toEqual({ columns: {}, dateOrder: "mdy", decimalSeparator: "." });
    expect(preview.mappingProblem).toBeNull();
    expect(preview.normalised.map((r) => r.credits)).toEqual(["245", "10"]);
    expect(preview.columns.find((c) => c.name === "ChargePeriodStart")?.kind).toBe("date");
    expect(preview.columns.find((c) => c.name === "ChargeClass")?.kind).toBe("empty");
    expect(preview.wholeFile).toBe(true);
  });
});
