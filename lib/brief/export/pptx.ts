// The brief as a short executive deck (16:9, seven slides): title, recommendation, the cost
// forecast as a native line chart, the asks, the walk-away, risks and timeline, and the inputs.
// Every figure is formatted with lib/brief/format.ts, so it reads as it does on screen.
// pptxgenjs does not measure text, so the text boxes are sized from an estimate of the wrapped
// height (estimateHeight) and long lists are cut with "…and N more".
import PptxGenJS from "pptxgenjs";

import { count, currencySymbol, day, money, ROLE_LABELS, AT_STAKE_LABEL, signOffsText } from "@/lib/brief/format";
import type { BriefContent, CostPercentiles, ScenarioRole } from "@/lib/brief/types";

type Slide = PptxGenJS.Slide;
type TableRow = PptxGenJS.TableRow;

/** 16:9 slide: 10 × 5.625 inches. */
const SLIDE_W = 10;
const MARGIN_X = 0.45;
const CONTENT_W = SLIDE_W - 2 * MARGIN_X;
const BODY_TOP = 1.05;
const BODY_BOTTOM = 5.05;

const FONT = "Arial";
const INK = "1F2933";
const MUTED = "5F6B7A";
const ACCENT = "1F3A5F";
const RULE = "D5DBE3";
const HEADER_FILL = "E8EDF3";

const ROLE_COLORS: Record<ScenarioRole, { main: string; band: string }> = {
  vendor: { main: "C0392B", band: "E6A49C" },
  asks: { main: "1F6FB2", band: "9FC3E3" },
  walkAway: { main: "2E8B57", band: "A3D3B6" },
};

const MASTER = "BRIEF";

// ---------------------------------------------------------------------------------------------
// Text fitting

/** Average glyph advance of Arial/Liberation Sans for mixed text, in ems (slightly generous). */
const CHAR_EM = 0.5;
/** Bold glyphs are about 10% wider: measure bold text in a box this much narrower. */
const BOLD = 0.9;
/** Line height in ems (pptxgenjs/PowerPoint single spacing). */
const LINE_EM = 1.2;
/** Default text-box insets: 0.1" left/right, 0.05" top/bottom. */
const INSET_X = 0.2;
const INSET_Y = 0.1;

function charsPerLine(widthIn: number, fontSize: number): number {
  return Math.max(1, Math.floor(((widthIn - INSET_X) * 72) / (fontSize * CHAR_EM)));
}

/** Lines a paragraph wraps to; words longer than a line are broken, as PowerPoint does. */
function wrappedLines(text: string, widthIn: number, fontSize: number): number {
  const max = charsPerLine(widthIn, fontSize);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const len = word.length;
    if (used === 0) {
      lines += Math.floor(Math.max(0, len - 1) / max);
      used = len % max || max;
    } else if (used + 1 + len <= max) {
      used += 1 + len;
    } else {
      lines += 1 + Math.floor(Math.max(0, len - 1) / max);
      used = len % max || max;
    }
  }
  return lines;
}

/** Estimated height in inches of the paragraphs at a font size, with paraSpacePt between them. */
function estimateHeight(paragraphs: string[], widthIn: number, fontSize: number, paraSpacePt = 0): number {
  const lines = paragraphs.reduce((n, p) => n + wrappedLines(p, widthIn, fontSize), 0);
  return (lines * fontSize * LINE_EM + Math.max(0, paragraphs.length - 1) * paraSpacePt) / 72 + INSET_Y;
}

/** The largest font size from max down to min at which the paragraphs fit the box; min otherwise. */
function fitFontSize(paragraphs: string[], widthIn: number, heightIn: number, max: number, min: number, paraSpacePt = 0): number {
  for (let size = max; size > min; size -= 0.5) {
    if (estimateHeight(paragraphs, widthIn, size, paraSpacePt) <= heightIn) return size;
  }
  return min;
}

/** Cut text to at most the lines that fit the box at the font size, ending with "…". */
function clipToBox(text: string, widthIn: number, heightIn: number, fontSize: number): string {
  if (estimateHeight([text], widthIn, fontSize) <= heightIn) return text;
  const words = text.split(/\s+/);
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (estimateHeight([`${words.slice(0, mid).join(" ")}…`], widthIn, fontSize) <= heightIn) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? clip(text, charsPerLine(widthIn, fontSize) - 1) : `${words.slice(0, lo).join(" ")}…`;
}

