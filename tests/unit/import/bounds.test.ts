// Bad bytes and bounds: control characters, damaged encodings, oversized cells, numbers and dates
// out of range, and zip bombs are refused with the row (or the file) named, never stored.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { collectUsageFile } from "@/lib/import/parse";
import { xlsxProblem } from "@/lib/import/xlsx-guard";
import { parseCsvText } from "@/tests/unit/import/helpers";

const MAPPING = { columns: { periodStart: "Date", agent: "Agent", credits: "Credits", cost: "Cost" } };
const csv = (...rows: string[]) => ["Date,Agent,Credits,Cost", ...rows].join("\n");

describe("bad bytes", () => {
  it("a NUL byte in one cell refuses that row by name; the file is not importable and nothing is yielded after it", async () => {
    const { rows, summary } = await parseCsvText(csv("2026-01-01,Service Agent,20,1", "2026-01-02,Serv\u0000ice,20,1", "2026-01-03,SDR,20,1"), MAPPING);
    expect(summary.importable).toBe(false);
    expect(summary.errors).toEqual([
      { row: 3, column: "Agent", value: null, message: "row 3: Agent contains a NUL byte (U+0000): the file is damaged or not text; nothing of it was read as usage" },
    ]);
    expect(rows.every((r) => r.sourceRow < 3)).toBe(true);
    // the other rows were still read and checked
    expect(summary.validRowCount).toBe(2);
  });

  it("other control characters and bytes that are not UTF-8 are refused too, in any column", async () => {
    const text = Buffer.concat([Buffer.from(csv("2026-01-01,Bell\u0007,20,1", "2026-01-02,A,20,1") + "\n2026-01-03,"), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from(",20,1\n")]);
    const { summary } = await collectUsageFile(Readable.from([text]), { format: "csv", mapping: MAPPING });
    expect(summary.errors.map((e) => e.message)).toEqual([
      "row 2: Agent contains a control character (U+0007): the file is damaged or not text; nothing of it was read as usage",
      "row 4: Agent contains bytes that are not UTF-8 text (shown as U+FFFD): the file is damaged or not text; nothing of it was read as usage",
    ]);
  });

  it("UTF-16 with its byte-order mark is read; without one it is refused as a whole, saying how to save it", async () => {
    const text = csv("2026-01-01,A,20,1");
    const marked = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const ok = await collectUsageFile(Readable.from([marked]), { format: "csv", mapping: MAPPING });
    expect(ok.rows.map((r) => [r.agent, r.credits])).toEqual([["A", "20"]]);
    const bare = await collectUsageFile(Readable.from([Buffer.from(text, "utf16le")]), { format: "csv", mapping: MAPPING });
    expect(bare.summary.importable).toBe(false);
    expect(bare.summary.fileError).toMatch(/^the header row holds control characters or bytes that are not UTF-8 text.*save it as CSV UTF-8/);
  });
});

