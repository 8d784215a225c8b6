// All or nothing: every bad row is listed with its spreadsheet row number and a reason naming the
// column and the value, and a file with any bad row is not importable.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { collectUsageFile, parseUsageFile } from "@/lib/import/parse";
import { BASIC_MAPPING, parseCsvText, streamOf } from "@/tests/unit/import/helpers";

const HEADER = "Date,Agent,Skill,Environment,Actions,Credits,Cost,Currency";

describe("bad rows", () => {
  it("two bad rows: both reported with row number, column and value; nothing importable", async () => {
    const text = [
      HEADER,
      "2025-04-01,A,S,prod,1,20,0.10,USD",
      "2025-04-01,A,S,prod,1,20,0.10,USD",
      "2025-04-02,A,S,prod,1,20,0.10,USD",
      "2025-04-02,A,S,prod,1,20,0.10,USD",
      "2025-04-03,A,S,prod,1,20,0.10,USD",
      "2025-04-03,A,S,prod,1,abc,0.10,USD",
      "2025-04-04,A,S,prod,1,20,0.10,USD",
      "2025-02-30,A,S,prod,1,20,0.10,USD",
      "2025-04-05,A,S,prod,1,20,0.10,USD",
    ].join("\n");
    const { rows, summary } = await parseCsvText(text, BASIC_MAPPING);
    expect(summary.importable).toBe(false);
    expect(summary.fileError).toBeNull();
    expect(summary.badRowCount).toBe(2);
    expect(summary.errors).toEqual([
      { row: 7, column: "Credits", value: "abc", message: "row 7: Credits 'abc' is not a number" },
      { row: 9, column: "Date", value: "2025-02-30", message: "row 9: Date '2025-02-30' is not a date (expected YYYY-MM-DD)" },
    ]);
    expect(summary.rowCount).toBe(9);
    expect(summary.validRowCount).toBe(7);
    // The import is void: rows before the first bad one may have been yielded, none after it.
    expect(rows.every((r) => r.sourceRow < 7)).toBe(true);
  });

  it("every problem of a row is listed: empty date, unknown currency, end before start", async () => {
    const text = ["Date,End,Credits,Currency", ",2025-01-01,5,dollars", "2025-03-02,2025-03-01,5,USD"].join("\n");
    const { summary } = await parseCsvText(text, { columns: { periodStart: "Date", periodEnd: "End", credits: "Credits", currency: "Currency" } });
    expect(summary.errors.map((e) => e.message)).toEqual([
      "row 2: Date is empty; every row needs a period start date",
      "row 2: Currency 'dollars' is not a three-letter currency code",
      "row 3: End '2025-03-01' is before Date '2025-03-02'",
    ]);
    expect(summary.badRowCount).toBe(2);
  });

  it("row numbers are the spreadsheet's: blank lines count, a quoted multi-line cell is one row", async () => {
    const text = [HEADER, "2025-04-01,A,S,prod,1,20,0.10,USD", "", '2025-04-01,"Agent', 'on two lines",S,prod,1,20,0.10,USD', "2025-04-01,A,S,prod,1,x,0.10,USD"].join("\n");
    const { summary } = await parseCsvText(text, BASIC_MAPPING);
    expect(summary.blankRowCount).toBe(1);
    expect(summary.errors.map((e) => e.row)).toEqual([5]);
  });

  it("a row with more cells than the header is reported (misquoting), trailing empty cells are not", async () => {
    const text = [HEADER, "2025-04-01,A,S,prod,1,20,0.10,USD,,", "2025-04-01,A,S,prod,1,20,0,10,USD"].join("\n");
    const { summary } = await parseCsvText(text, BASIC_MAPPING);
    expect(summary.errors.map((e) => e.message)).toEqual([
      "row 3: 9 cells but the header has 8 columns (check the quoting or the delimiter)",
      "row 3: Currency '10' is not a three-letter currency code",
    ]);
  });

  it("the list is capped; the rest are counted", async () => {
    const bad = Array.from({ length: 25 }, (_, i) => `2025-04-01,A,S,prod,1,bad${i},0.10,USD`);
    const { summary } = await parseCsvText([HEADER, ...bad].join("\n"), BASIC_MAPPING, { maxIssues: 10 });
    expect(summary.errors.length).toBe(10);
    expect(summary.omittedErrorCount).toBe(15);
    expect(summary.badRowCount).toBe(25);
    expect(summary.errors[9]?.row).toBe(11);
  });

  it("an unreadable file is a file error, not an exception", async () => {
    const { summary } = await parseCsvText([HEADER, '2025-04-01,"unclosed,S,prod,1,20,0.10,USD'].join("\n"), BASIC_MAPPING);
    expect(summary.importable).toBe(false);
    expect(summary.fileError).toMatch(/^the file could not be read as CSV: .*quote/i);
  });

  it("an empty file, or a header without rows, is not importable", async () => {
    expect((await parseCsvText("", BASIC_MAPPING)).summary.fileError).toBe("the file is empty: no header row");
    expect((await parseCsvText(`${HEADER}\n\n`, BASIC_MAPPING)).summary.fileError).toBe("the file has a header but no data rows");
  });

  it("FOCUS Tags that are not JSON only warn; a tagged environment is read", async () => {
    const text = [
      "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BillingCurrency,BilledCost,Tags,SubAccountName",
      '2025-01-01,2025-01-02,Usage,USD,1,"{""env"":""sandbox""}",Acme Production',
      "2025-01-01,2025-01-02,Usage,USD,1,{not json,Acme Production",
      "2025-01-01,2025-01-02,Usage,USD,1,,Acme",
    ].join("\n");
    const { rows, summary } = await parseCsvText(text);
    expect(summary.importable).toBe(true);
    expect(summary.focus?.version).toBe("1.0");
    expect(summary.warnings.map((w) => w.message)).toEqual(["row 3: Tags '{not json' is not a JSON object; ignored"]);
    expect(rows.map((r) => [r.environment, r.focus?.tags ?? null])).toEqual([
      ["nonProduction", '{"env":"sandbox"}'],
      ["production", null],
      [null, null],
    ]);
  });

  it("a consumer that stops early releases the stream", async () => {
    const lines = Array.from({ length: 50 }, () => "2025-04-01,A,S,prod,1,20,0.10,USD");
    const input = streamOf([HEADER, ...lines].join("\n"), 64);
    const parse = parseUsageFile(input, { format: "csv", mapping: BASIC_MAPPING, batchSize: 10 });
    const first = await parse.next();
    expect(first.done).toBe(false);
    await parse.return(undefined as never);
    expect(input.destroyed).toBe(true);
  });
});