/** Text-box insets in points, given top/right/bottom/left; pptxgenjs wants [left, right, bottom, top]. */
function pad(top: number, right: number, bottom: number, left: number): [number, number, number, number] {
  return [left, right, bottom, top];
}

function clip(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1)).trimEnd()}…`;
}

function more(n: number, noun: string): string {
  return `…and ${n} more ${noun}`;
}

// ---------------------------------------------------------------------------------------------
// Slide furniture

function addTitle(slide: Slide, title: string, subtitle?: string): void {
  slide.addText(clip(title, 60), {
    x: MARGIN_X,
    y: 0.28,
    w: CONTENT_W,
    h: 0.55,
    fontFace: FONT,
    fontSize: 24,
    bold: true,
    color: ACCENT,
    valign: "middle",
    margin: 0,
  });
  if (subtitle) {
    slide.addText(clip(subtitle, 120), {
      x: MARGIN_X,
      y: 0.78,
      w: CONTENT_W,
      h: 0.3,
      fontFace: FONT,
      fontSize: 12,
      color: MUTED,
      valign: "top",
      margin: 0,
    });
  }
}

function footer(content: BriefContent): string {
  return clip(`${content.vendor} · ${content.contractName} · Brief v${content.version} · prepared ${day(content.preparedOn)}`, 110);
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A labelled figure: small caption above a large value. */
function addFigure(slide: Slide, box: Box, caption: string, value: string, color = INK): void {
  slide.addShape("rect", { ...box, fill: { color: "F6F8FA" }, line: { color: RULE, width: 0.75 } });
  slide.addText(clip(caption, 40), {
    x: box.x + 0.12,
    y: box.y + 0.08,
    w: box.w - 0.24,
    h: 0.3,
    fontFace: FONT,
    fontSize: 11,
    color: MUTED,
    margin: 0,
    valign: "top",
  });
  const size = fitFontSize([value], (box.w - 0.04) * BOLD, box.h - 0.4, 24, 12);
  slide.addText(value, {
    x: box.x + 0.12,
    y: box.y + 0.38,
    w: box.w - 0.24,
    h: box.h - 0.44,
    fontFace: FONT,
    fontSize: size,
    bold: true,
    color,
    margin: 0,
    valign: "middle",
  });
}

/** Bulleted paragraphs fitted into a box; paragraphs beyond maxItems become "…and N more". */
function addBullets(slide: Slide, box: Box, items: string[], opts: { max: number; min: number; maxItems: number; noun: string }): void {
  const shown = items.slice(0, opts.maxItems);
  const rest = items.length - shown.length;
  const bulletW = box.w - 0.3; // bullet indent
  let size = fitFontSize(shown, bulletW, box.h - (rest > 0 ? 0.4 : 0), opts.max, opts.min, 6);
  let paragraphs = shown;
  if (estimateHeight(shown, bulletW, size, 6) > box.h) {
    // Still too long at the smallest size: share the height between the items.
    const each = (box.h - (rest > 0 ? 0.4 : 0)) / Math.max(1, shown.length);
    paragraphs = shown.map((p) => clipToBox(p, bulletW, each, size));
    size = opts.min;
  }
  const runs: PptxGenJS.TextProps[] = paragraphs.map((text) => ({
    text,
    options: { bullet: { indent: 15 }, breakLine: true, paraSpaceAfter: 6 },
  }));
  if (rest > 0) runs.push({ text: more(rest, opts.noun), options: { italic: true, color: MUTED, breakLine: true } });
  slide.addText(runs, { ...box, fontFace: FONT, fontSize: size, color: INK, valign: "top", margin: pad(4, 8, 4, 8) });
}

// Table cells take margins in points as [top, right, bottom, left].
const cellBase: PptxGenJS.TableCellProps = { fontFace: FONT, color: INK, valign: "middle", margin: [2, 5, 2, 5] };

function headerCell(text: string, align: "left" | "right" = "left"): PptxGenJS.TableCell {
  return { text, options: { ...cellBase, bold: true, fill: { color: HEADER_FILL }, align } };
}

function cell(text: string, align: "left" | "right" = "left", extra: PptxGenJS.TableCellProps = {}): PptxGenJS.TableCell {
  return { text, options: { ...cellBase, align, ...extra } };
}

// ---------------------------------------------------------------------------------------------
// Slides

function titleSlide(pptx: PptxGenJS, content: BriefContent): void {
  const slide = pptx.addSlide();
  slide.background = { color: ACCENT };
  const titleSize = fitFontSize([content.title], 8.8 * BOLD, 1.5, 36, 22);
  slide.addText(clipToBox(content.title, 8.8 * BOLD, 1.5, titleSize), {
    x: 0.6,
    y: 1.05,
    w: 8.8,
    h: 1.5,
    fontFace: FONT,
    fontSize: titleSize,
    bold: true,
    color: "FFFFFF",
    valign: "bottom",
    margin: pad(0, 10, 0, 10),
  });
  slide.addShape("rect", { x: 0.7, y: 2.72, w: 1.2, h: 0.06, fill: { color: "F2B134" }, line: { color: "F2B134", width: 0 } });
  slide.addText(clip(content.vendor, 60), {
    x: 0.6,
    y: 2.95,
    w: 8.8,
    h: 0.5,
    fontFace: FONT,
    fontSize: 22,
    color: "FFFFFF",
    margin: pad(0, 10, 0, 10),
  });
  slide.addText(clip(content.contractName, 80), {
    x: 0.6,
    y: 3.45,
    w: 8.8,
    h: 0.45,
    fontFace: FONT,
    fontSize: 18,
    color: "D9E2EC",
    margin: pad(0, 10, 0, 10),
  });
  const byline = [`Brief v${content.version} · prepared ${day(content.preparedOn)}`];
  if (content.preparedBy) byline.push(`by ${clip(content.preparedBy, 50)}`);
  const signed = signOffsText(content.signOffs);
  if (signed) {
    // the sign-offs under the byline, shrunk to fit their box, never cut
    const size = fitFontSize([signed], 8.8, 0.5, 12, 7);
    slide.addText(signed, { x: 0.6, y: 4.85, w: 8.8, h: 0.55, fontFace: FONT, fontSize: size, bold: true, color: "FFFFFF", valign: "top", margin: pad(0, 10, 0, 10) });
  }
  slide.addText(
    byline.map((text, i) => ({ text, options: { breakLine: i < byline.length - 1 } })),
    { x: 0.6, y: 4.2, w: 8.8, h: 0.7, fontFace: FONT, fontSize: 14, color: "D9E2EC", valign: "top", margin: pad(0, 10, 0, 10) },
  );
}

function recommendationSlide(pptx: PptxGenJS, content: BriefContent): void {
  const { summary, currency } = content;
  const slide = pptx.addSlide({ masterName: MASTER });
  addTitle(slide, "Recommendation");

  // The recommendation itself: made smaller to fit; cut only if longer than any real one (~900 characters).
  const recW = (CONTENT_W - 0.15) * BOLD;
  const recSize = fitFontSize([summary.recommendation], recW, 1.4, 20, 10);
  const recBox = { x: MARGIN_X, y: BODY_TOP, w: CONTENT_W, h: Math.max(0.8, Math.min(1.4, estimateHeight([summary.recommendation], recW, recSize) + 0.1)) };
  slide.addShape("rect", { x: MARGIN_X, y: BODY_TOP, w: 0.07, h: recBox.h, fill: { color: "F2B134" }, line: { color: "F2B134", width: 0 } });
  slide.addText(clipToBox(summary.recommendation, recW, recBox.h, recSize), {
    ...recBox,
    x: recBox.x + 0.15,
    w: recBox.w - 0.15,
    fontFace: FONT,
    fontSize: recSize,
    bold: true,
    color: INK,
    valign: "middle",
  });

  // At stake and the three costs behind it.
  const y = BODY_TOP + recBox.h + 0.2;
  const w = (CONTENT_W - 0.3) / 3;
  addFigure(slide, { x: MARGIN_X, y, w, h: 0.95 }, `${AT_STAKE_LABEL}, P50`, money(summary.atStakeP50, currency), ROLE_COLORS.asks.main);
  addFigure(slide, { x: MARGIN_X + w + 0.15, y, w, h: 0.95 }, `${AT_STAKE_LABEL}, P90`, money(summary.atStakeP90, currency), ROLE_COLORS.asks.main);
  addFigure(
    slide,
    { x: MARGIN_X + 2 * (w + 0.15), y, w, h: 0.95 },
    `${ROLE_LABELS.vendor}, P50`,
    money(summary.vendor.p50, currency),
    ROLE_COLORS.vendor.main,
  );

  const pointsTop = y + 0.95 + 0.15;
  addBullets(slide, { x: MARGIN_X, y: pointsTop, w: CONTENT_W, h: BODY_BOTTOM - pointsTop }, summary.points, {
    max: 14,
    min: 10,
    maxItems: 4,
    noun: "points",
  });
}

function toNumber(value: string | null | undefined): number {
  if (value === null || value === undefined) return Number.NaN; // pptxgenjs writes an empty point
  const n = Number(value);
  return Number.isFinite(n) ? n : Number.NaN;
}

function forecastSlide(pptx: PptxGenJS, content: BriefContent): void {
  const { forecast, currency } = content;
  const slide = pptx.addSlide({ masterName: MASTER });
  const points = forecast.points;
  const last = points.at(-1);
  const subtitle = last
    ? `Cumulative cost by ${last.label}, P50: ${ROLE_LABELS.vendor} ${money(last.vendor.p50, currency)} · ${ROLE_LABELS.asks} ${money(last.asks.p50, currency)}` +
      (last.walkAway ? ` · ${ROLE_LABELS.walkAway} ${money(last.walkAway.p50, currency)}` : "")
    : "No forecast";
  addTitle(slide, "Cumulative cost forecast", subtitle);
  if (!last) return;

  const roles: ScenarioRole[] = ["vendor", "asks"];
  if (points.some((p) => p.walkAway)) roles.push("walkAway");
  const labels = points.map((p) => p.label);
  const pick = (role: ScenarioRole, p: (typeof points)[number]): CostPercentiles | null => (role === "walkAway" ? p.walkAway : p[role]);
  const series = (role: ScenarioRole, q: keyof CostPercentiles): PptxGenJS.OptsChartData => ({
    name: `${ROLE_LABELS[role]} ${q.toUpperCase()}`,
    labels,
    values: points.map((p) => toNumber(pick(role, p)?.[q])),
  });
  // Two line groups on the same axes: the P10/P90 band thin and dashed, the P50 lines on top.
  const bands = roles.flatMap((role) => [series(role, "p10"), series(role, "p90")]);
  const medians = roles.map((role) => series(role, "p50"));
  const groups: PptxGenJS.IChartMulti[] = [
    {
      type: pptx.ChartType.line,
      data: bands,
      options: { chartColors: roles.flatMap((role) => [ROLE_COLORS[role].band, ROLE_COLORS[role].band]), lineSize: 1.25, lineDash: "dash" },
    },
    { type: pptx.ChartType.line, data: medians, options: { chartColors: roles.map((role) => ROLE_COLORS[role].main), lineSize: 2.75 } },
  ];
  const symbol = currencySymbol(currency).replace(/"/g, "");
  // For a multi-type chart pptxgenjs reads the options from `data || options`: data must be empty.
  const noData = undefined as unknown as unknown[];
  slide.addChart(groups, noData, {
    x: MARGIN_X,
    y: 1.15,
    w: CONTENT_W,
    h: 4.0,
    lineDataSymbol: "none",
    showLegend: true,
    legendPos: "b",
    legendFontSize: 9,
    legendFontFace: FONT,
    catAxisLabelFontSize: 9,
    catAxisLabelFontFace: FONT,
    catAxisLabelFrequency: String(Math.max(1, Math.ceil(points.length / 12))),
    valAxisLabelFontSize: 9,
    valAxisLabelFontFace: FONT,
    valAxisLabelFormatCode: `"${symbol}"#,##0`,
    valGridLine: { color: "E5E9EF", size: 0.5 },
    catGridLine: { style: "none" },
    altText: `Cumulative cost forecast per scenario at P10, P50 and P90. ${subtitle}`,
  });
}

