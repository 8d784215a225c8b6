// The brief as a short executive deck (16:9, seven slides for a brief of usual length): title,
// recommendation, the cost forecast as a native line chart, the asks, the walk-away, risks and
// timeline, and the inputs. Every figure is formatted with lib/brief/format.ts, so it reads as it
// does on screen. pptxgenjs does not measure text, so text is laid out from an estimate of its
// wrapped height (estimateHeight): a box shrinks its text to fit, and a list or table the slide
// cannot hold carries on on a slide of its own titled "… (continued)". No text is ever cut.
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import PptxGenJS from "pptxgenjs";

import { count, currencySymbol, day, money, ROLE_LABELS, AT_STAKE_LABEL, signOffsText, periodLabel } from "@/lib/brief/format";
import { pptxColour, ROLE_PALETTE } from "@/lib/brief/palette";
import { assumptionsTable, inputsTable, pairsOf, sectionTitle } from "@/lib/brief/present";
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

/** The palette's role colours, as PowerPoint writes them. */
const ROLE_COLORS: Record<ScenarioRole, { main: string; band: string }> = {
  vendor: { main: pptxColour(ROLE_PALETTE.vendor.main), band: pptxColour(ROLE_PALETTE.vendor.band) },
  asks: { main: pptxColour(ROLE_PALETTE.asks.main), band: pptxColour(ROLE_PALETTE.asks.band) },
  walkAway: { main: pptxColour(ROLE_PALETTE.walkAway.main), band: pptxColour(ROLE_PALETTE.walkAway.band) },
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

/** Text is never cut: a box that cannot hold it at its smallest size shrinks it further, to this. */
const FLOOR_PT = 6;

/** The largest font size from max down (to FLOOR_PT at least) at which the paragraphs fit the box: the text is always whole. */
function shrinkToFit(paragraphs: string[], widthIn: number, heightIn: number, max: number, paraSpacePt = 0): number {
  return fitFontSize(paragraphs, widthIn, heightIn, max, FLOOR_PT, paraSpacePt);
}

/**
 * Splits items into the pages they fill: each page takes items while their heights fit its room
 * (`room(0)` on the first page, `room(i)` after); an item taller than a whole page goes alone.
 */
function paginate<T>(items: T[], height: (item: T, page: number) => number, room: (page: number) => number): T[][] {
  const pages: T[][] = [[]];
  let left = room(0);
  for (const item of items) {
    let page = pages.length - 1;
    let h = height(item, page);
    if (pages[page]!.length > 0 && h > left) {
      pages.push([]);
      page += 1;
      left = room(page);
      h = height(item, page);
    }
    pages[page]!.push(item);
    left -= h;
  }
  return pages;
}

/** Lines a table cell's text wraps to, in a column `colW` wide (cell margins of 5 pt each side). */
function cellLines(text: string, colW: number, fontSize: number, bold = false): number {
  return wrappedLines(text, (colW - 0.14) * (bold ? BOLD : 1) + INSET_X, fontSize);
}

/** Height of a table row whose tallest cell wraps to `lines` lines (cell margins of 2 pt top and bottom). */
function rowHeight(lines: number, fontSize: number, min = 0.3): number {
  return Math.max(min, (lines * fontSize * LINE_EM) / 72 + 0.1);
}

/** Text-box insets in points, given top/right/bottom/left; pptxgenjs wants [left, right, bottom, top]. */
function pad(top: number, right: number, bottom: number, left: number): [number, number, number, number] {
  return [left, right, bottom, top];
}

// ---------------------------------------------------------------------------------------------
// Slide furniture

function addTitle(slide: Slide, title: string, subtitle?: string): void {
  slide.addText(title, {
    x: MARGIN_X,
    y: 0.28,
    w: CONTENT_W,
    h: 0.55,
    fontFace: FONT,
    fontSize: shrinkToFit([title], CONTENT_W * BOLD + INSET_X, 0.55, 24),
    bold: true,
    color: ACCENT,
    valign: "middle",
    margin: 0,
  });
  if (subtitle) {
    slide.addText(subtitle, {
      x: MARGIN_X,
      y: 0.78,
      w: CONTENT_W,
      h: 0.3,
      fontFace: FONT,
      fontSize: shrinkToFit([subtitle], CONTENT_W + INSET_X, 0.3, 12),
      color: MUTED,
      valign: "top",
      margin: 0,
    });
  }
}

/** A slide that carries on a list the slide before could not hold. */
function continuedSlide(pptx: PptxGenJS, title: string): Slide {
  const slide = pptx.addSlide({ masterName: MASTER });
  addTitle(slide, `${title} (continued)`);
  return slide;
}

function footer(content: BriefContent): string {
  return `${content.vendor} · ${content.contractName} · Brief v${content.version} · prepared ${day(content.preparedOn)}`;
}

const FOOTER_W = CONTENT_W - 0.6;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A labelled figure: small caption above a large value. */
function addFigure(slide: Slide, box: Box, caption: string, value: string, color = INK): void {
  slide.addShape("rect", { ...box, fill: { color: "F6F8FA" }, line: { color: RULE, width: 0.75 } });
  slide.addText(caption, {
    x: box.x + 0.12,
    y: box.y + 0.08,
    w: box.w - 0.24,
    h: 0.3,
    fontFace: FONT,
    fontSize: shrinkToFit([caption], box.w - 0.24 + INSET_X, 0.3, 11),
    color: MUTED,
    margin: 0,
    valign: "top",
  });
  const size = shrinkToFit([value], (box.w - 0.04) * BOLD, box.h - 0.4, 24);
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

const BULLET_SPACE_PT = 6;

/** Bulleted paragraphs in a box at `size`, every one whole. */
function addBulletRuns(slide: Slide, box: Box, items: string[], size: number): void {
  const runs: PptxGenJS.TextProps[] = items.map((text) => ({
    text,
    options: { bullet: { indent: 15 }, breakLine: true, paraSpaceAfter: BULLET_SPACE_PT },
  }));
  slide.addText(runs, { ...box, fontFace: FONT, fontSize: size, color: INK, valign: "top", margin: pad(4, 8, 4, 8) });
}

/** Bulleted paragraphs shrunk to fit their box. */
function addBullets(slide: Slide, box: Box, items: string[], opts: { max: number }): void {
  addBulletRuns(slide, box, items, shrinkToFit(items, box.w - 0.3, box.h, opts.max, BULLET_SPACE_PT));
}

/**
 * Bullets that start in `first` and, when they do not all fit there at `opts.min`, carry on in
 * `rest` on slides of their own titled "… (continued)".
 */
function addBulletsContinued(pptx: PptxGenJS, slide: Slide, first: Box, rest: Box, items: string[], opts: { max: number; min: number; title: string }): void {
  const bulletW = first.w - 0.3; // bullet indent
  const size = fitFontSize(items, bulletW, first.h, opts.max, opts.min, BULLET_SPACE_PT);
  if (estimateHeight(items, bulletW, size, BULLET_SPACE_PT) <= first.h) return addBulletRuns(slide, first, items, size);
  const boxOf = (page: number) => (page === 0 ? first : rest);
  const pages = paginate(
    items,
    (item, page) => estimateHeight([item], boxOf(page).w - 0.3, opts.min) + BULLET_SPACE_PT / 72,
    (page) => boxOf(page).h - INSET_Y,
  );
  pages.forEach((page, i) => {
    if (page.length === 0) return;
    const box = boxOf(i);
    addBulletRuns(i === 0 ? slide : continuedSlide(pptx, opts.title), box, page, shrinkToFit(page, box.w - 0.3, box.h, opts.min, BULLET_SPACE_PT));
  });
}

// Table cells take margins in points as [top, right, bottom, left].
const cellBase: PptxGenJS.TableCellProps = { fontFace: FONT, color: INK, valign: "middle", margin: [2, 5, 2, 5] };

function headerCell(text: string, align: "left" | "right" = "left"): PptxGenJS.TableCell {
  return { text, options: { ...cellBase, bold: true, fill: { color: HEADER_FILL }, align } };
}

function cell(text: string, align: "left" | "right" = "left", extra: PptxGenJS.TableCellProps = {}): PptxGenJS.TableCell {
  return { text, options: { ...cellBase, align, ...extra } };
}

/** The full body of a continuation slide. */
const BODY: Box = { x: MARGIN_X, y: BODY_TOP + 0.05, w: CONTENT_W, h: BODY_BOTTOM + 0.1 - BODY_TOP - 0.05 };

// ---------------------------------------------------------------------------------------------
// Slides

function titleSlide(pptx: PptxGenJS, content: BriefContent): void {
  const slide = pptx.addSlide();
  slide.background = { color: ACCENT };
  const titleSize = shrinkToFit([content.title], 8.8 * BOLD, 1.5, 36);
  slide.addText(content.title, {
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
  slide.addText(content.vendor, {
    x: 0.6,
    y: 2.95,
    w: 8.8,
    h: 0.5,
    fontFace: FONT,
    fontSize: shrinkToFit([content.vendor], 8.8, 0.5, 22),
    color: "FFFFFF",
    margin: pad(0, 10, 0, 10),
  });
  slide.addText(content.contractName, {
    x: 0.6,
    y: 3.45,
    w: 8.8,
    h: 0.45,
    fontFace: FONT,
    fontSize: shrinkToFit([content.contractName], 8.8, 0.45, 18),
    color: "D9E2EC",
    margin: pad(0, 10, 0, 10),
  });
  const byline = [`Brief v${content.version} · prepared ${day(content.preparedOn)}`];
  if (content.preparedBy) byline.push(`by ${content.preparedBy}`);
  const signed = signOffsText(content.signOffs);
  if (signed) {
    // the sign-offs under the byline, shrunk to fit their box, never cut
    const size = shrinkToFit([signed], 8.8, 0.5, 12);
    slide.addText(signed, { x: 0.6, y: 4.85, w: 8.8, h: 0.55, fontFace: FONT, fontSize: size, bold: true, color: "FFFFFF", valign: "top", margin: pad(0, 10, 0, 10) });
  }
  slide.addText(
    byline.map((text, i) => ({ text, options: { breakLine: i < byline.length - 1 } })),
    { x: 0.6, y: 4.2, w: 8.8, h: 0.7, fontFace: FONT, fontSize: shrinkToFit(byline, 8.8, 0.65, 14), color: "D9E2EC", valign: "top", margin: pad(0, 10, 0, 10) },
  );
}

function recommendationSlide(pptx: PptxGenJS, content: BriefContent): void {
  const { summary, currency } = content;
  const slide = pptx.addSlide({ masterName: MASTER });
  addTitle(slide, "Recommendation");

  // The recommendation itself: made smaller to fit, its box taller for a long one, never cut.
  const recW = (CONTENT_W - 0.15) * BOLD;
  const recSize = shrinkToFit([summary.recommendation], recW, 1.4, 20);
  const recBox = { x: MARGIN_X, y: BODY_TOP, w: CONTENT_W, h: Math.max(0.8, Math.min(1.4, estimateHeight([summary.recommendation], recW, recSize) + 0.1)) };
  slide.addShape("rect", { x: MARGIN_X, y: BODY_TOP, w: 0.07, h: recBox.h, fill: { color: "F2B134" }, line: { color: "F2B134", width: 0 } });
  slide.addText(summary.recommendation, {
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

  // The points: every one, whole; those the slide cannot hold carry on on the next.
  const pointsTop = y + 0.95 + 0.15;
  addBulletsContinued(pptx, slide, { x: MARGIN_X, y: pointsTop, w: CONTENT_W, h: BODY_BOTTOM - pointsTop }, BODY, summary.points, {
    max: 14,
    min: 10,
    title: "Recommendation",
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
    ? `Cumulative cost by ${periodLabel(last.label)}, P50: ${ROLE_LABELS.vendor} ${money(last.vendor.p50, currency)} · ${ROLE_LABELS.asks} ${money(last.asks.p50, currency)}` +
      (last.walkAway ? ` · ${ROLE_LABELS.walkAway} ${money(last.walkAway.p50, currency)}` : "")
    : "No forecast";
  addTitle(slide, "Cumulative cost forecast", subtitle);
  if (!last) return;

  const roles: ScenarioRole[] = ["vendor", "asks"];
  if (points.some((p) => p.walkAway)) roles.push("walkAway");
  const labels = points.map((p) => periodLabel(p.label));
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
    h: 3.8,
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
  // the legend names the P50 lines only (legendWithoutBands); this line says what the dashes are
  slide.addText("Solid lines: P50 of each scenario. Dashed lines in the same colour: its P10 and P90.", {
    x: MARGIN_X,
    y: 4.97,
    w: CONTENT_W,
    h: 0.22,
    fontFace: FONT,
    fontSize: 9,
    color: MUTED,
    margin: 0,
  });
}

const ASKS_TOP = 1.2;
const ASKS_HEADER_H = 0.34;
/** room kept under the last table of asks for the full package line */
const PACKAGE_H = 0.6;

function asksSlide(pptx: PptxGenJS, content: BriefContent): void {
  const { currency } = content;
  const slide = pptx.addSlide({ masterName: MASTER });
  addTitle(slide, sectionTitle("asks"), "Ranked by what each ask alone saves against the vendor's terms");

  const asks = [...content.asks].sort((a, b) => a.rank - b.rank);
  const vendorSafe = content.audience === "vendorSafe";
  const colW = vendorSafe ? [0.45, 5.75, 1.45, 1.45] : [0.45, 3.85, 1.45, 1.45, 1.9];
  const fontSize = asks.length > 4 ? 10 : 11;
  const minRowH = fontSize === 10 ? 0.42 : 0.46;
  // every ask whole: names and authorities wrap, and the rows a slide cannot hold carry on on the next
  const heightOf = (ask: (typeof asks)[number]) =>
    rowHeight(Math.max(cellLines(ask.name, colW[1]!, fontSize, true), vendorSafe ? 1 : cellLines(ask.authorityLabel, colW[4]!, fontSize)), fontSize, minRowH);
  const room = BODY_BOTTOM + 0.1 - ASKS_TOP - ASKS_HEADER_H - (content.asksPackage ? PACKAGE_H : 0);
  const pages = paginate(asks, heightOf, () => room);
  const header: TableRow = [
    headerCell("#", "right"),
    headerCell("Ask"),
    headerCell("Saves alone P50", "right"),
    headerCell("Saves alone P90", "right"),
    ...(vendorSafe ? [] : [headerCell("Authority")]),
  ];
  let target = slide;
  let y = ASKS_TOP;
  pages.forEach((page, i) => {
    if (i > 0) target = continuedSlide(pptx, sectionTitle("asks"));
    const rows: TableRow[] = [
      header,
      ...page.map((ask): TableRow => [
        cell(String(ask.rank), "right"),
        cell(ask.name, "left", { bold: true }),
        cell(money(ask.savingP50, currency), "right"),
        cell(money(ask.savingP90, currency), "right"),
        ...(vendorSafe ? [] : [cell(ask.authorityLabel)]),
      ]),
    ];
    const heights = page.map(heightOf);
    if (page.length === 0) {
      rows.push([cell(""), cell("No asks in this brief", "left", { italic: true }), cell(""), cell(""), ...(vendorSafe ? [] : [cell("")])]);
      heights.push(minRowH);
    }
    target.addTable(rows, {
      x: MARGIN_X,
      y: ASKS_TOP,
      w: CONTENT_W,
      colW,
      rowH: [ASKS_HEADER_H, ...heights],
      fontSize,
      fontFace: FONT,
      border: { type: "solid", pt: 0.75, color: RULE },
      autoPage: false,
    });
    y = ASKS_TOP + ASKS_HEADER_H + heights.reduce((a, b) => a + b, 0) + 0.08;
  });

  const pkg = content.asksPackage;
  if (pkg) {
    const line = `Full package: saves ${money(pkg.savingP50, currency)} at P50 and ${money(pkg.savingP90, currency)} at P90${vendorSafe ? "" : ` · needs ${pkg.authorityLabel}`}`;
    const h = Math.min(0.8, Math.max(0.4, BODY_BOTTOM + 0.15 - y));
    target.addText(line, {
      x: MARGIN_X,
      y: y + 0.05,
      w: CONTENT_W,
      h,
      fontFace: FONT,
      fontSize: shrinkToFit([line], CONTENT_W * BOLD, h, 14),
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
  addTitle(slide, sectionTitle("walkAway"), name && name.toLowerCase() !== "walk-away" ? `Scenario: ${name}` : undefined);

  const sentenceBox = { x: MARGIN_X, y: BODY_TOP + 0.1, w: CONTENT_W, h: 1.0 };
  slide.addText(walkAway.sentence, {
    ...sentenceBox,
    fontFace: FONT,
    fontSize: shrinkToFit([walkAway.sentence], sentenceBox.w * BOLD, sentenceBox.h, 18),
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
    slide.addText(per.sentence, { x: MARGIN_X, y, w: CONTENT_W, h, fontFace: FONT, fontSize: shrinkToFit([per.sentence], CONTENT_W, h, 13), color: INK, valign: "top" });
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
    addBullets(slide, { x: MARGIN_X, y, w: CONTENT_W, h }, facts, { max: 12 });
  }
}

const TIMELINE_KINDS = ["notice", "renewal", "exhaustion"] as const;
const TIMELINE_CAPTIONS: Record<(typeof TIMELINE_KINDS)[number], string> = {
  notice: "Notice due",
  renewal: "Renewal",
  exhaustion: "Credits run out",
};
const RISK_HEAD_PT = 12;
const RISK_TEXT_PT = 10;
const RISK_FIGURE_W = 1.7;

function risksSlide(pptx: PptxGenJS, content: BriefContent): void {
  const { currency } = content;
  const slide = pptx.addSlide({ masterName: MASTER });
  const vendorSafe = content.audience === "vendorSafe";
  addTitle(slide, vendorSafe ? sectionTitle("timeline") : `${sectionTitle("risks")} · ${sectionTitle("timeline")}`);

  // Risks: left, every one whole; those the column cannot hold carry on on the next slide.
  const left = { x: MARGIN_X, y: BODY_TOP + 0.05, w: 5.75, h: BODY_BOTTOM + 0.15 - BODY_TOP - 0.05 };
  const headW = left.w - 0.15 - RISK_FIGURE_W;
  const textW = left.w - 0.15;
  const headline = (risk: BriefContent["risks"][number]) => (risk.agent ? `${risk.title} · ${risk.agent}` : risk.title);
  const headH = (risk: BriefContent["risks"][number]) => (wrappedLines(headline(risk), headW * BOLD + INSET_X - 0.11, RISK_HEAD_PT) * RISK_HEAD_PT * LINE_EM) / 72 + 0.06;
  const blockH = (risk: BriefContent["risks"][number]) => headH(risk) + estimateHeight([risk.sentence], textW + INSET_X - 0.11, RISK_TEXT_PT) + 0.12;
  if (vendorSafe) {
    // nothing of our burn's risks in a vendor-safe deck
  } else if (content.risks.length === 0) {
    slide.addText("No usage risks found in the observed burn.", { ...left, h: 0.4, fontFace: FONT, fontSize: 13, italic: true, color: MUTED, valign: "top" });
  } else {
    paginate(content.risks, blockH, () => left.h).forEach((page, p) => {
      const target = p === 0 ? slide : continuedSlide(pptx, sectionTitle("risks"));
      let y = left.y;
      for (const risk of page) {
        const figure = risk.amount !== null ? money(risk.amount, currency) : `${count(risk.credits)} credits`;
        const hh = headH(risk);
        // a risk alone on a slide and still too tall: its sentence is set smaller, whole
        const textH = Math.min(left.h - hh - 0.12, estimateHeight([risk.sentence], textW + INSET_X - 0.11, RISK_TEXT_PT));
        const each = hh + textH + 0.12;
        target.addShape("rect", { x: left.x, y: y + 0.06, w: 0.06, h: each - 0.16, fill: { color: ROLE_COLORS.vendor.main }, line: { color: ROLE_COLORS.vendor.main, width: 0 } });
        target.addText(headline(risk), { x: left.x + 0.15, y, w: headW, h: hh, fontFace: FONT, fontSize: RISK_HEAD_PT, bold: true, color: INK, valign: "top", margin: pad(2, 4, 0, 4) });
        target.addText(figure, {
          x: left.x + left.w - RISK_FIGURE_W,
          y,
          w: RISK_FIGURE_W,
          h: 0.3,
          fontFace: FONT,
          fontSize: shrinkToFit([figure], RISK_FIGURE_W * BOLD, 0.3, RISK_HEAD_PT),
          bold: true,
          color: ROLE_COLORS.vendor.main,
          align: "right",
          valign: "top",
          margin: pad(2, 4, 0, 4),
        });
        target.addText(risk.sentence, {
          x: left.x + 0.15,
          y: y + hh,
          w: textW,
          h: textH,
          fontFace: FONT,
          fontSize: shrinkToFit([risk.sentence], textW + INSET_X - 0.11, textH, RISK_TEXT_PT),
          color: INK,
          valign: "top",
          margin: pad(0, 4, 0, 4),
        });
        y += each;
      }
    });
  }

  // Timeline: right, the dates that bound the negotiation.
  const rx = MARGIN_X + left.w + 0.3;
  const rw = SLIDE_W - MARGIN_X - rx;
  slide.addShape("rect", { x: rx, y: left.y, w: rw, h: left.h, fill: { color: "F6F8FA" }, line: { color: RULE, width: 0.75 } });
  slide.addText("Key dates", { x: rx + 0.15, y: left.y + 0.08, w: rw - 0.3, h: 0.32, fontFace: FONT, fontSize: 13, bold: true, color: ACCENT, margin: 0 });
  const events = TIMELINE_KINDS.flatMap((kind) => {
    const found = content.timeline.filter((e) => e.kind === kind).sort((a, b) => a.date.localeCompare(b.date));
    return found.length > 0 ? found.map((e) => ({ caption: e.label || TIMELINE_CAPTIONS[kind], date: day(e.date) })) : [{ caption: TIMELINE_CAPTIONS[kind], date: "—" }];
  });
  // Each event: a caption of up to two lines (shrunk to fit them, never cut), set on the date below it.
  const step = Math.min(0.9, (left.h - 0.5) / events.length);
  const captionW = rw - 0.3;
  const captionH = Math.min((2 * 10 * LINE_EM) / 72 + 0.02, step - 0.3);
  const dateH = Math.min(0.34, step - captionH - 0.02);
  events.forEach((event, i) => {
    const y = left.y + 0.45 + i * step;
    slide.addText(event.caption, { x: rx + 0.15, y, w: captionW, h: captionH, fontFace: FONT, fontSize: shrinkToFit([event.caption], captionW + INSET_X, captionH, 10), color: MUTED, margin: 0, valign: "bottom" });
    slide.addText(event.date, { x: rx + 0.15, y: y + captionH + 0.02, w: captionW, h: dateH, fontFace: FONT, fontSize: shrinkToFit([event.date], captionW * BOLD + INSET_X, dateH, 17), bold: true, color: INK, margin: 0, valign: "top" });
  });
}

const ASSUMPTION_PT = 9;
const ASSUMPTION_LABEL_W = 1.6;
const TABLE_HEADER_H = 0.3;

function inputsSlide(pptx: PptxGenJS, content: BriefContent): void {
  const slide = pptx.addSlide({ masterName: MASTER });
  addTitle(slide, sectionTitle("inputs"));

  const facts = pairsOf(inputsTable(content));
  const leftW = 4.3;
  const factColW = [1.5, leftW - 1.5];
  const top = BODY_TOP + 0.05;
  const height = BODY_BOTTOM + 0.1 - top;
  // the facts, whole, at the largest size from 10 pt down at which they fit the column
  const factHeights = (size: number) => facts.map(([label, value]) => rowHeight(Math.max(cellLines(label, factColW[0]!, size, true), cellLines(value, factColW[1]!, size)), size, 0.28));
  let factSize = 10;
  while (factSize > FLOOR_PT && factHeights(factSize).reduce((a, b) => a + b, 0) > height) factSize -= 0.5;
  slide.addTable(
    facts.map(([label, value]): TableRow => [cell(label, "left", { bold: true, color: MUTED }), cell(value)]),
    {
      x: MARGIN_X,
      y: top,
      w: leftW,
      colW: factColW,
      rowH: factHeights(factSize),
      fontSize: factSize,
      fontFace: FONT,
      border: { type: "solid", pt: 0.5, color: RULE },
      autoPage: false,
    },
  );

  // The assumptions: right on this slide, then the full width of as many slides as they need.
  const first: Box = { x: MARGIN_X + leftW + 0.3, y: top, w: SLIDE_W - MARGIN_X - (MARGIN_X + leftW + 0.3), h: height };
  const rest: Box = { x: MARGIN_X, y: top, w: CONTENT_W, h: height };
  const boxOf = (page: number) => (page === 0 ? first : rest);
  const heightOf = (a: { label: string; value: string }, page: number) =>
    rowHeight(Math.max(cellLines(a.label, ASSUMPTION_LABEL_W, ASSUMPTION_PT, true), cellLines(a.value, boxOf(page).w - ASSUMPTION_LABEL_W, ASSUMPTION_PT)), ASSUMPTION_PT, 0.26);
  const assumptions = pairsOf(assumptionsTable(content)).map(([label, value]) => ({ label, value }));
  const pages = paginate(assumptions, heightOf, (page) => boxOf(page).h - TABLE_HEADER_H);
  pages.forEach((page, p) => {
    const box = boxOf(p);
    const target = p === 0 ? slide : continuedSlide(pptx, sectionTitle("inputs"));
    const rows: TableRow[] = [[headerCell("Assumption"), headerCell("Value")], ...page.map((a): TableRow => [cell(a.label, "left", { bold: true }), cell(a.value)])];
    const heights = page.map((a) => heightOf(a, p));
    if (page.length === 0) {
      rows.push([cell("None recorded", "left", { italic: true }), cell("")]);
      heights.push(0.3);
    }
    target.addTable(rows, {
      x: box.x,
      y: box.y,
      w: box.w,
      colW: [ASSUMPTION_LABEL_W, box.w - ASSUMPTION_LABEL_W],
      rowH: [TABLE_HEADER_H, ...heights],
      fontSize: ASSUMPTION_PT,
      fontFace: FONT,
      border: { type: "solid", pt: 0.5, color: RULE },
      margin: [2, 5, 2, 5],
      autoPage: false,
    });
  });
}


/** The brief as a PowerPoint deck (16:9; seven slides, more when a list carries on). */
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
      { text: { text: footer(content), options: { x: MARGIN_X, y: 5.28, w: FOOTER_W, h: 0.25, fontFace: FONT, fontSize: shrinkToFit([footer(content)], FOOTER_W + INSET_X, 0.25, 8), color: MUTED, margin: 0 } } },
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
  if (Buffer.isBuffer(out) || out instanceof Uint8Array) return legendWithoutBands(out);
  if (out instanceof ArrayBuffer) return legendWithoutBands(new Uint8Array(out));
  throw new Error("pptxgenjs returned an unexpected output type");
}

/**
 * The forecast chart's legend without its P10 and P90 series: three entries (one per scenario's
 * P50 line) instead of nine. pptxgenjs cannot hide a legend entry, so the chart XML gets the
 * OOXML `c:legendEntry … c:delete` elements after `c:legendPos`, where the schema puts them.
 */
function legendWithoutBands(deck: Uint8Array): Buffer {
  const files = unzipSync(deck);
  for (const name of Object.keys(files)) {
    if (!/^ppt\/charts\/chart\d+\.xml$/.test(name)) continue;
    const xml = strFromU8(files[name]!);
    const bands = [...xml.matchAll(/<c:ser>\s*<c:idx val="(\d+)"\s*\/>[\s\S]*?<c:v>([^<]*)<\/c:v>/g)].filter((m) => /P(10|90)$/.test(m[2] ?? "")).map((m) => m[1]);
    if (bands.length === 0) continue;
    const entries = bands.map((i) => `<c:legendEntry><c:idx val="${i}"/><c:delete val="1"/></c:legendEntry>`).join("");
    const next = xml.replace(/(<c:legend>\s*<c:legendPos val="[a-z]+"\s*\/>)/, `$1${entries}`);
    if (next === xml) throw new Error(`the deck's chart ${name} has no legend position to hide its bands after`);
    files[name] = strToU8(next);
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}