describe("failing input streams", () => {
  function failing(head: Buffer): Readable {
    let sent = false;
    return new Readable({
      read() {
        if (!sent) {
          sent = true;
          this.push(head);
        } else {
          this.destroy(new Error("connection reset"));
        }
      },
    });
  }

  it("CSV: an input error mid-file is a file error", async () => {
    const head = Buffer.from(`${HEADER}\n${"2025-04-01,A,S,prod,1,20,0.10,USD\n".repeat(20)}`);
    const { summary } = await collectUsageFile(failing(head), { format: "csv", mapping: BASIC_MAPPING });
    expect(summary.importable).toBe(false);
    expect(summary.fileError).toBe("the file could not be read as CSV: connection reset");
  });

  it("XLSX: an input error mid-file is a file error, not a hang", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Usage");
    ws.addRow(["Date", "Credits"]);
    for (let i = 0; i < 2000; i++) ws.addRow([`2025-01-${String(1 + (i % 28)).padStart(2, "0")}`, `${i} credits for agent ${i % 13}`]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const { summary } = await collectUsageFile(failing(bytes.subarray(0, Math.floor(bytes.length / 2))), {
      format: "xlsx",
      mapping: { columns: { periodStart: "Date", credits: "Credits" } },
    });
    expect(summary.importable).toBe(false);
    expect(summary.fileError).toBe("the file could not be read as an XLSX workbook: connection reset");
  });
});
