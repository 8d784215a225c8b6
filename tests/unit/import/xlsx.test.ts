// An XLSX workbook (real Excel dates and numbers, made here with exceljs) parses to the same rows as
// the equivalent CSV, keys included.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { collectUsageFile, previewUsageFile } from "@/lib/import/parse";
import type { ImportProgress } from "@/lib/import/types";
import { BASIC_MAPPING, parseCsvText } from "@/tests/unit/import/helpers";

const HEADER = ["Date", "Agent", "Skill", "Environment", "Actions", "Credits", "Cost", "Currency"];
const ROWS: Array<[Date, string, string, string, number, number, number | null, string]> = [
  [new Date(Date.UTC(2025, 3, 1)), "Service Agent", "Answer Question", "Production", 1200, 24000, 120, "USD"],
  [new Date(Date.UTC(2025, 3, 13)), "Service Agent", "Answer Question", "Sandbox", 300, 6000, null, "USD"],
  [new Date(Date.UTC(2025, 11, 31)), "SDR Agent", "Draft Email", "UAT", 7, 140.5, 0.7025, "USD"],
  [new Date(Date.UTC(2025, 11, 31)), "SDR Agent", "Draft Email", "UAT", 7, 140.5, 0.7025, "USD"],
];

async function workbook(options: { dateCells: "date" | "serial"; leadingBlankRows?: number }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Usage");
  for (let i = 0; i < (options.leadingBlankRows ?? 0); i++) ws.addRow([]);
  ws.addRow(HEADER);
  for (const [date, ...rest] of ROWS) {
    // Excel's day number for the date (1900 system): days since 1899-12-30.
    const serial = (date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
    const row = ws.addRow([options.dateCells === "date" ? date : serial, ...rest]);
    if (options.dateCells === "date") row.getCell(1).numFmt = "yyyy-mm-dd";
  }
  ws.addRow(["Totals are not rows", null, null, null, null, null, null, null]).getCell(1).value = null;
  const second = wb.addWorksheet("Notes");
  second.addRow(["ignored"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CSV = [
  HEADER.join(","),
  "4/1/2025,Service Agent,Answer Question,Production,1200,24000,120,USD",
  "4/13/2025,Service Agent,Answer Question,Sandbox,300,6000,,USD",
  "12/31/2025,SDR Agent,Draft Email,UAT,7,140.50,0.7025,USD",
  "12/31/2025,SDR Agent,Draft Email,UAT,7,140.50,0.7025,USD",
].join("\n");

describe("XLSX", () => {
  it("Excel date cells: same rows and keys as the CSV", async () => {
    const bytes = await workbook({ dateCells: "date" });
    let last: ImportProgress | null = null;
    const xlsx = await collectUsageFile(Readable.from([bytes]), {
      format: "xlsx",
      mapping: BASIC_MAPPING,
      totalBytes: bytes.length,
      onProgress: (p) => (last = p),
    });
    expect(last).toMatchObject({ fraction: 1, rows: 4, done: true });
    const csv = await parseCsvText(CSV, BASIC_MAPPING);
    expect(xlsx.summary.errors).toEqual([]);
    expect(xlsx.summary.importable).toBe(true);
    expect(xlsx.summary.sheetName).toBe("Usage");
    expect(xlsx.summary.dates?.patterns).toEqual(["Excel date"]);
    expect(csv.rows.length).toBe(4);
    expect(xlsx.rows).toEqual(csv.rows);
  });

  it("dates stored as bare serial numbers are read as Excel day numbers", async () => {
    const bytes = await workbook({ dateCells: "serial" });
    const xlsx = await collectUsageFile(Readable.from([bytes]), { format: "xlsx", mapping: BASIC_MAPPING });
    expect(xlsx.summary.dates?.patterns).toEqual(["Excel serial number"]);
    expect(xlsx.rows.map((r) => r.periodStart)).toEqual(["2025-04-01", "2025-04-13", "2025-12-31", "2025-12-31"]);
  });

  it("row numbers are the sheet's, also below blank rows; preview shows them", async () => {
    const bytes = await workbook({ dateCells: "date", leadingBlankRows: 2 });
    const xlsx = await collectUsageFile(Readable.from([bytes]), { format: "xlsx", mapping: BASIC_MAPPING });
    expect(xlsx.rows.map((r) => r.sourceRow)).toEqual([4, 5, 6, 7]);
    const preview = await previewUsageFile(Readable.from([bytes]), { format: "xlsx", rows: 2 });
    expect(preview.headerRow).toBe(3);
    expect(preview.rows).toEqual([
      { row: 4, cells: ["2025-04-01", "Service Agent", "Answer Question", "Production", "1200", "24000", "120", "USD"] },
      { row: 5, cells: ["2025-04-13", "Service Agent", "Answer Question", "Sandbox", "300", "6000", null, "USD"] },
    ]);
    expect(preview.mapping.columns).toMatchObject({ periodStart: "Date", credits: "Credits", cost: "Cost" });
  });

  it("a named worksheet can be chosen; a missing one is a file error", async () => {
    const bytes = await workbook({ dateCells: "date" });
    const notes = await collectUsageFile(Readable.from([bytes]), { format: "xlsx", sheet: "Notes", mapping: { columns: { periodStart: "ignored", credits: "ignored" } } });
    expect(notes.summary.sheetName).toBe("Notes");
    expect(notes.summary.fileError).toBe("the file has a header but no data rows");
    const missing = await collectUsageFile(Readable.from([bytes]), { format: "xlsx", sheet: "Nope", mapping: BASIC_MAPPING });
    expect(missing.summary.fileError).toMatch(/no worksheet "Nope"/);
  });

  it("a file that is not a workbook is a file error", async () => {
    const { summary } = await collectUsageFile(Readable.from([Buffer.from("Date,Credits\n2025-01-01,1\n")]), { format: "xlsx", mapping: BASIC_MAPPING });
    expect(summary.importable).toBe(false);
    expect(summary.fileError).toMatch(/^the file could not be read as an XLSX workbook/);
  });
});
