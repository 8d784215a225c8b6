// The brief's PDF export: rendered for Letter and A4 from every fixture in tests/fixtures/brief/,
// read back with poppler's pdftotext / pdfinfo (package poppler-utils), and checked for the figures
// the screen shows, formatted by lib/brief/format.ts, for page numbering and size, and for words
// outside the page or drawn over each other.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderBriefPdf, resolveBriefPdfFonts } from "@/lib/brief/export/pdf";
import { count, day, money, periodLabel } from "@/lib/brief/format";
import { BRIEF_FIXTURES, loadBriefFixture } from "@/tests/support/brief-fixtures";
import type { BriefContent } from "@/lib/brief/types";

const FIXTURES = BRIEF_FIXTURES;

const SIZES = {
  LETTER: { width: 612, height: 792 },
  A4: { width: 595.28, height: 841.89 },
} as const;

type PageSize = keyof typeof SIZES;

const load = loadBriefFixture;

let tmp = "";
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "brief-pdf-"));
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function tool(name: string, args: string[]): string {
  try {
    return execFileSync(name, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new Error(`${name} not found: install poppler-utils (apt-get install poppler-utils)`);
    throw e;
  }
}

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

interface Rendered {
  pages: number;
  width: number;
  height: number;
  /** pdftotext -layout, pages split at form feeds */
  pageTexts: string[];
  text: string;
  words: Word[];
}

let serial = 0;
async function render(content: BriefContent, pageSize: PageSize): Promise<Rendered> {
  const pdf = await renderBriefPdf(content, { pageSize });
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const file = path.join(tmp, `brief-${++serial}-${pageSize}.pdf`);
  fs.writeFileSync(file, pdf);
  const info = tool("pdfinfo", [file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  const text = tool("pdftotext", ["-layout", file, "-"]);
  const pageTexts = text.split("\f").slice(0, pages);
  const bbox = tool("pdftotext", ["-bbox", file, "-"]);
  const words: Word[] = [];
  let page = 0;
  for (const m of bbox.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0].startsWith("<page")) {
      page++;
      continue;
    }
    words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5] ?? "" });
  }
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]), pageTexts, text, words };
}

/** Whitespace removed: pdftotext wraps lines, and pdfkit may break a line after a hyphen. */
function squash(s: string): string {
  return s.replace(/\s+/g, "");
}

function expectText(r: Rendered, needle: string): void {
  expect(needle.trim().length).toBeGreaterThan(0);
  if (!squash(r.text).includes(squash(needle))) {
    throw new Error(`PDF text lacks ${JSON.stringify(needle)}`);
  }
}

