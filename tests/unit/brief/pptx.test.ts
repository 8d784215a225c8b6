// The brief's PowerPoint export: rendered from every fixture in tests/fixtures/brief/, opened as the
// zip it is, and checked for the figures the screen shows (formatted by lib/brief/format.ts), for
// the native line chart and its data, for the slide count, and for shapes kept inside the slide.
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { renderBriefPptx } from "@/lib/brief/export/pptx";
import { count, day, money, periodLabel } from "@/lib/brief/format";
import { BRIEF_FIXTURES, loadBriefFixture } from "@/tests/support/brief-fixtures";
import type { BriefContent } from "@/lib/brief/types";

const FIXTURES = BRIEF_FIXTURES;

const load = loadBriefFixture;

/** 16:9 at 10 × 5.625 inches, in EMU. */
const SLIDE_CX = 9_144_000;
const SLIDE_CY = 5_143_500;

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

interface Deck {
  zip: JSZip;
  /** slide XML in slide order */
  slides: string[];
  /** the a:t runs of each slide, decoded */
  runs: string[][];
  charts: string[];
}

async function open(buffer: Buffer): Promise<Deck> {
  const zip = await JSZip.loadAsync(buffer);
  const num = (name: string) => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);
  const slideNames = Object.keys(zip.files)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => num(a) - num(b));
  const chartNames = Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
  const read = (n: string) => zip.file(n)!.async("string");
  const slides = await Promise.all(slideNames.map(read));
  const charts = await Promise.all(chartNames.map(read));
  const runs = slides.map((xml) => [...xml.matchAll(/<a:t(?:\s[^>]*)?>([^<]*)<\/a:t>/g)].map((m) => decode(m[1] ?? "")));
  return { zip, slides, runs, charts };
}

/** The slide (0-based) whose runs contain the text; -1 when none does. */
function slideWith(deck: Deck, text: string): number {
  return deck.runs.findIndex((runs) => runs.some((r) => r.includes(text)));
}

function chartNumbers(xml: string): number[] {
  return [...xml.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1])).filter((n) => Number.isFinite(n));
}

/** Every placed shape's offset and extent, in EMU. */
function frames(xml: string): { x: number; y: number; cx: number; cy: number }[] {
  return [...xml.matchAll(/<a:off x="(-?\d+)" y="(-?\d+)"\s*\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\s*\/>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    cx: Number(m[3]),
    cy: Number(m[4]),
  }));
}

it("has fixtures to render", () => {
  expect(FIXTURES.length).toBeGreaterThan(0);
});

