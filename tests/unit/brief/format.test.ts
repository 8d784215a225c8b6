// Issue 15.1: one formatter for money and dates, the same in the app and in every export.
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDateTimeMinute, formatMoney } from "@/components/format";
import { formatPeriod } from "@/components/burn/format";
import { periodTick } from "@/components/charts/scenario-charts";
import { currencySymbol, day, money } from "@/lib/brief/format";

describe("money", () => {
  it("formats the decimal string exactly, with the currency's minor unit and any extra digits", () => {
    expect(money("59410", "USD")).toBe("$59,410.00");
    expect(money("0.005", "USD")).toBe("$0.005");
    expect(money("-1250.5", "EUR")).toBe("-€1,250.50");
    expect(money("60000", "JPY")).toBe("¥60,000");
    // beyond a double's 15–17 digits: still every digit
    expect(money("12345678901234567.89", "USD")).toBe("$12,345,678,901,234,567.89");
    expect(money(null, "USD")).toBe("—");
  });

  it("writes other currencies as Intl does, the same on screen and in a brief", () => {
    expect(money("1000", "CAD")).toBe("CA$1,000.00");
    expect(formatMoney("1000", "CAD")).toBe(money("1000", "CAD"));
    expect(money("1000", "CHF")).toBe("CHF\u00a01,000.00");
    expect(currencySymbol("CHF")).toBe("CHF ");
    expect(currencySymbol("CAD")).toBe("CA$");
    expect(currencySymbol("USD")).toBe("$");
  });

  it("takes a figure with more than 20 decimals (an engine quotient) to its 20th, where Intl stops", () => {
    expect(money("0.00499999999999999999999999", "USD")).toBe("$0.00500000000000000000");
    expect(money("1.123456789012345678904", "USD")).toBe("$1.12345678901234567890");
  });

  it("rounds to the digits asked for, half away from zero", () => {
    expect(formatMoney("1234.5", "USD", 0)).toBe("$1,235");
    expect(formatMoney("-0.125", "USD", 2)).toBe("-$0.13");
  });
});

describe("dates", () => {
  it("have one style everywhere: '3 Sep 2026' (never 'Sept', never a long month)", () => {
    expect(day("2026-09-03")).toBe("3 Sep 2026");
    expect(formatDate("2026-09-03")).toBe("3 Sep 2026");
    expect(formatDateTime(new Date("2026-09-03T17:40:05Z"))).toBe("3 Sep 2026, 17:40:05 UTC");
    expect(formatDateTimeMinute("2026-09-03T17:40:05Z")).toBe("3 Sep 2026, 17:40 UTC");
  });

  it("name periods by their month", () => {
    expect(periodTick("2026-09")).toBe("Sep 2026");
    expect(formatPeriod("2026-09-01", "month")).toBe("Sep 2026");
    expect(formatPeriod("2026-09-07", "week")).toBe("7 Sep");
    expect(formatPeriod("2026-W37", "week")).toBe("2026-W37");
  });
});