describe.each(FIXTURES)("brief PDF of %s", (fixture) => {
  const content = load(fixture);

  describe.each(Object.keys(SIZES) as PageSize[])("on %s pages", (pageSize) => {
    let r: Rendered;
    beforeAll(async () => {
      r = await render(content, pageSize);
    }, 60_000);

    it("has the page size asked for", () => {
      expect(r.width).toBeCloseTo(SIZES[pageSize].width, 2);
      expect(r.height).toBeCloseTo(SIZES[pageSize].height, 2);
    });

    it('numbers every page "Page n of N" with the real page count, under the header line', () => {
      expect(r.pages).toBeGreaterThanOrEqual(3);
      expect(r.pageTexts).toHaveLength(r.pages);
      r.pageTexts.forEach((pageText, i) => {
        expect(pageText).toContain(`Page ${i + 1} of ${r.pages}`);
        expect(squash(pageText)).toContain(squash(`Brief v${content.version} · ${day(content.preparedOn)}`));
      });
      const numbers = [...r.text.matchAll(/Page (\d+) of (\d+)/g)];
      expect(numbers).toHaveLength(r.pages);
      for (const m of numbers) expect(Number(m[2])).toBe(r.pages);
    });

    it("puts the recommendation and the executive summary on page 1", () => {
      const first = squash(r.pageTexts[0] ?? "");
      expect(first).toContain(squash(content.summary.recommendation));
      expect(first).toContain(squash(content.title));
      for (const point of content.summary.points) expect(first).toContain(squash(point));
      expect(first).toContain(squash(money(content.summary.vendor.p50, content.currency)));
      expect(first).toContain(squash(money(content.summary.asks.p90, content.currency)));
      if (content.summary.atStakeP50 !== null) expect(first).toContain(squash(money(content.summary.atStakeP50, content.currency)));
    });

    it("shows each scenario's P50 cost", () => {
      expect(content.scenarios.length).toBeGreaterThan(0);
      for (const s of content.scenarios) {
        expectText(r, s.name);
        expectText(r, money(s.cost.p50, content.currency));
      }
    });

    it("shows each ask's name and P50 saving", () => {
      for (const ask of content.asks) {
        expectText(r, ask.name);
        expectText(r, money(ask.savingP50, content.currency));
        expectText(r, ask.justification);
      }
    });

    it("shows the walk-away and the per-user break-even", () => {
      expectText(r, content.walkAway.sentence);
      const perUser = content.walkAway.perUser;
      if (perUser) {
        expectText(r, `Break-even actions per user per month ${count(perUser.breakEvenActionsPerUserPerMonth)}`);
        expectText(r, money(perUser.pricePerUserPerMonth, content.currency));
      }
    });

    it("shows every risk's sentence", () => {
      if (content.risks.length === 0) expectText(r, "No risks were found in the observed burn.");
      for (const risk of content.risks) expectText(r, risk.sentence);
    });

    it("shows the notice date and the other dated events", () => {
      const notice = content.timeline.filter((e) => e.kind === "notice");
      for (const e of notice) expectText(r, day(e.date));
      for (const e of content.timeline) expectText(r, `${day(e.date)} ${e.label}`);
    });

    it("lists the inputs among the assumptions", () => {
      expectText(r, content.inputs.rateCardVersion.label);
      expectText(r, `Random seed ${content.inputs.seed}`);
      expectText(r, `Simulated paths ${count(content.inputs.paths)}`);
      for (const a of content.assumptions) expectText(r, `${a.label} ${a.value}`);
    });

    it("prints every ledger line and its totals", () => {
      for (const ledger of content.ledgers) {
        for (const line of ledger.lines) {
          expectText(r, `${periodLabel(line.label)} ${count(line.demandCredits)} ${count(line.grantedCredits)}`);
          expectText(r, `${money(line.cost, content.currency)} ${money(line.cumulativeCost, content.currency)}`);
        }
        expectText(r, `Total ${count(ledger.totals.demandCredits)}`);
        expectText(r, money(ledger.totals.cost, content.currency));
      }
    });

    it("keeps every word inside the page margins and no two words on top of each other", () => {
      expect(r.words.length).toBeGreaterThan(200);
      for (const w of r.words) {
        const where = `page ${w.page} word ${JSON.stringify(w.text)} at ${w.xMin},${w.yMin}–${w.xMax},${w.yMax}`;
        expect(w.xMin, where).toBeGreaterThanOrEqual(30);
        expect(w.xMax, where).toBeLessThanOrEqual(r.width - 30);
        expect(w.yMin, where).toBeGreaterThanOrEqual(20);
        expect(w.yMax, where).toBeLessThanOrEqual(r.height - 20);
      }
      const overlaps: string[] = [];
      for (let page = 1; page <= r.pages; page++) {
        const ws = r.words.filter((w) => w.page === page);
        for (let i = 0; i < ws.length; i++) {
          for (let j = i + 1; j < ws.length; j++) {
            const a = ws[i]!;
            const b = ws[j]!;
            const ix = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
            const iy = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
            if (ix <= 0 || iy <= 0) continue;
            const smaller = Math.min((a.xMax - a.xMin) * (a.yMax - a.yMin), (b.xMax - b.xMin) * (b.yMax - b.yMin));
            if (ix * iy > 0.25 * smaller) overlaps.push(`page ${page}: ${JSON.stringify(a.text)} over ${JSON.stringify(b.text)}`);
          }
        }
      }
      expect(overlaps).toEqual([]);
    });
  });
});