const MAX_ASK_ROWS = 6;

function asksSlide(pptx: PptxGenJS, content: BriefContent): void {
  const { currency } = content;
  const slide = pptx.addSlide({ masterName: MASTER });
  addTitle(slide, "What we ask for", "Ranked by what each ask alone saves against the vendor's terms");

  const asks = [...content.asks].sort((a, b) => a.rank - b.rank);
  const shown = asks.slice(0, MAX_ASK_ROWS);
  const rest = asks.length - shown.length;
  const vendorSafe = content.audience === "vendorSafe";
  const colW = vendorSafe ? [0.45, 5.75, 1.45, 1.45] : [0.45, 3.85, 1.45, 1.45, 1.9];
  const fontSize = shown.length > 4 ? 10 : 11;
  const nameChars = charsPerLine((colW[1] ?? 3.85) * BOLD, fontSize) * 2 - 2; // at most two lines
  const rows: TableRow[] = [
    [headerCell("#", "right"), headerCell("Ask"), headerCell("Saves alone P50", "right"), headerCell("Saves alone P90", "right"), ...(vendorSafe ? [] : [headerCell("Authority")])],
    ...shown.map((ask): TableRow => [
      cell(String(ask.rank), "right"),
      cell(clip(ask.name, nameChars), "left", { bold: true }),
      cell(money(ask.savingP50, currency), "right"),
      cell(money(ask.savingP90, currency), "right"),
      ...(vendorSafe ? [] : [cell(clip(ask.authorityLabel, 40))]),
    ]),
  ];
  if (shown.length === 0) rows.push([cell(""), cell("No asks in this brief", "left", { italic: true }), cell(""), cell(""), ...(vendorSafe ? [] : [cell("")])]);
  const rowH = fontSize === 10 ? 0.42 : 0.46;
  slide.addTable(rows, {
    x: MARGIN_X,
    y: 1.2,
    w: CONTENT_W,
    colW,
    rowH: [0.34, ...rows.slice(1).map(() => rowH)],
    fontSize,
    fontFace: FONT,
    border: { type: "solid", pt: 0.75, color: RULE },
    autoPage: false,
  });

  let y = 1.2 + 0.34 + (rows.length - 1) * rowH + 0.08;
  if (rest > 0) {
    slide.addText(more(rest, rest === 1 ? "ask" : "asks"), { x: MARGIN_X, y, w: CONTENT_W, h: 0.28, fontFace: FONT, fontSize: 10, italic: true, color: MUTED, margin: 0 });
    y += 0.3;
  }
  const pkg = content.asksPackage;
  if (pkg) {
    const line = `Full package: saves ${money(pkg.savingP50, currency)} at P50 and ${money(pkg.savingP90, currency)} at P90${vendorSafe ? "" : ` · needs ${pkg.authorityLabel}`}`;
    const h = Math.max(0.4, BODY_BOTTOM + 0.15 - y);
    const size = fitFontSize([line], CONTENT_W * BOLD, Math.min(h, 0.8), 14, 10);
    slide.addText(line, {
      x: MARGIN_X,
      y: y + 0.05,
      w: CONTENT_W,
      h: Math.min(h, 0.8),
      fontFace: FONT,
      fontSize: size,
      bold: true,
      color: ACCENT,
      valign: "top",
    });
  }
}

