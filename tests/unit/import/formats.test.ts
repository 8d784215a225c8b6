// Date order and decimal separator decided from the data, and reported with the reason.
import { describe, expect, it } from "vitest";
import type { UsageMapping } from "@/lib/import/mapping";
import { parseCsvText } from "@/tests/unit/import/helpers";

const MAPPING: UsageMapping = { columns: { periodStart: "Date", periodEnd: "End", credits: "Credits" } };

function file(delimiter: string, rows: Array<[string, string, string]>): string {
  return [["Date", "End", "Credits"], ...rows].map((r) => r.join(delimiter)).join("\n");
}

describe("date order", () => {
  it("US M/D/YYYY: a day above 12 in second place proves month first", async () => {
    const text = file(",", [["4/1/2025", "4/2/2025", "1"], ["4/13/2025", "4/14/2025", "2"]]);
    const { rows, summary } = await parseCsvText(text, MAPPING);
    expect(summary.dates).toMatchObject({ order: "mdy", patterns: ["M/D/YYYY"], confidence: "certain" });
    expect(summary.dates?.reason).toContain("'4/13/2025' (row 3, Date) can only be read month first");
    expect(rows.map((r) => r.periodStart)).toEqual(["2025-04-01", "2025-04-13"]);
  });

  it("European D/M/YYYY: a day above 12 in first place proves day first", async () => {
    const text = file(";", [["01/04/2025", "02/04/2025", "1"], ["13/04/2025", "14/04/2025", "2"]]);
    const { rows, summary } = await parseCsvText(text, MAPPING);
    expect(summary.dates).toMatchObject({ order: "dmy", patterns: ["D/M/YYYY"], confidence: "certain" });
    expect(rows.map((r) => r.periodStart)).toEqual(["2025-04-01", "2025-04-13"]);
  });

  it("European D.M.YYYY is day first by its dots", async () => {
    const text = file(";", [["01.04.2025", "02.04.2025", "1"]]);
    const { rows, summary } = await parseCsvText(text, MAPPING);
    expect(summary.dates).toMatchObject({ order: "dmy", patterns: ["D.M.YYYY"], confidence: "certain" });
    expect(rows[0]?.periodStart).toBe("2025-04-01");
  });

  it("ISO dates need no decision", async () => {
    const text = file(",", [["2025-04-01", "2025-04-02T00:00:00Z", "1"]]);
    const { rows, summary } = await parseCsvText(text, MAPPING);
    expect(summary.dates?.order).toBe("ymd");
    expect(summary.dates?.confidence).toBe("certain");
    expect(rows[0]?.periodEnd).toBe("2025-04-02");
  });

  it("periods that would end before they start rule a reading out", async () => {
    // Read month first, 3/2 → 2/3 ends before it starts; day first it is 3 Feb → 2 Mar.
    const text = file(",", [["3/2/2025", "2/3/2025", "1"]]);
    const { rows, summary } = await parseCsvText(text, MAPPING);
    expect(summary.dates).toMatchObject({ order: "dmy", confidence: "inferred" });
    // 3 Feb → 2 Mar spans two months: spread by days, 26 in February and 1 in March (27 in all).
    expect(rows.map((r) => [r.periodStart, r.periodEnd, r.spread?.days, r.spread?.totalDays])).toEqual([
      ["2025-02-03", "2025-03-01", 26, 27],
      ["2025-03-01", "2025-03-02", 1, 27],
    ]);
  });

  it("undecidable dates are assumed month first, or day first in a ';' file, and say so", async () => {
    const us = await parseCsvText(file(",", [["3/4/2025", "", "1"], ["5/6/2025", "", "1"]]), MAPPING);
    expect(us.summary.dates).toMatchObject({ order: "mdy", confidence: "assumed" });
    expect(us.summary.dates?.reason).toMatch(/no date proves the order.*set dateOrder in the mapping/);
    const eu = await parseCsvText(file(";", [["3/4/2025", "", "1"], ["5/6/2025", "", "1"]]), MAPPING);
    expect(eu.summary.dates).toMatchObject({ order: "dmy", confidence: "assumed" });
    expect(eu.rows[0]?.periodStart).toBe("2025-04-03");
  });

  it("the mapping can fix the order", async () => {
    const { rows, summary } = await parseCsvText(file(",", [["3/4/2025", "", "1"]]), { ...MAPPING, dateOrder: "dmy" });
    expect(summary.dates).toMatchObject({ order: "dmy", confidence: "given" });
    expect(rows[0]?.periodStart).toBe("2025-04-03");
  });

  it("a row contradicting the detected order is reported with the expected shape", async () => {
    const text = file(",", [["4/13/2025", "", "1"], ["13/4/2025", "", "1"], ["4/14/2025", "", "1"]]);
    const { summary } = await parseCsvText(text, MAPPING);
    expect(summary.dates?.order).toBe("mdy");
    expect(summary.errors.map((e) => e.message)).toEqual(["row 3: Date '13/4/2025' is not a date (expected M/D/YYYY or YYYY-MM-DD)"]);
  });
});