describe.each(FIXTURES)("PPTX of %s", (file) => {
  const content = load(file);
  const { currency } = content;
  let deck: Deck;

  beforeAll(async () => {
    deck = await open(await renderBriefPptx(content));
  });

  it("is a 16:9 deck of 6–7 slides, each list that does not fit carried on right after its slide", async () => {
    const titles = deck.runs.map((r) => r[0] ?? "");
    const own = titles.filter((t) => !t.endsWith(" (continued)"));
    expect(own.length).toBeGreaterThanOrEqual(6);
    expect(own.length).toBeLessThanOrEqual(7);
    // a continuation follows its own slide (the risks carry on from "Risks found in burn · Timeline") or another continuation of it
    const base = (t: string) => t.replace(" (continued)", "").replace("Risks found in burn · Timeline", "Risks found in burn");
    titles.forEach((t, i) => {
      if (t.endsWith(" (continued)")) expect(base(titles[i - 1]!)).toBe(base(t));
    });
    const presentation = await deck.zip.file("ppt/presentation.xml")!.async("string");
    expect(presentation).toContain(`<p:sldSz cx="${SLIDE_CX}" cy="${SLIDE_CY}"`);
  });

  it("opens with the title, vendor, contract and version", () => {
    const first = deck.runs[0] ?? [];
    expect(first).toContain(content.title);
    expect(first).toContain(content.vendor);
    expect(first).toContain(content.contractName);
    expect(first).toContain(`Brief v${content.version} · prepared ${day(content.preparedOn)}`);
  });

  it("states the recommendation, what is at stake and the summary points", () => {
    const slide = slideWith(deck, content.summary.recommendation);
    expect(slide).toBeGreaterThan(0);
    const runs = deck.runs[slide] ?? [];
    expect(runs).toContain(money(content.summary.atStakeP50, currency));
    expect(runs).toContain(money(content.summary.atStakeP90, currency));
    // Every point, whole: on this slide or on the one that carries it on.
    const points = [...runs, ...(deck.runs[slide + 1]?.[0] === "Recommendation (continued)" ? deck.runs[slide + 1]! : [])];
    for (const point of content.summary.points) expect(points).toContain(point);
  });

  it("lists the top asks with their P50 saving and authority, and the package", () => {
    const top = [...content.asks].sort((a, b) => a.rank - b.rank);
    expect(top.length).toBeGreaterThan(0);
    const slide = deck.runs.findIndex((runs) => runs.includes("Asks ranked by value"));
    expect(slide).toBeGreaterThan(0);
    // every ask, on this slide or the ones that carry the table on
    const runs = deck.runs.filter((r) => r[0] === "Asks ranked by value" || r[0] === "Asks ranked by value (continued)").flat();
    for (const ask of top) {
      expect(runs).toContain(ask.name);
      expect(runs).toContain(money(ask.savingP50, currency));
      expect(runs).toContain(money(ask.savingP90, currency));
      expect(runs).toContain(ask.authorityLabel);
    }
    if (content.asksPackage) {
      const line = runs.find((r) => r.startsWith("Full package"));
      expect(line).toContain(money(content.asksPackage.savingP50, currency));
      expect(line).toContain(content.asksPackage.authorityLabel);
    }
  });

  it("gives the walk-away with the per-user total and break-even", () => {
    const slide = slideWith(deck, content.walkAway.sentence);
    expect(slide).toBeGreaterThan(0);
    const runs = deck.runs[slide] ?? [];
    const per = content.walkAway.perUser;
    if (per) {
      expect(runs).toContain(money(per.totalCost, currency));
      expect(runs).toContain(money(per.pricePerUserPerMonth, currency));
      expect(runs).toContain(count(per.breakEvenActionsPerUserPerMonth));
    }
  });

  it("shows the top risks and the notice, renewal and exhaustion dates", () => {
    const slide = deck.runs.findIndex((runs) => runs.includes("Key dates"));
    expect(slide).toBeGreaterThan(0);
    const runs = deck.runs[slide] ?? [];
    for (const risk of content.risks.slice(0, 4)) {
      expect(runs.some((r) => r.startsWith(risk.title))).toBe(true);
      expect(runs).toContain(risk.sentence);
      expect(runs).toContain(risk.amount !== null ? money(risk.amount, currency) : `${count(risk.credits)} credits`);
    }
    for (const kind of ["notice", "renewal", "exhaustion"] as const) {
      for (const event of content.timeline.filter((e) => e.kind === kind)) expect(runs).toContain(day(event.date));
    }
    const notice = content.timeline.find((e) => e.kind === "notice");
    if (notice) expect(runs).toContain(day(notice.date));
  });

  it("ends with the inputs and assumptions, every assumption whole", () => {
    const at = deck.runs.findIndex((r) => r[0] === "Inputs and assumptions");
    expect(at).toBeGreaterThan(0);
    expect(deck.runs.slice(at + 1).every((r) => r[0] === "Inputs and assumptions (continued)")).toBe(true);
    const last = deck.runs[at] ?? [];
    const all = deck.runs.slice(at).flat();
    for (const a of content.assumptions) {
      expect(all).toContain(a.label);
      expect(all).toContain(a.value);
    }
    expect(deck.runs.flat().filter((r) => r.includes("…"))).toEqual([]);
    expect(last.some((r) => r.includes(content.inputs.rateCardVersion.label))).toBe(true);
    expect(last).toContain(count(content.inputs.paths));
    expect(last).toContain(String(content.inputs.seed));
    expect(last).toContain(day(content.inputs.burnThrough));
    const first = content.assumptions[0];
    if (first) expect(last).toContain(first.label);
  });

  it("charts the cumulative forecast natively, with the vendor's last P50 in the data", () => {
    expect(deck.charts.length).toBe(1);
    const chart = deck.charts[0]!;
    expect(chart).toContain("<c:lineChart>");
    const lastPoint = content.forecast.points.at(-1)!;
    const values = chartNumbers(chart);
    expect(values).toContain(Number(lastPoint.vendor.p50));
    expect(values).toContain(Number(lastPoint.vendor.p10));
    expect(values).toContain(Number(lastPoint.vendor.p90));
    expect(values).toContain(Number(lastPoint.asks.p50));
    // One category per forecast point, labelled as the forecast is.
    for (const point of content.forecast.points) expect(chart).toContain(`<c:v>${periodLabel(point.label)}</c:v>`);
    // Nine series (P10, P50, P90 per scenario), but a legend of the P50 lines only: the bands' entries are deleted.
    const names = [...chart.matchAll(/<c:ser>\s*<c:idx val="(\d+)"\s*\/>[\s\S]*?<c:v>([^<]*)<\/c:v>/g)].map((m) => ({ idx: m[1], name: decode(m[2] ?? "") }));
    const legend = /<c:legend>([\s\S]*?)<\/c:legend>/.exec(chart)![1]!;
    const deleted = [...legend.matchAll(/<c:legendEntry><c:idx val="(\d+)"\/><c:delete val="1"\/><\/c:legendEntry>/g)].map((m) => m[1]);
    expect(deleted.sort()).toEqual(names.filter((n) => /P(10|90)$/.test(n.name)).map((n) => n.idx).sort());
    expect(names.filter((n) => !deleted.includes(n.idx)).every((n) => n.name.endsWith("P50"))).toBe(true);
    expect(deck.runs[slideWith(deck, "Cumulative cost forecast")]).toContain("Solid lines: P50 of each scenario. Dashed lines in the same colour: its P10 and P90.");
    // The chart's own workbook travels with it, so PowerPoint can edit the data.
    expect(Object.keys(deck.zip.files).some((n) => /^ppt\/embeddings\/.*\.xlsx$/.test(n))).toBe(true);
  });

  it("keeps every shape inside the slide", () => {
    for (const xml of deck.slides) {
      for (const f of frames(xml)) {
        expect(f.x).toBeGreaterThanOrEqual(0);
        expect(f.y).toBeGreaterThanOrEqual(0);
        expect(f.x + f.cx).toBeLessThanOrEqual(SLIDE_CX);
        expect(f.y + f.cy).toBeLessThanOrEqual(SLIDE_CY);
      }
    }
  });
});