function walkAwaySlide(pptx: PptxGenJS, content: BriefContent): void {
  const { walkAway, currency } = content;
  const slide = pptx.addSlide({ masterName: MASTER });
  const name = walkAway.scenarioName?.trim();
  addTitle(slide, "Walk-away", name && name.toLowerCase() !== "walk-away" ? `Scenario: ${name}` : undefined);

  const sentenceBox = { x: MARGIN_X, y: BODY_TOP + 0.1, w: CONTENT_W, h: 1.0 };
  const sentenceSize = fitFontSize([walkAway.sentence], sentenceBox.w * BOLD, sentenceBox.h, 18, 11);
  slide.addText(clipToBox(walkAway.sentence, sentenceBox.w * BOLD, sentenceBox.h, sentenceSize), {
    ...sentenceBox,
    fontFace: FONT,
    fontSize: sentenceSize,
    bold: true,
    color: INK,
    valign: "middle",
  });

  let y = sentenceBox.y + sentenceBox.h + 0.15;
  const per = walkAway.perUser;
  if (per) {
    const w = (CONTENT_W - 0.3) / 3;
    addFigure(slide, { x: MARGIN_X, y, w, h: 0.95 }, `Per user: ${count(per.users)} users`, money(per.totalCost, currency), ROLE_COLORS.walkAway.main);
    addFigure(slide, { x: MARGIN_X + w + 0.15, y, w, h: 0.95 }, "Price per user per month", money(per.pricePerUserPerMonth, currency));
    addFigure(
      slide,
      { x: MARGIN_X + 2 * (w + 0.15), y, w, h: 0.95 },
      "Break-even, actions per user per month",
      count(per.breakEvenActionsPerUserPerMonth),
    );
    y += 0.95 + 0.15;
    const h = 0.7;
    const size = fitFontSize([per.sentence], CONTENT_W, h, 13, 10);
    slide.addText(clipToBox(per.sentence, CONTENT_W, h, size), { x: MARGIN_X, y, w: CONTENT_W, h, fontFace: FONT, fontSize: size, color: INK, valign: "top" });
    y += h + 0.05;
  }

  const facts: string[] = [];
  if (walkAway.cost) {
    facts.push(
      `Walk-away cost: ${money(walkAway.cost.p10, currency)} P10 · ${money(walkAway.cost.p50, currency)} P50 · ${money(walkAway.cost.p90, currency)} P90`,
    );
  }
  if (walkAway.packsAtList) {
    facts.push(
      `Credit packs at list instead: ${money(walkAway.packsAtList.p10, currency)} P10 · ${money(walkAway.packsAtList.p50, currency)} P50 · ${money(walkAway.packsAtList.p90, currency)} P90`,
    );
  }
  if (per?.listPricePerAction) facts.push(`List price per action: ${money(per.listPricePerAction, currency)}`);
  if (facts.length > 0) {
    const h = Math.max(0.4, BODY_BOTTOM + 0.15 - y);
    addBullets(slide, { x: MARGIN_X, y, w: CONTENT_W, h }, facts, { max: 12, min: 9, maxItems: 3, noun: "" });
  }
}

