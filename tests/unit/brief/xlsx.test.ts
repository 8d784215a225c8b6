// The brief's Excel export: rendered from every fixture in tests/fixtures/brief/, read back with
// exceljs, and checked for its sheets, for money and credits as number cells equal to the
// content's decimal strings with formats that print them as lib/brief/format.ts does, for dates as
// date cells, for the frozen bold header row, and for the ledgers and their totals.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { renderBriefXlsx, sheetName } from "@/lib/brief/export/xlsx";
import { asksTable, scenarioTable, type PresentedTable } from "@/lib/brief/present";
import { count, currencySymbol, day, ROLE_LABELS, AT_STAKE_LABEL } from "@/lib/brief/format";
import { BRIEF_FIXTURES, loadBriefFixture } from "@/tests/support/brief-fixtures";
import type { BriefContent } from "@/lib/brief/types";

const FIXTURES = BRIEF_FIXTURES;

const load = loadBriefFixture;

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}; have ${wb.worksheets.map((w) => w.name).join(", ")}`);
  return ws;
}

/** The first row from `from` on whose column A reads `label`. */
function rowLabelled(ws: ExcelJS.Worksheet, label: string, from = 1): ExcelJS.Row {
  for (let r = from; r <= ws.rowCount; r += 1) {
    const row = ws.getRow(r);
    if (row.getCell(1).value === label) return row;
  }
  throw new Error(`no row "${label}" in ${ws.name}`);
}

function utc(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

/** A money cell: the number, with a currency format that keeps the cents. */
function expectMoney(cell: ExcelJS.Cell, value: string | null, currency: string): void {
  if (value === null) {
    expect(cell.value ?? null).toBeNull();
    return;
  }
  expect(typeof cell.value).toBe("number");
  expect(cell.value).toBe(Number(value));
  expect(cell.numFmt).toContain(`"${currencySymbol(currency)}"`);
  expect(cell.numFmt).toMatch(/#,##0\.00/);
}

function expectCredits(cell: ExcelJS.Cell, value: string): void {
  expect(cell.value).toBe(Number(value));
  expect(cell.numFmt).toMatch(/^#,##0(\.0+)?$/);
}

function expectDate(cell: ExcelJS.Cell, iso: string | null): void {
  if (iso === null) {
    expect(cell.value ?? null).toBeNull();
    return;
  }
  expect(cell.value).toBeInstanceOf(Date);
  expect((cell.value as Date).toISOString()).toBe(utc(iso).toISOString());
  expect(cell.numFmt).toBe("yyyy-mm-dd");
}

function expectFrozenBoldHeader(ws: ExcelJS.Worksheet): void {
  const view = ws.views[0] as { state?: string; ySplit?: number } | undefined;
  expect(view?.state).toBe("frozen");
  expect(view?.ySplit).toBe(1);
  expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
  expect(ws.getColumn(1).width).toBeGreaterThan(0);
}

it("has fixtures to render", () => {
  expect(FIXTURES.length).toBeGreaterThan(0);
});

describe.each(FIXTURES)("XLSX of %s", (file) => {
  const content = load(file);
  const { currency } = content;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    wb = await read(await renderBriefXlsx(content));
  });

  it("has the brief's sheets, a ledger sheet per ledger, and valid sheet names", () => {
    const names = wb.worksheets.map((w) => w.name);
    for (const name of ["Summary", "Scenarios", "Asks", "Risks", "Timeline", "Assumptions"]) expect(names).toContain(name);
    const ledgerNames = names.filter((n) => n.startsWith("Ledger"));
    expect(ledgerNames).toHaveLength(content.ledgers.length);
    content.ledgers.forEach((l, i) => expect(ledgerNames[i]).toBe(`Ledger – ${ROLE_LABELS[l.role]}`.slice(0, 31)));
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[\\/?*[\]:]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it("holds the summary costs as numbers in the currency's format, and the recommendation as text", () => {
    const ws = sheet(wb, "Summary");
    expectFrozenBoldHeader(ws);
    const vendor = rowLabelled(ws, ROLE_LABELS.vendor);
    expect(vendor.getCell(3).value).toBe(Number(content.summary.vendor.p50));
    expectMoney(vendor.getCell(2), content.summary.vendor.p10, currency);
    expectMoney(vendor.getCell(3), content.summary.vendor.p50, currency);
    expectMoney(vendor.getCell(4), content.summary.vendor.p90, currency);
    const asks = rowLabelled(ws, ROLE_LABELS.asks);
    expectMoney(asks.getCell(3), content.summary.asks.p50, currency);
    if (content.summary.walkAway) expectMoney(rowLabelled(ws, ROLE_LABELS.walkAway).getCell(3), content.summary.walkAway.p50, currency);
    const stake = rowLabelled(ws, `${AT_STAKE_LABEL} (vendor − asks)`);
    expectMoney(stake.getCell(3), content.summary.atStakeP50, currency);
    expectMoney(stake.getCell(4), content.summary.atStakeP90, currency);
    expect(rowLabelled(ws, "Recommendation").getCell(2).value).toBe(content.summary.recommendation);
    content.summary.points.forEach((p, i) => expect(rowLabelled(ws, `Point ${i + 1}`).getCell(2).value).toBe(p));
    expectDate(rowLabelled(ws, "Prepared on").getCell(2), content.preparedOn);
  });

  /** A sheet holds the presented table: every money cell a number in the currency's format, every date a date. */
  function expectPresented(ws: ExcelJS.Worksheet, t: PresentedTable) {
    expect(ws.getRow(1).values).toEqual([undefined, ...t.columns.map((c) => c.label), ...(t.rows.some((r) => r.note) ? ["Notes"] : [])]);
    t.rows.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      r.cells.forEach((c, j) => {
        const cell = row.getCell(j + 1);
        if (c.kind === "money") expectMoney(cell, (c.value as string | null) ?? null, currency);
        else if (c.kind === "date" && c.value) expectDate(cell, c.value as string);
        else if (c.kind === "text") expect(cell.value ?? "").toBe(c.text);
      });
      if (r.note) expect(row.getCell(r.cells.length + 1).value).toBe(r.note);
    });
  }

  it("lists the scenarios with their costs to serve, unserved demand and run-out dates", () => {
    const ws = sheet(wb, "Scenarios");
    expectFrozenBoldHeader(ws);
    expectPresented(ws, scenarioTable(content));
    content.scenarios.forEach((s, i) => expect(ws.getRow(i + 2).getCell(1).value).toBe(s.name));
  });

  it("ranks the asks with their savings as money and the justification as text, and the lines that add up", () => {
    const ws = sheet(wb, "Asks");
    expectFrozenBoldHeader(ws);
    const t = asksTable(content);
    expectPresented(ws, t);
    [...content.asks]
      .sort((a, b) => a.rank - b.rank)
      .forEach((ask, i) => {
        const row = ws.getRow(i + 2);
        expect(row.getCell(1).value).toBe(ask.rank);
        expectMoney(row.getCell(3), ask.savingP50, currency);
        expect(String(row.getCell(t.columns.length + 1).value)).toContain(ask.justification);
      });
    if (content.asksPackage) {
      const pkg = ws.getRow(t.rows.findIndex((r) => r.key === "package") + 2);
      expect(pkg.getCell(2).value).toBe("All asks together");
      expectMoney(pkg.getCell(3), content.asksPackage.savingP50, currency);
      expectMoney(pkg.getCell(4), content.asksPackage.savingP90, currency);
    }
  });

  it("gives each risk its credits and amount", () => {
    const ws = sheet(wb, "Risks");
    expectFrozenBoldHeader(ws);
    content.risks.forEach((risk, i) => {
      const row = ws.getRow(i + 2);
      expectCredits(row.getCell(5), risk.credits);
      expectMoney(row.getCell(6), risk.amount, currency);
      expect(row.getCell(7).value).toBe(risk.sentence);
    });
  });

  it("dates the timeline with real date cells", () => {
    const ws = sheet(wb, "Timeline");
    expectFrozenBoldHeader(ws);
    // in date order (events of one day in the brief's order), the notice deadline in bold
    const events = [...content.timeline].sort((a, b) => a.date.localeCompare(b.date));
    events.forEach((event, i) => {
      const row = ws.getRow(i + 2);
      expectDate(row.getCell(1), event.date);
      expect(row.getCell(2).value).toBe(event.label);
      expect(Boolean(row.font?.bold)).toBe(event.kind === "notice");
    });
  });

  it("records the assumptions and every input", () => {
    const ws = sheet(wb, "Assumptions");
    expectFrozenBoldHeader(ws);
    content.assumptions.forEach((a, i) => {
      expect(ws.getRow(i + 2).getCell(1).value).toBe(a.label);
      expect(ws.getRow(i + 2).getCell(2).value).toBe(a.value);
    });
    const { inputs } = content;
    // The inputs follow their own header row, below the assumptions.
    const start = rowLabelled(ws, "Input", content.assumptions.length + 2);
    expect(start.getCell(1).font?.bold).toBe(true);
    const input = (label: string) => rowLabelled(ws, label, start.number).getCell(2);
    // the rows every format lists (lib/brief/present.ts inputsTable), figures as numbers, dates as dates, no internal ids
    expect(input("Rate card version").value).toBe(`${inputs.rateCardVersion.label} (effective ${day(inputs.rateCardVersion.effectiveFrom)})`);
    if (inputs.burnThrough) expectDate(input("Observed burn through"), inputs.burnThrough);
    expect(input("Random seed").value).toBe(inputs.seed);
    expect(input("Simulated paths").value).toBe(inputs.paths);
    expect(input("Horizon").value).toBe(`${count(inputs.horizonPeriods)} ${inputs.horizonPeriods === 1 ? inputs.granularity : `${inputs.granularity}s`}, ${day(inputs.horizonStart)} – ${day(inputs.horizonEnd)}`);
    expect(input("Currency").value).toBe(content.currency);
    for (const s of inputs.scenarios) expect(input(ROLE_LABELS[s.role]).value).toBe(s.name);
    const all = JSON.stringify(ws.getSheetValues());
    expect(all).not.toContain(inputs.rateCardVersion.id);
    for (const s of inputs.scenarios.filter((x) => /^[0-9a-f-]{36}$/.test(x.id))) expect(all).not.toContain(s.id);
  });

  it("writes each ledger line by line, with the content's totals", () => {
    const ledgerSheets = wb.worksheets.filter((w) => w.name.startsWith("Ledger"));
    content.ledgers.forEach((ledger, i) => {
      const ws = ledgerSheets[i]!;
      expectFrozenBoldHeader(ws);
      const n = ledger.lines.length;
      ledger.lines.forEach((line, j) => {
        const row = ws.getRow(j + 2);
        expect(row.getCell(1).value).toBe(line.label);
        expectDate(row.getCell(2), line.start);
        expectCredits(row.getCell(3), line.demandCredits);
        expectCredits(row.getCell(7), line.overageCredits);
        expectCredits(row.getCell(9), line.closingCredits);
        expectMoney(row.getCell(10), line.cost, currency);
        expectMoney(row.getCell(11), line.cumulativeCost, currency);
      });
      const total = ws.getRow(n + 2);
      expect(total.getCell(1).value).toBe("Total");
      expect(total.getCell(1).font?.bold).toBe(true);
      expectCredits(total.getCell(3), ledger.totals.demandCredits);
      expectCredits(total.getCell(7), ledger.totals.overageCredits);
      expectCredits(total.getCell(8), ledger.totals.unservedCredits);
      expectMoney(total.getCell(10), ledger.totals.cost, currency);
      // Data rows between the header and the totals: exactly the ledger's lines.
      const dataRows = [];
      for (let r = 2; r < n + 2; r += 1) dataRows.push(ws.getRow(r).getCell(1).value);
      expect(dataRows).toEqual(ledger.lines.map((l) => l.label));
      expect(rowLabelled(ws, "Scenario").getCell(3).value).toBe(ledger.scenarioName);
    });
  });
});

describe("XLSX formats", () => {
  const base = load(FIXTURES[0]!);

  it("keeps extra decimals, other currencies and one-decimal percentages as on screen", async () => {
    const content: BriefContent = {
      ...base,
      currency: "CHF",
      asks: base.asks.map((a, i) => (i === 0 ? { ...a, savingP50: "1234.5", savingPctOfVendorP50: "60" } : a)),
      walkAway: {
        ...base.walkAway,
        perUser: base.walkAway.perUser && { ...base.walkAway.perUser, listPricePerAction: "0.0125" },
      },
    };
    const wb = await read(await renderBriefXlsx(content));
    const asks = sheet(wb, "Asks");
    const first = asks.getRow(2);
    expect(first.getCell(3).value).toBe(1234.5);
    expect(first.getCell(3).numFmt).toBe('"CHF "#,##0.00');
    if (content.walkAway.perUser) {
      const cell = rowLabelled(sheet(wb, "Walk-away"), "List price per action").getCell(2);
      expect(cell.value).toBe(0.0125);
      expect(cell.numFmt).toBe('"CHF "#,##0.0000');
    }
  });

  it("makes sheet names Excel accepts", () => {
    const taken = new Set<string>();
    const a = sheetName("Ledger – Vendor's terms: [draft] a/b?*", taken);
    expect(a.length).toBeLessThanOrEqual(31);
    expect(a).not.toMatch(/[\\/?*[\]:]/);
    const b = sheetName("Ledger – Vendor's terms: [draft] a/b?*", taken);
    expect(b).not.toBe(a);
    expect(b.length).toBeLessThanOrEqual(31);
    expect(sheetName("'quoted'", taken)).toBe("quoted");
  });
});
