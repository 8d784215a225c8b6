// One brief, every rendering: the screen, the PDF, the deck, the workbook and the Markdown carry the
// same figures for the same brief, and those are the figures of `npm run model` on its document
// (compose.test.ts checks the content against the CLI). Here: the demo estate's brief, freshly
// composed by the engine, in every format.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BriefView } from "@/components/brief/BriefView";
import { renderBriefExport } from "@/lib/brief/export";
import { count, day, money } from "@/lib/brief/format";
import { assumptionsTable, BRIEF_SECTIONS, inputsTable, pairsOf, sectionTitle, timelineTable } from "@/lib/brief/present";
import type { BriefContent } from "@/lib/brief/types";
import { demoBrief } from "@/tests/support/brief-demo";

const scratch = mkdtempSync(path.join(tmpdir(), "brief-same-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const squash = (s: string) => s.replace(/\s+/g, " ");
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

let content: BriefContent;
const texts: Record<string, string> = {};
let book: ExcelJS.Workbook;

beforeAll(async () => {
  content = demoBrief(0, { horizonPeriods: 12, seed: 7, paths: 1000 }).content;
  texts.screen = squash(decode(renderToStaticMarkup(createElement(BriefView, { content })).replace(/<[^>]+>/g, " ")));
  for (const format of ["pdf-letter", "pdf-a4"] as const) {
    const file = path.join(scratch, `${format}.pdf`);
    writeFileSync(file, (await renderBriefExport(content, format)).body);
    texts[format] = squash(execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }));
  }
  const zip = await JSZip.loadAsync((await renderBriefExport(content, "pptx")).body);
  const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
  const xml = await Promise.all(slides.map((f) => zip.file(f)!.async("string")));
  texts.pptx = squash(xml.map((x) => [...x.matchAll(/<a:t(?:\s[^>]*)?>([^<]*)<\/a:t>/g)].map((m) => decode(m[1] ?? "")).join(" ")).join(" "));
  texts.md = squash((await renderBriefExport(content, "md")).body.toString("utf8"));
  book = new ExcelJS.Workbook();
  await book.xlsx.load((await renderBriefExport(content, "xlsx")).body as unknown as ArrayBuffer);
}, 120_000);

describe("the same brief in every format", () => {
  it("every text format shows the recommendation, the at-stake figures and the vendor's P50", () => {
    const must = [content.summary.recommendation, money(content.summary.atStakeP50, "USD"), money(content.summary.atStakeP90, "USD"), money(content.summary.vendor.p50, "USD")];
    for (const [format, text] of Object.entries(texts)) {
      for (const s of must) expect(text, `${format} lacks ${s}`).toContain(squash(s));
    }
  });

  it("every text format names the top asks with their P50 value, the break-even and the notice date", () => {
    const notice = content.timeline.find((e) => e.kind === "notice")!;
    const must = [
      ...content.asks.slice(0, 3).flatMap((a) => [a.name, money(a.savingP50, "USD")]),
      count(content.walkAway.perUser!.breakEvenActionsPerUserPerMonth),
      day(notice.date),
    ];
    for (const [format, text] of Object.entries(texts)) {
      for (const s of must) expect(text, `${format} lacks ${s}`).toContain(s);
    }
  });

  it("the workbook holds the same figures as numbers", () => {
    const numbers = new Set<number>();
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => typeof cell.value === "number" && numbers.add(cell.value))));
    for (const v of [content.summary.vendor.p50, content.summary.asks.p90, content.summary.atStakeP50, content.asks[0]!.savingP50, content.ledgers[0]!.totals.cost]) {
      expect(numbers.has(Number(v)), `workbook lacks ${v}`).toBe(true);
    }
  });

  it("every format titles the inputs alike and lists each input, assumption and date with the same words", () => {
    const listed = [...pairsOf(inputsTable(content)), ...pairsOf(assumptionsTable(content))];
    const dates = pairsOf(timelineTable(content));
    expect(listed.length).toBeGreaterThan(10);
    expect(dates.length).toBeGreaterThan(4);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(typeof cell.value === "string" ? cell.value : ""))));
    const all = { ...texts, pptx: texts.pptx!, xlsx: squash(cells.join(" ")) };
    for (const [format, text] of Object.entries(all)) {
      if (format !== "xlsx") expect(text, `${format} lacks the section title`).toContain(sectionTitle("inputs"));
      // the deck's last slides carry the inputs; its timeline is the key dates (notice, renewal, run-out)
      const keyDates = timelineTable(content).rows.filter((r) => /^(notice|renewal|exhaustion)-/.test(r.key)).map((r): [string, string] => [r.cells[0]!.text, r.cells[1]!.text]);
      for (const [label, value] of [...listed, ...(format === "pptx" ? keyDates : dates)]) {
        // the PDF hyphenates nothing but may break a line anywhere: compare without spaces there
        const flat = (x: string) => (format.startsWith("pdf") ? x.replace(/\s+/g, "") : squash(x));
        // dates in the workbook are date cells, not text
        const isDay = (x: string) => format === "xlsx" && /^\d{1,2} [A-Z][a-z]{2} \d{4}$/.test(x);
        if (!isDay(label)) expect(flat(text), `${format} lacks "${label}"`).toContain(flat(label));
        if (!isDay(value)) expect(flat(text), `${format} lacks "${label}: ${value}"`).toContain(flat(value));
      }
    }
  });

  it("the screen, the PDF and the Markdown head the same sections with the same words, in the same order", () => {
    for (const format of ["screen", "pdf-letter", "pdf-a4", "md"]) {
      const text = texts[format]!;
      let from = 0;
      for (const s of BRIEF_SECTIONS) {
        const at = text.indexOf(s.title, from);
        expect(at, `${format}: "${s.title}" after position ${from}`).toBeGreaterThanOrEqual(0);
        from = at + s.title.length;
      }
    }
  });
});