describe("bounds", () => {
  it("numbers: finite, at most 15 digits before the point and 20 significant digits", async () => {
    const thousand = "9".repeat(1000);
    const { summary } = await parseCsvText(
      csv(
        "2026-01-01,A,1e309,1",
        `2026-01-02,A,${thousand},1`,
        "2026-01-03,A,1234567890.12345678901,1",
        "2026-01-04,A,123456789012345.12345,1",
        "2026-01-05,A,0.000000000000000000001,1",
      ),
      MAPPING,
    );
    expect(summary.errors.map((e) => [e.row, e.message.replace(/'[^']*'/, "'…'")])).toEqual([
      [2, "row 2: Credits '…' has 310 digits before the decimal point (at most 15)"],
      [3, "row 3: Credits '…' has 1000 digits before the decimal point (at most 15)"],
      [4, "row 4: Credits '…' has 21 significant digits (at most 20)"],
    ]);
    // 15 digits + 5 decimals = 20 significant: fine; so is a tiny 1e-21
    expect(summary.validRowCount).toBe(2);
  });

  it("dates: within 2000–2100", async () => {
    const { summary } = await parseCsvText(csv("9999-12-31,A,20,1", "1999-12-31,A,20,1", "2000-01-01,A,20,1", "2100-12-31,A,20,1"), MAPPING);
    expect(summary.errors.map((e) => e.message)).toEqual([
      "row 2: Date '9999-12-31' is outside the years 2000–2100",
      "row 3: Date '1999-12-31' is outside the years 2000–2100",
    ]);
  });

  it("text: an agent as long as the form allows (200), a cell as long as Excel allows (32,767)", async () => {
    const agent200 = "a".repeat(200);
    const agent201 = "a".repeat(201);
    const huge = "x".repeat(5 * 1024 * 1024);
    const { summary } = await parseCsvText(csv(`2026-01-01,${agent200},20,1`, `2026-01-02,${agent201},20,1`, `2026-01-03,${huge},20,1`), MAPPING, {}, 64 * 1024);
    expect(summary.errors.map((e) => e.message)).toEqual([
      "row 3: Agent is 201 characters long (at most 200)",
      "row 4: Agent is 5,242,880 characters long; a cell may hold at most 32,767",
    ]);
  });

  it("negative amounts only where the category allows: credits and adjustments may be negative, usage not", async () => {
    const mapping = { columns: { periodStart: "Date", category: "Type", cost: "Cost" } };
    const { rows, summary } = await parseCsvText(["Date,Type,Cost", "2026-01-01,Usage,-5", "2026-01-01,Credit,-3", "2026-01-01,Adjustment,-1"].join("\n"), mapping);
    expect(summary.errors.map((e) => e.message)).toEqual(["row 2: Cost '-5' is negative; only credits, adjustments and corrections may be negative (this row is Usage)"]);
    expect(summary.validRowCount).toBe(2);
    expect(rows).toEqual([]);
  });
});

async function workbookWith(rows: Array<Array<string | number>>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Usage");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("XLSX limits", () => {
  it("a workbook whose one shared string inflates to 80 MiB is refused before it is read, as a zip bomb", { timeout: 60_000 }, async () => {
    const good = await workbookWith([["Date", "Agent", "Credits"], ["2026-01-01", "A", 20]]);
    const parts = unzipSync(good);
    // one shared string of 80 MiB: deflates to about 80 KiB
    const bomb = new Uint8Array(80 * 1024 * 1024).fill(0x61);
    const head = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>');
    const tail = strToU8("</t></si></sst>");
    const shared = new Uint8Array(head.length + bomb.length + tail.length);
    shared.set(head, 0);
    shared.set(bomb, head.length);
    shared.set(tail, head.length + bomb.length);
    parts["xl/sharedStrings.xml"] = shared;
    const zipped = zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, [v, { level: 9 }]])));
    expect(zipped.length).toBeLessThan(1024 * 1024);
    const problem = await xlsxProblem(zipped);
    expect(problem).toMatch(/^the workbook's part xl\/sharedStrings\.xml inflates to more than 64 MiB from \d+ KiB; refused/);
    const { summary } = await collectUsageFile(Readable.from([Buffer.from(zipped)]), { format: "xlsx", mapping: { columns: { periodStart: "Date", credits: "Credits" } } });
    expect(summary.importable).toBe(false);
    expect(summary.fileError).toMatch(/^the file could not be read as an XLSX workbook: the workbook's part xl\/sharedStrings\.xml inflates to more than 64 MiB/);
  });

  it("a file that is not a zip at all is refused as not a workbook", async () => {
    const { summary } = await collectUsageFile(Readable.from([Buffer.from("Date,Credits\n2026-01-01,20\n")]), { format: "xlsx", mapping: { columns: { periodStart: "Date", credits: "Credits" } } });
    expect(summary.fileError).toBe("the file could not be read as an XLSX workbook: the file is not an XLSX workbook (an XLSX file is a zip archive; this one does not start like one)");
  });

  it("a good workbook passes the guard and reads", async () => {
    const good = await workbookWith([["Date", "Agent", "Credits"], ["2026-01-01", "A", 20]]);
    expect(await xlsxProblem(good)).toBeNull();
    const { rows, summary } = await collectUsageFile(Readable.from([Buffer.from(good)]), { format: "xlsx", mapping: { columns: { periodStart: "Date", agent: "Agent", credits: "Credits" } } });
    expect(summary.errors).toEqual([]);
    expect(rows.map((r) => [r.periodStart, r.agent, r.credits])).toEqual([["2026-01-01", "A", "20"]]);
  });
});