const MAX_RISKS = 4;
const TIMELINE_KINDS = ["notice", "renewal", "exhaustion"] as const;
const TIMELINE_CAPTIONS: Record<(typeof TIMELINE_KINDS)[number], string> = {
  notice: "Notice due",
  renewal: "Renewal",
  exhaustion: "Credits run out",
};

function risksSlide(pptx: PptxGenJS, content: BriefContent): void {
  const { currency } = content;
  const slide = pptx.addSlide({ masterName: MASTER });
  const vendorSafe = content.audience === "vendorSafe";
  addTitle(slide, vendorSafe ? "Timeline" : "Risks and timeline");

  // Risks: left, top four.
  const left = { x: MARGIN_X, y: BODY_TOP + 0.05, w: 5.75, h: BODY_BOTTOM + 0.15 - BODY_TOP - 0.05 };
  const shown = content.risks.slice(0, MAX_RISKS);
  const rest = content.risks.length - shown.length;
  if (vendorSafe) {
    // nothing of our burn's risks in a vendor-safe deck
  } else if (shown.length === 0) {
    slide.addText("No usage risks found in the observed burn.", { ...left, h: 0.4, fontFace: FONT, fontSize: 13, italic: true, color: MUTED, valign: "top" });
  } else {
    const avail = left.h - (rest > 0 ? 0.3 : 0);
    const each = Math.min(1.1, avail / shown.length);
    shown.forEach((risk, i) => {
      const y = left.y + i * each;
      const figure = risk.amount !== null ? money(risk.amount, currency) : `${count(risk.credits)} credits`;
      slide.addShape("rect", { x: left.x, y: y + 0.06, w: 0.06, h: each - 0.16, fill: { color: ROLE_COLORS.vendor.main }, line: { color: ROLE_COLORS.vendor.main, width: 0 } });
      const headW = left.w - 0.15 - 1.7;
      slide.addText(clip(risk.agent ? `${risk.title} · ${risk.agent}` : risk.title, charsPerLine(headW * BOLD, 12) - 1), {
        x: left.x + 0.15,
        y,
        w: headW,
        h: 0.3,
        fontFace: FONT,
        fontSize: 12,
        bold: true,
        color: INK,
        valign: "top",
        margin: pad(2, 4, 0, 4),
      });
      slide.addText(figure, {
        x: left.x + left.w - 1.7,
        y,
        w: 1.7,
        h: 0.3,
        fontFace: FONT,
        fontSize: 12,
        bold: true,
        color: ROLE_COLORS.vendor.main,
        align: "right",
        valign: "top",
        margin: pad(2, 4, 0, 4),
      });
      const sentenceBox = { w: left.w - 0.15, h: each - 0.38 };
      const size = fitFontSize([risk.sentence], sentenceBox.w, sentenceBox.h, 11, 9);
      slide.addText(clipToBox(risk.sentence, sentenceBox.w, sentenceBox.h, size), {
        x: left.x + 0.15,
        y: y + 0.28,
        ...sentenceBox,
        fontFace: FONT,
        fontSize: size,
        color: INK,
        valign: "top",
        margin: pad(0, 4, 0, 4),
      });
    });
    if (rest > 0) {
      slide.addText(more(rest, rest === 1 ? "risk" : "risks"), {
        x: left.x + 0.15,
        y: left.y + shown.length * each,
        w: left.w - 0.15,
        h: 0.28,
        fontFace: FONT,
        fontSize: 10,
        italic: true,
        color: MUTED,
        margin: pad(0, 4, 0, 4),
      });
    }
  }

  // Timeline: right, the dates that bound the negotiation.
  const rx = MARGIN_X + left.w + 0.3;
  const rw = SLIDE_W - MARGIN_X - rx;
  slide.addShape("rect", { x: rx, y: left.y, w: rw, h: left.h, fill: { color: "F6F8FA" }, line: { color: RULE, width: 0.75 } });
  slide.addText("Key dates", { x: rx + 0.15, y: left.y + 0.08, w: rw - 0.3, h: 0.32, fontFace: FONT, fontSize: 13, bold: true, color: ACCENT, margin: 0 });
  const events = TIMELINE_KINDS.flatMap((kind) => {
    const found = content.timeline.filter((e) => e.kind === kind).sort((a, b) => a.date.localeCompare(b.date));
    return found.length > 0 ? found.map((e) => ({ caption: e.label || TIMELINE_CAPTIONS[kind], date: day(e.date) })) : [{ caption: TIMELINE_CAPTIONS[kind], date: "—" }];
  }).slice(0, 5);
  // Each event: a caption of up to two lines, set on the date below it.
  const step = Math.min(0.9, (left.h - 0.5) / events.length);
  const captionW = rw - 0.3;
  const captionH = (2 * 10 * LINE_EM) / 72 + 0.02;
  events.forEach((event, i) => {
    const y = left.y + 0.45 + i * step;
    const caption = clip(event.caption, 2 * (charsPerLine(captionW + INSET_X, 10) - 1));
    slide.addText(caption, { x: rx + 0.15, y, w: captionW, h: captionH, fontFace: FONT, fontSize: 10, color: MUTED, margin: 0, valign: "bottom" });
    slide.addText(event.date, { x: rx + 0.15, y: y + captionH + 0.02, w: captionW, h: 0.34, fontFace: FONT, fontSize: 17, bold: true, color: INK, margin: 0, valign: "top" });
  });
}

