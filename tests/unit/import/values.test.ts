import { describe, expect, it } from "vitest";
import {
  INVALID,
  canonicalDecimal,
  dateFromSerial,
  decimalFromNumber,
  environmentOf,
  parseDateText,
  parseDecimalText,
} from "@/lib/import/values";

describe("decimals", () => {
  it.each([
    ["1234.5", ".", "1234.5"],
    ["0.00 ", ".", "0"],
    ["$10,000.00 ", ".", "10000"],
    ["1,234,567.891", ".", "1234567.891"],
    ["1.234,56", ",", "1234.56"],
    ["1 234,56 €", ",", "1234.56"],
    ["1\u00a0234,5", ",", "1234.5"],
    ["1'234.50", ".", "1234.5"],
    ["-$5.00", ".", "-5"],
    ["$-5.00", ".", "-5"],
    ["(1,234.00)", ".", "-1234"],
    ["USD 12.30", ".", "12.3"],
    ["12.30 EUR", ".", "12.3"],
    ["+7", ".", "7"],
    ["007.50", ".", "7.5"],
    ["-0.00", ".", "0"],
    [".5", ".", "0.5"],
    ["1.5E+3", ".", "1500"],
    ["2,5E-2", ",", "0.025"],
    ["12,5", ",", "12.5"],
  ])("%j with decimal %j reads %j", (raw, sep, expected) => {
    expect(parseDecimalText(raw, sep as "." | ",")).toBe(expected);
  });

  it.each([
    ["abc", "."],
    ["1,23.4", "."], // a group of two digits is not grouping
    ["1.234,56", "."], // European number read with a decimal point
    ["0.5", ","], // decimal point in a decimal-comma file
    ["12-3", "."],
    ["$", "."],
    ["1,5E3", "."],
    ["#N/A", "."],
  ])("%j with decimal %j is not a number", (raw, sep) => {
    expect(parseDecimalText(raw, sep as "." | ",")).toBe(INVALID);
  });

  it("blank is missing, not zero", () => {
    expect(parseDecimalText("", ".")).toBeNull();
    expect(parseDecimalText("   ", ",")).toBeNull();
  });

  it("canonical spelling: no leading or trailing zeros, no negative zero", () => {
    expect(canonicalDecimal("0012.3400")).toBe("12.34");
    expect(canonicalDecimal("-0.000")).toBe("0");
    expect(canonicalDecimal("100")).toBe("100");
  });

  it("spreadsheet numbers as the spreadsheet shows them (15 significant digits)", () => {
    expect(decimalFromNumber(0.1 + 0.2)).toBe("0.3");
    expect(decimalFromNumber(1e-7)).toBe("0.0000001");
    expect(decimalFromNumber(123456789012)).toBe("123456789012");
    expect(decimalFromNumber(Number.NaN)).toBe(INVALID);
  });
});

describe("dates", () => {
  it.each([
    ["2025-04-01", "mdy", "2025-04-01"],
    ["2025-04-01T00:00:00Z", "dmy", "2025-04-01"],
    ["2025-04-01 13:45:00", "mdy", "2025-04-01"],
    ["20250401", "mdy", "2025-04-01"],
    ["4/1/25", "mdy", "2025-04-01"],
    ["4/1/25", "dmy", "2025-01-04"],
    ["04/13/2025", "mdy", "2025-04-13"],
    ["13/04/2025", "dmy", "2025-04-13"],
    ["13.04.2025", "mdy", "2025-04-13"], // dots are always day first
    ["1/2/2025 0:00", "mdy", "2025-01-02"],
    ["1/2/2025 12:30 PM", "mdy", "2025-01-02"],
    ["01-Apr-2025", "mdy", "2025-04-01"],
    ["Apr 1, 2025", "dmy", "2025-04-01"],
    ["45748", "mdy", "2025-04-01"], // Excel serial day
  ])("%j read %s is %j", (raw, order, expected) => {
    expect(parseDateText(raw, order as "mdy" | "dmy")).toBe(expected);
  });

  it.each([
    ["13/04/2025", "mdy"],
    ["2/30/2025", "mdy"],
    ["2025-02-29", "mdy"],
    ["yesterday", "mdy"],
    ["4/1/25 abc", "mdy"],
    ["2025-13-01", "dmy"],
  ])("%j read %s is not a date", (raw, order) => {
    expect(parseDateText(raw, order as "mdy" | "dmy")).toBe(INVALID);
  });

  it("Excel serials: 45748 is 2025-04-01, the time of day is dropped", () => {
    expect(dateFromSerial(45748)).toBe("2025-04-01");
    expect(dateFromSerial(45748.75)).toBe("2025-04-01");
    expect(dateFromSerial(12)).toBe(INVALID);
  });
});

describe("environments", () => {
  it.each([
    ["prod", "production"],
    ["Production", "production"],
    ["PRD", "production"],
    ["acme-prod", "production"],
    ["sandbox", "nonProduction"],
    ["Full Copy Sandbox", "nonProduction"],
    ["dev", "nonProduction"],
    ["Test", "nonProduction"],
    ["UAT", "nonProduction"],
    ["staging", "nonProduction"],
    ["Non-Production", "nonProduction"],
    ["prod-sandbox", "nonProduction"],
    ["AwesomeCorpDemo", null],
    ["", null],
  ])("%j is %j", (label, expected) => {
    expect(environmentOf(label)).toBe(expected);
  });
});