describe("numbers", () => {
  it("US 1,234.56 and European 1.234,56 are told apart by the data", async () => {
    const us = await parseCsvText(file(",", [["2025-01-01", "", '"1,234.56"'], ["2025-01-02", "", '"12,000"']]), MAPPING);
    expect(us.summary.numbers).toMatchObject({ decimalSeparator: ".", thousandsSeparator: ",", confidence: "certain" });
    expect(us.rows.map((r) => r.credits)).toEqual(["1234.56", "12000"]);

    const eu = await parseCsvText(file(";", [["2025-01-01", "", "1.234,56"], ["2025-01-02", "", "12.000"]]), MAPPING);
    expect(eu.summary.numbers).toMatchObject({ decimalSeparator: ",", thousandsSeparator: ".", confidence: "certain" });
    expect(eu.rows.map((r) => r.credits)).toEqual(["1234.56", "12000"]);
  });

  it("a single comma followed by other than three digits is a decimal comma", async () => {
    const { rows, summary } = await parseCsvText(file(";", [["2025-01-01", "", "0,5"], ["2025-01-02", "", "1.500"]]), MAPPING);
    expect(summary.numbers?.decimalSeparator).toBe(",");
    expect(rows.map((r) => r.credits)).toEqual(["0.5", "1500"]);
  });

  it("1,234 alone is ambiguous: a decimal point is assumed in a ',' file and reported", async () => {
    const { rows, summary } = await parseCsvText(file(",", [["2025-01-01", "", '"1,234"']]), MAPPING);
    expect(summary.numbers).toMatchObject({ decimalSeparator: ".", confidence: "assumed" });
    expect(summary.numbers?.reason).toContain("could be a decimal or a grouped thousand");
    expect(rows[0]?.credits).toBe("1234");
  });

  it("currency symbols: '€ 1.234,50' is 1234.5 and the symbol is reported", async () => {
    const { rows, summary } = await parseCsvText(file(";", [["2025-01-01", "", "€ 1.234,50"], ["2025-01-02", "", "3,5 €"]]), MAPPING);
    expect(summary.numbers?.currencySymbols).toEqual(["€"]);
    expect(rows.map((r) => r.credits)).toEqual(["1234.5", "3.5"]);
  });

  it("blanks stay null; a row with no measure at all is reported", async () => {
    const { summary } = await parseCsvText(file(";", [["2025-01-01", "", "5"], ["2025-01-02", "", ""]]), {
      columns: { periodStart: "Date", cost: "Credits", actions: "End" },
    });
    expect(summary.errors).toEqual([
      { row: 3, column: null, value: null, message: "row 3: no value in End, Credits: a usage row needs actions, credits or cost" },
    ]);
  });
});