function inputsSlide(pptx: PptxGenJS, content: BriefContent): void {
  const { inputs } = content;
  const slide = pptx.addSlide({ masterName: MASTER });
  addTitle(slide, "Inputs & assumptions");

  const unit = inputs.granularity === "week" ? "weeks" : "months";
  const facts: [string, string][] = [
    ["Rate card", `${inputs.rateCardVersion.label} (effective ${day(inputs.rateCardVersion.effectiveFrom)})`],
    ["Observed burn through", day(inputs.burnThrough)],
    ["Horizon", `${count(inputs.horizonPeriods)} ${unit}, ${day(inputs.horizonStart)} – ${day(inputs.horizonEnd)}`],
    ["Monte Carlo", `${count(inputs.paths)} paths · seed ${inputs.seed}`],
    ...inputs.scenarios.map((s): [string, string] => [ROLE_LABELS[s.role], s.name]),
  ];
  const leftW = 4.3;
  const factRows: TableRow[] = facts.map(([label, value]) => [
    cell(label, "left", { bold: true, color: MUTED }),
    cell(clip(value, 2 * charsPerLine(leftW - 1.5, 10) - 2)),
  ]);
  slide.addTable(factRows.slice(0, 9), {
    x: MARGIN_X,
    y: BODY_TOP + 0.05,
    w: leftW,
    colW: [1.5, leftW - 1.5],
    fontSize: 10,
    fontFace: FONT,
    border: { type: "solid", pt: 0.5, color: RULE },
    autoPage: false,
  });

  const rx = MARGIN_X + leftW + 0.3;
  const rw = SLIDE_W - MARGIN_X - rx;
  const top = BODY_TOP + 0.05;
  const height = BODY_BOTTOM + 0.1 - top;
  const fontSize = 9;
  const labelW = 1.6;
  const valueW = rw - labelW;
  const lineH = (fontSize * LINE_EM) / 72;
  const cellPadY = 0.08; // table cell margins, top and bottom
  const headerH = 0.3;
  const moreH = 0.3;
  const rowsOf = (a: { label: string; value: string }) => {
    const label = clip(a.label, 2 * charsPerLine(labelW * BOLD + INSET_X - 0.14, fontSize) - 2);
    const value = clip(a.value, 3 * charsPerLine(valueW + INSET_X - 0.14, fontSize) - 4);
    const lines = Math.max(wrappedLines(label, labelW * BOLD + INSET_X - 0.14, fontSize), wrappedLines(value, valueW + INSET_X - 0.14, fontSize));
    return { label, value, h: lines * lineH + cellPadY + 0.04 };
  };
  const measured = content.assumptions.map(rowsOf);
  const shown: typeof measured = [];
  let used = headerH;
  for (const [i, row] of measured.entries()) {
    const reserve = i < measured.length - 1 ? moreH : 0;
    if (used + row.h + reserve > height) break;
    shown.push(row);
    used += row.h;
  }
  const rest = measured.length - shown.length;
  const rows: TableRow[] = [
    [headerCell("Assumption"), headerCell("Value")],
    ...shown.map((a): TableRow => [cell(a.label, "left", { bold: true }), cell(a.value)]),
  ];
  if (shown.length === 0) rows.push([cell(rest > 0 ? "" : "None recorded", "left", { italic: true }), cell("")]);
  const rowHeights = [headerH, ...(shown.length > 0 ? shown.map((r) => r.h) : [0.3])];
  slide.addTable(rows, {
    x: rx,
    y: top,
    w: rw,
    colW: [labelW, valueW],
    rowH: rowHeights,
    fontSize,
    fontFace: FONT,
    border: { type: "solid", pt: 0.5, color: RULE },
    margin: [2, 5, 2, 5],
    autoPage: false,
  });
  if (rest > 0) {
    slide.addText(more(rest, rest === 1 ? "assumption" : "assumptions"), {
      x: rx,
      y: top + rowHeights.reduce((a, b) => a + b, 0) + 0.05,
      w: rw,
      h: 0.26,
      fontFace: FONT,
      fontSize: 9,
      italic: true,
      color: MUTED,
      margin: 0,
    });
  }
}

