// A vendor-safe brief: every format leaves out the walk-away, the vendor authority levels and the
// risks (and our sign-offs), and keeps the figures the vendor may see, to the cent.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { VENDOR_SAFE_LEAK, vendorSafeContent } from "@/lib/brief/audience";
import { renderBriefMarkdown } from "@/lib/brief/export/markdown";
import { renderBriefPdf } from "@/lib/brief/export/pdf";
import { renderBriefPptx } from "@/lib/brief/export/pptx";
import { renderBriefXlsx } from "@/lib/brief/export/xlsx";
import { money, signOffsText } from "@/lib/brief/format";
import { asksTable } from "@/lib/brief/present";
import { BRIEF_FIXTURES, loadBriefFixture } from "@/tests/support/brief-fixtures";

const LEAK = /walk[\s-]?away|authority|\brisks?\b|deal desk|account executive|sign(?:ed)?[\s-]off/i;
const signOffs = [{ name: "Dana Approver", signedAt: "2026-12-03T10:00:00.000Z", note: "ready for the call" }];

function pdfText(buf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vendor-safe-"));
  const file = path.join(dir, "b.pdf");
  fs.writeFileSync(file, buf);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function pptxText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
  const xml = await Promise.all(slides.map((f) => zip.file(f)!.async("string")));
  return xml.map((x) => [...x.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(" ")).join("\n");
}

async function xlsxText(buf: Buffer): Promise<{ sheets: string[]; text: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const parts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => parts.push(String(c.text ?? "")))));
  return { sheets: wb.worksheets.map((w) => w.name), text: parts.join("\n") };
}

describe("vendor-safe content", () => {
  const full = loadBriefFixture("salesforce.json");
  const safe = vendorSafeContent({ ...full, signOffs });

  it("the internal fixture does carry what a vendor-safe brief leaves out", () => {
    expect(full.walkAway.perUser?.breakEvenActionsPerUserPerMonth).toBe("1250");
    expect(full.risks.length).toBeGreaterThan(0);
    expect(full.summary.walkAway).not.toBeNull();
    expect(LEAK.test(full.summary.recommendation + full.summary.points.join(" "))).toBe(true);
  });

  it("drops the walk-away, authority and risks and keeps the vendor's and our figures", () => {
    expect(safe.audience).toBe("vendorSafe");
    expect(safe.signOffs).toBeUndefined();
    expect(safe.summary.walkAway).toBeNull();
    expect(safe.scenarios.map((s) => s.role)).toEqual(["vendor", "asks"]);
    expect(safe.inputs.scenarios.map((s) => s.role)).toEqual(["vendor", "asks"]);
    expect(safe.forecast.points.every((p) => p.walkAway === null)).toBe(true);
    expect(safe.walkAway).toEqual({ scenarioName: null, cost: null, perUser: null, packsAtList: null, sentence: "" });
    expect(safe.risks).toEqual([]);
    expect(safe.asks.every((a) => a.authorityLabel === "" && a.authorityShare === undefined)).toBe(true);
    expect(safe.summary.atStakeP50).toBe(full.summary.atStakeP50);
    expect(safe.summary.vendor).toEqual(full.summary.vendor);
    expect(safe.asks.map((a) => a.savingP50)).toEqual(full.asks.map((a) => a.savingP50));
    expect(asksTable(safe).columns.map((c) => c.label)).not.toContain("Authority");
    for (const text of [safe.summary.recommendation, ...safe.summary.points, ...safe.assumptions.map((a) => `${a.label} ${a.value}`)]) {
      expect(text).not.toMatch(VENDOR_SAFE_LEAK);
    }
    // the saving the vendor may see is still in the recommendation, to the cent
    expect(safe.summary.recommendation).toContain(money(full.summary.atStakeP50, full.currency));
  });

  it.each(BRIEF_FIXTURES)("no format of %s says walk-away, authority or risk", async (file) => {
    const c = vendorSafeContent({ ...loadBriefFixture(file), signOffs });
    const stake = money(c.summary.atStakeP50, c.currency);
    const pdf = pdfText(await renderBriefPdf(c, { pageSize: "A4" }));
    expect(pdf).not.toMatch(LEAK);
    if (c.summary.atStakeP50) expect(pdf).toContain(stake);
    const md = renderBriefMarkdown(c);
    expect(md).not.toMatch(LEAK);
    const deck = await pptxText(await renderBriefPptx(c));
    expect(deck).not.toMatch(LEAK);
    expect(deck).toContain("Timeline");
    const book = await xlsxText(await renderBriefXlsx(c));
    expect(book.sheets).not.toContain("Walk-away");
    expect(book.sheets).not.toContain("Risks");
    expect(book.text).not.toMatch(LEAK);
  }, 60_000);
});

describe("sign-offs in the exports", () => {
  const c = { ...loadBriefFixture("salesforce.json"), signOffs };
  const line = signOffsText(signOffs)!;

  it("reads as one sentence with name, day and note", () => {
    expect(line).toBe("Signed off by Dana Approver on 3 Dec 2026 (“ready for the call”)");
    expect(signOffsText([])).toBeNull();
  });

  it("prints on the PDF's first page, the deck's title slide, the workbook's Summary and the Markdown", async () => {
    const first = pdfText(await renderBriefPdf(c, { pageSize: "LETTER" })).split("\f")[0]!;
    expect(first.replace(/\s+/g, " ")).toContain(line);
    const zip = await JSZip.loadAsync(await renderBriefPptx(c));
    expect(await zip.file("ppt/slides/slide1.xml")!.async("string")).toContain("Signed off by Dana Approver on 3 Dec 2026");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBriefXlsx(c)) as unknown as ArrayBuffer);
    const summary: string[] = [];
    wb.getWorksheet("Summary")!.eachRow((row) => summary.push(row.values.toString()));
    expect(summary.join("\n")).toContain("Signed off by,Dana Approver, 2026-12-03: ready for the call");
    expect(renderBriefMarkdown(c)).toContain(`${line}.`);
    // without sign-offs, nothing is said
    expect(renderBriefMarkdown({ ...c, signOffs: [] })).not.toContain("Signed off");
  }, 60_000);
});