describe("PPTX of an oversized brief", () => {
  const base = load(FIXTURES[0]!);
  const words = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w}${i}`).join(" ");
  const content: BriefContent = {
    ...base,
    title: `${base.title} ${words(12, "renewal")}`,
    summary: { ...base.summary, points: Array.from({ length: 8 }, (_, i) => `Point ${i}: ${words(30, "figure")}`) },
    asks: Array.from({ length: 9 }, (_, i) => ({ ...base.asks[i % base.asks.length]!, rank: i + 1, name: `Ask ${i} ${words(20, "clause")}`, authorityLabel: `Authority ${i} ${words(6, "level")}` })),
    risks: Array.from({ length: 6 }, (_, i) => ({ ...base.risks[0]!, title: `Risk ${i}`, sentence: words(80, "risk"), amount: "100.00", credits: "1000" })),
    assumptions: Array.from({ length: 20 }, (_, i) => ({ label: `Assumption ${i} ${words(4, "about")}`, value: words(25, "value") })),
  };
  if (base.risks.length === 0) content.risks = [];
  let deck: Deck;
  beforeAll(async () => {
    deck = await open(await renderBriefPptx(content));
  });

  it("carries long lists on onto slides titled “(continued)”, in order", () => {
    const titles = deck.runs.map((r) => r[0] ?? "");
    const at = (t: string) => titles.indexOf(t);
    expect(at("Recommendation (continued)")).toBe(at("Recommendation") + 1);
    expect(at("Asks ranked by value (continued)")).toBe(titles.findIndex((t) => t === "Asks ranked by value") + 1);
    if (content.risks.length > 0) expect(at("Risks found in burn (continued)")).toBe(at("Risks found in burn · Timeline") + 1);
    expect(at("Inputs and assumptions (continued)")).toBe(at("Inputs and assumptions") + 1);
    expect(deck.slides.length).toBeGreaterThan(7);
  });

  it("holds every point, ask, risk and assumption whole, and cuts no text", () => {
    const all = deck.runs.flat();
    expect(all).toContain(content.title);
    for (const point of content.summary.points) expect(all).toContain(point);
    for (const ask of content.asks) {
      expect(all).toContain(ask.name);
      expect(all).toContain(ask.authorityLabel);
    }
    for (const risk of content.risks) expect(all).toContain(risk.sentence);
    for (const a of content.assumptions) {
      expect(all).toContain(a.label);
      expect(all).toContain(a.value);
    }
    // nothing ends in an ellipsis or counts what it left out
    expect(all.filter((r) => r.includes("…"))).toEqual([]);
    expect(all.filter((r) => /more (points|asks|risks|assumptions)/.test(r))).toEqual([]);
  });

  it("keeps every shape inside the slide, and each list's boxes above the footer", () => {
    for (const xml of deck.slides) {
      for (const f of frames(xml)) {
        expect(f.x + f.cx).toBeLessThanOrEqual(SLIDE_CX);
        expect(f.y + f.cy).toBeLessThanOrEqual(SLIDE_CY);
        // the footer rule sits at 5.25 in: a body box ends above it
        if (f.y > 1_000_000 && f.y < 4_700_000) expect(f.y + f.cy).toBeLessThanOrEqual(Math.round(5.25 * 914_400));
      }
    }
  });
});