describe("brief PDF edge cases", () => {
  const base = load(FIXTURES[0]!);

  it("says so when there is no observed burn, no risk and no per-user comparison", async () => {
    const content: BriefContent = {
      ...base,
      position: null,
      risks: [],
      walkAway: { ...base.walkAway, perUser: null },
    };
    const r = await render(content, "A4");
    expectText(r, "No observed burn in this brief.");
    expectText(r, "No risks were found in the observed burn.");
    expect(r.text).not.toContain("Break-even actions");
    expect(r.text).toContain(`Page ${r.pages} of ${r.pages}`);
  }, 60_000);

  it("never ends a header, footer or label in '…': a long vendor, contract and title shrink and stay whole", async () => {
    const contractName = "Agentforce service estate for the North American and European customer-care organisations";
    const title = "Salesforce renewal 2027: Agentforce service estate, every region, with the per-user alternative and the burn findings";
    const content: BriefContent = { ...base, vendor: "Salesforce, Inc. (Agentforce Flex Credits, EMEA entity)", contractName, title };
    const r = await render(content, "A4");
    for (const t of r.pageTexts) expect(t).not.toContain("…");
    // every page carries the whole contract name in its header and the whole title in its footer
    for (const t of r.pageTexts) {
      expect(squash(t)).toContain(squash(contractName));
      expect(squash(t)).toContain(squash(title));
    }
  }, 60_000);

  it("breaks a long ledger across pages, repeating the header, and wraps long names", async () => {
    const first = base.ledgers[0]!;
    const line = first.lines[0]!;
    const lines = Array.from({ length: 150 }, (_, i) => ({ ...line, label: `Week ${i + 1} of 2027` }));
    const longName = "Pin every credit-per-action rate of the July rate card for the whole three-year term, including new agent types";
    const content: BriefContent = {
      ...base,
      vendor: "A vendor with a rather long legal name, Incorporated and Associated Companies Worldwide",
      asks: base.asks.map((a, i) => (i === 0 ? { ...a, name: longName } : a)),
      ledgers: [{ ...first, lines }],
    };
    for (const size of ["LETTER", "A4"] as const) {
      const r = await render(content, size);
      const ledgerPages = r.pageTexts.filter((t) => /Week \d+ of 2027/.test(t));
      expect(ledgerPages.length).toBeGreaterThanOrEqual(3);
      for (const t of ledgerPages) expect(t).toMatch(/Period\s+Demand\s+Granted\s+Purchased\s+Drawn\s+Overage\s+Unserved\s+Closing\s+Cost\s+Cumulative/);
      expect(r.text).toContain("(continued)");
      // the shortened header keeps the version and date on every page
      r.pageTexts.forEach((t, i) => {
        expect(squash(t)).toContain(squash(`Brief v${content.version} · ${day(content.preparedOn)}`));
        expect(t).toContain(`Page ${i + 1} of ${r.pages}`);
      });
      for (let i = 1; i <= 150; i++) expectText(r, `Week ${i} of 2027`);
      expectText(r, longName);
      for (const w of r.words) expect(w.xMax, `${w.text} on page ${w.page}`).toBeLessThanOrEqual(r.width - 30);
    }
  }, 120_000);

  it("renders a brief with every list empty and every optional figure missing", async () => {
    const none = { p10: null, p50: null, p90: null };
    const content: BriefContent = {
      ...base,
      preparedBy: null,
      summary: { ...base.summary, vendor: none, asks: none, walkAway: null, atStakeP50: null, atStakeP90: null, points: [] },
      position: base.position ? { ...base.position, observed: [], balanceCredits: null, exhaustionDate: null } : null,
      forecast: { granularity: "week", points: [] },
      scenarios: [],
      asks: [],
      asksPackage: null,
      walkAway: { scenarioName: null, cost: null, perUser: null, packsAtList: null, sentence: "No walk-away was set." },
      risks: [],
      timeline: [],
      assumptions: [],
      ledgers: [],
    };
    for (const size of ["LETTER", "A4"] as const) {
      const r = await render(content, size);
      expectText(r, content.summary.recommendation);
      expectText(r, "No asks in this brief.");
      expectText(r, "No dated events in this brief.");
      expectText(r, "No walk-away was set.");
      expect(r.text).toContain(`Page ${r.pages} of ${r.pages}`);
    }
  }, 60_000);

  it("renders the currency symbols and dashes as text", async () => {
    const content: BriefContent = { ...base, currency: "GBP", summary: { ...base.summary, recommendation: "Sign at ≤ £1,000.00 — or walk – ¥ € £ · done." } };
    const r = await render(content, "LETTER");
    expectText(r, "Sign at ≤ £1,000.00 — or walk – ¥ € £ · done.");
    expectText(r, money(content.summary.vendor.p50, "GBP"));
  }, 60_000);

  it("rejects, rather than throws, on content it cannot draw", async () => {
    const broken = { ...base, summary: undefined } as unknown as BriefContent;
    const result = renderBriefPdf(broken, { pageSize: "A4" });
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toThrow();
  });

  it("reads its font from the dejavu-fonts-ttf package", () => {
    const fonts = resolveBriefPdfFonts();
    for (const file of Object.values(fonts)) {
      expect(file).toContain(path.join("node_modules", "dejavu-fonts-ttf", "ttf"));
      expect(fs.existsSync(file)).toBe(true);
    }
  });
});
