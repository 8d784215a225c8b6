// The app's number formatting is exact on the engine's decimal strings (issue 15.1: one formatter).
import { describe, expect, it } from "vitest";
import { formatNumber, formatUnitPrice } from "@/components/format";

describe("formatNumber", () => {
  it("groups digits and rounds half up from the decimal string, with no float in between", () => {
    expect(formatNumber("1040000", 0)).toBe("1,040,000");
    expect(formatNumber("12345678901234567.891", 2)).toBe("12,345,678,901,234,567.89");
    expect(formatNumber("2.5", 0)).toBe("3");
    expect(formatNumber("0.125", 2)).toBe("0.13");
    expect(formatNumber("-1234.5", 0)).toBe("-1,235");
    expect(formatNumber(1757800, 0)).toBe("1,757,800");
  });
  it("leaves what is not a number as written, and shows nothing as a dash", () => {
    expect(formatNumber("n/a")).toBe("n/a");
    expect(formatNumber(null)).toBe("—");
    expect(formatNumber("")).toBe("—");
  });
});

describe("formatUnitPrice", () => {
  it("shows a price per credit to its sixth decimal, rounded on the decimal string", () => {
    expect(formatUnitPrice("0.005", "USD")).toBe("$0.005");
    expect(formatUnitPrice("0.0125", "USD")).toBe("$0.0125");
    expect(formatUnitPrice("0.00000150", "EUR")).toBe("€0.000002");
    // an engine quotient with 20 significant digits
    expect(formatUnitPrice("0.093487123456789012345678", "USD")).toBe("$0.093487");
    expect(formatUnitPrice("12345678901234567.0000005", "USD")).toBe("$12,345,678,901,234,567.000001");
    expect(formatUnitPrice("2", "USD")).toBe("$2.00");
    expect(formatUnitPrice(null, "USD")).toBe("—");
  });
});