/** The brief as a PowerPoint deck (16:9, seven slides). */
export async function renderBriefPptx(content: BriefContent): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_16x9";
  pptx.title = content.title;
  pptx.subject = `${content.vendor} · ${content.contractName}`;
  pptx.company = content.vendor;
  if (content.preparedBy) pptx.author = content.preparedBy;
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: "FFFFFF" },
    objects: [
      { rect: { x: 0, y: 0, w: SLIDE_W, h: 0.1, fill: { color: ACCENT }, line: { color: ACCENT, width: 0 } } },
      { line: { x: MARGIN_X, y: 5.25, w: CONTENT_W, h: 0, line: { color: RULE, width: 0.75 } } },
      { text: { text: footer(content), options: { x: MARGIN_X, y: 5.28, w: CONTENT_W - 0.6, h: 0.25, fontFace: FONT, fontSize: 8, color: MUTED, margin: 0 } } },
    ],
    slideNumber: { x: SLIDE_W - MARGIN_X - 0.5, y: 5.28, w: 0.5, h: 0.25, fontFace: FONT, fontSize: 8, color: MUTED, align: "right", margin: 0 },
  });

  titleSlide(pptx, content);
  recommendationSlide(pptx, content);
  forecastSlide(pptx, content);
  asksSlide(pptx, content);
  // a vendor-safe deck has no walk-away slide, and its last slide carries the dates only
  const vendorSafe = content.audience === "vendorSafe";
  if (!vendorSafe) walkAwaySlide(pptx, content);
  risksSlide(pptx, content);
  inputsSlide(pptx, content);

  const out = await pptx.write({ outputType: "nodebuffer" });
  if (Buffer.isBuffer(out)) return out;
  if (out instanceof Uint8Array) return Buffer.from(out);
  if (out instanceof ArrayBuffer) return Buffer.from(out);
  throw new Error("pptxgenjs returned an unexpected output type");
}
