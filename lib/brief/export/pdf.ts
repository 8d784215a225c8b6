// PDF export of a negotiation brief, drawn with pdfkit: real text in an embedded DejaVu Sans (every
// character the formatters and the content produce: —, –, ·, €, £, ¥, ≤ …), vector charts, a header
// and "Page n of N" footer on every page. Every figure is formatted with lib/brief/format.ts, so
// the text extracted from the PDF holds the same strings as the screen. Layout is computed from the
// page size (Letter or A4): text wraps to the content width, tables fit their columns to the width
// (shrinking the type down to 6 pt before wrapping), and a row, block or chart that would cross the
// bottom margin starts a new page (tables repeat their header there).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { asksTable, assumptionsTable, inputsTable, pairsOf, riskPeriods, scenarioTable, sectionTitle, timelineTable, type PresentedTable } from "@/lib/brief/present";
import type { BriefContent, CostPercentiles, ScenarioRole, TimelineEvent } from "@/lib/brief/types";
import { ROLE_PALETTE } from "@/lib/brief/palette";
import { ROLE_LABELS, count, currencySymbol, day, money, AT_STAKE_NOTE, signOffsText, periodLabel } from "@/lib/brief/format";

export type BriefPdfPageSize = "LETTER" | "A4";

export interface BriefPdfOptions {
  pageSize: BriefPdfPageSize;
}

type Doc = PDFKit.PDFDocument;

// ---------------------------------------------------------------------------------------------
// Fonts

type FontKey = "regular" | "bold" | "oblique" | "cond" | "condBold";

/** Files of each face, preferred first; a later name is the fallback when a directory (e.g. the
 *  system's fonts-dejavu-core, which has no condensed faces) lacks the first. */
const FONT_FILES: Record<FontKey, string[]> = {
  regular: ["DejaVuSans.ttf"],
  bold: ["DejaVuSans-Bold.ttf"],
  oblique: ["DejaVuSans-Oblique.ttf", "DejaVuSans.ttf"],
  cond: ["DejaVuSansCondensed.ttf", "DejaVuSans.ttf"],
  condBold: ["DejaVuSansCondensed-Bold.ttf", "DejaVuSans-Bold.ttf"],
};

const FONT_PACKAGE = "dejavu-fonts-ttf";
/** Fallback when the npm package is missing: Debian's fonts-dejavu-core / fonts-dejavu-extra. */
const SYSTEM_FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"];

/** Directories searched for the DejaVu TTFs, in order: $BRIEF_PDF_FONT_DIR, the npm package
 *  dejavu-fonts-ttf (from the working directory, which is the project root under Next.js, tsx and
 *  vitest, then through Node's resolution from this file), then the system's DejaVu directories. */
function fontDirs(): string[] {
  const dirs: string[] = [];
  const fromEnv = process.env.BRIEF_PDF_FONT_DIR;
  if (fromEnv) dirs.push(fromEnv);
  dirs.push(path.join(process.cwd(), "node_modules", FONT_PACKAGE, "ttf"));
  try {
    // The specifier is a variable so that a bundler leaves this to Node at run time.
    const specifier = `${FONT_PACKAGE}/package.json`;
    const resolved: unknown = createRequire(import.meta.url).resolve(specifier);
    if (typeof resolved === "string") dirs.push(path.join(path.dirname(resolved), "ttf"));
  } catch {
    // not resolvable from here (e.g. inside a bundle): the other directories remain
  }
  dirs.push(...SYSTEM_FONT_DIRS);
  return dirs;
}

/** Where each face of the PDF's font is read from (exported for tests and diagnostics). */
export function resolveBriefPdfFonts(): Record<FontKey, string> {
  const dirs = fontDirs();
  const find = (key: FontKey): string => {
    for (const file of FONT_FILES[key]) {
      for (const dir of dirs) {
        const candidate = path.join(dir, file);
        if (fs.existsSync(candidate)) return candidate;
      }
    }
    throw new Error(`brief PDF: font ${FONT_FILES[key].join(" or ")} not found in ${dirs.join(", ")} (npm install ${FONT_PACKAGE})`);
  };
  return { regular: find("regular"), bold: find("bold"), oblique: find("oblique"), cond: find("cond"), condBold: find("condBold") };
}

let fontCache: Record<FontKey, Buffer> | null = null;

function fontData(): Record<FontKey, Buffer> {
  if (fontCache) return fontCache;
  const paths = resolveBriefPdfFonts();
  const read = new Map<string, Buffer>();
  const load = (p: string) => {
    const hit = read.get(p);
    if (hit) return hit;
    const data = fs.readFileSync(p);
    read.set(p, data);
    return data;
  };
  fontCache = {
    regular: load(paths.regular),
    bold: load(paths.bold),
    oblique: load(paths.oblique),
    cond: load(paths.cond),
    condBold: load(paths.condBold),
  };
  return fontCache;
}

// ---------------------------------------------------------------------------------------------
// Style

const INK = "#1d2430";
const MUTED = "#5f6b7a";
const RULE = "#d5dae1";
const HEADER_FILL = "#e8edf3";
const ZEBRA = "#f6f8fa";
const ACCENT = "#1f5f99";
const ROLE_COLORS: Record<ScenarioRole, string> = { vendor: ROLE_PALETTE.vendor.main, asks: ROLE_PALETTE.asks.main, walkAway: ROLE_PALETTE.walkAway.main };

/** The role's dash from the palette ("6 3": 6 on, 3 off), as the screen draws it; solid without one. */
function dashRole(w: Writer, role: ScenarioRole): void {
  const [on, off] = (ROLE_PALETTE[role].dash ?? "").split(" ").map(Number);
  if (on && off) w.doc.dash(on * 0.75, { space: off * 0.75 });
}
const ROLE_ORDER: ScenarioRole[] = ["vendor", "asks", "walkAway"];
const EVENT_COLORS: Partial<Record<TimelineEvent["kind"], string>> = {
  notice: "#c0392b",
  exhaustion: "#d35400",
  renewal: "#7d3c98",
  prepared: "#5f6b7a",
};

const MARGINS = { top: 58, bottom: 50, left: 48, right: 48 };
const BODY = 9.5;
const HEADING_SIZE = 14;
const LINE_GAP = 1.5;
const CELL_PAD_X = 3.5;
const CELL_PAD_Y = 2.5;
const TABLE_SIZES = [8.5, 8, 7.5, 7, 6.5, 6];

// ---------------------------------------------------------------------------------------------
// Compact axis labels (chart ticks only; the figures themselves go through format.ts)

function compactNumber(n: number): string {
  const a = Math.abs(n);
  const [div, suffix] = a >= 1e9 ? [1e9, "B"] : a >= 1e6 ? [1e6, "M"] : a >= 1e3 ? [1e3, "k"] : [1, ""];
  const v = a / div;
  let s = Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1);
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return `${n < 0 ? "-" : ""}${s}${suffix}`;
}

function compactMoney(n: number, currency: string): string {
  return `${n < 0 ? "-" : ""}${currencySymbol(currency)}${compactNumber(Math.abs(n))}`;
}

function niceScale(max: number, ticks = 5): { step: number; top: number } {
  if (!(max > 0) || !Number.isFinite(max)) return { step: 1, top: ticks };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  return { step, top: Math.ceil(max / step - 1e-9) * step };
}

function num(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

// ---------------------------------------------------------------------------------------------
// Layout primitives

interface Column {
  header: string;
  align?: "left" | "right";
  /** may wrap at spaces; non-wrapping columns get their full natural width */
  wrap?: boolean;
  /** at least this wide (text width, without the padding) */
  minWidth?: number;
}

interface Row {
  cells: string[];
  bold?: boolean;
  fill?: string;
  /** a full-width line under the row's cells (indented by the first column) */
  note?: string;
}

interface TableSpec {
  columns: Column[];
  rows: Row[];
  title?: string;
  sizes?: number[];
  header?: boolean;
  zebra?: boolean;
  /** where notes start: under the second column (default) or at the table's left edge */
  noteIndent?: "firstColumn" | "none";
}

class Writer {
  y: number;

  constructor(
    readonly doc: Doc,
    readonly currency: string,
  ) {
    this.y = this.top;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get right(): number {
    return this.doc.page.width - this.doc.page.margins.right;
  }
  get width(): number {
    return this.right - this.left;
  }
  get top(): number {
    return this.doc.page.margins.top;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  /** Starts a new page unless `h` more points fit above the bottom margin (or the page is fresh).
   *  A heading waiting to be drawn goes with the content that follows it, onto the same page. */
  ensure(h: number): void {
    const pending = this.pendingHeading;
    const need = pending ? pending.before + pending.h + Math.max(h, pending.minFollow) : h;
    if (this.y + need > this.bottom && this.y > this.top + 0.5) this.newPage();
    if (pending) {
      this.pendingHeading = null;
      this.drawHeading(pending.text);
    }
  }

  /** Draws a heading still waiting for its content (at the end of the document). */
  flush(): void {
    if (this.pendingHeading) this.ensure(0);
  }

  use(font: FontKey, size: number, color = INK): Doc {
    return this.doc.font(font).fontSize(size).fillColor(color);
  }

  textHeight(text: string, font: FontKey, size: number, width: number, lineGap = LINE_GAP): number {
    this.use(font, size);
    return this.doc.heightOfString(text, { width, lineGap });
  }

  textWidth(text: string, font: FontKey, size: number): number {
    this.use(font, size);
    return this.doc.widthOfString(text);
  }

  para(text: string, opts: { font?: FontKey; size?: number; color?: string; indent?: number; after?: number; width?: number } = {}): void {
    const font = opts.font ?? "regular";
    const size = opts.size ?? BODY;
    const indent = opts.indent ?? 0;
    const width = opts.width ?? this.width - indent;
    const h = this.textHeight(text, font, size, width);
    this.ensure(h);
    this.use(font, size, opts.color ?? INK).text(text, this.left + indent, this.y, { width, lineGap: LINE_GAP });
    this.y += h + (opts.after ?? 4);
  }

  bullets(items: string[], size = BODY): void {
    const indent = 12;
    for (const item of items) {
      const h = this.textHeight(item, "regular", size, this.width - indent);
      this.ensure(h);
      this.use("bold", size, ACCENT).text("•", this.left + 2, this.y, { lineBreak: false });
      this.use("regular", size).text(item, this.left + indent, this.y, { width: this.width - indent, lineGap: LINE_GAP });
      this.y += h + 3;
    }
  }

  /** the current section's heading, for "(continued)" captions */
  private section = "";
  private pendingHeading: { text: string; h: number; before: number; minFollow: number } | null = null;

  /** A section heading, drawn when its first content is placed (so that it is never left alone at
   *  the foot of a page); `minFollow` points of that content must fit under it. */
  heading(text: string, minFollow = 60): void {
    this.flush();
    this.section = text;
    const h = this.textHeight(text, "bold", HEADING_SIZE, this.width) + 9;
    this.pendingHeading = { text, h, before: 8, minFollow };
  }

  private drawHeading(text: string): void {
    if (this.y > this.top + 0.5) this.y += 8;
    this.doc.outline.addItem(text);
    const h = this.textHeight(text, "bold", HEADING_SIZE, this.width);
    this.use("bold", HEADING_SIZE, ACCENT).text(text, this.left, this.y, { width: this.width, lineGap: LINE_GAP });
    this.y += h + 2;
    this.doc.moveTo(this.left, this.y).lineTo(this.right, this.y).lineWidth(0.8).strokeColor(ACCENT).stroke();
    this.y += 7;
  }

  /** Column widths and type size that fit the table to the content width. */
  private fitTable(spec: TableSpec): { size: number; widths: number[] } {
    const sizes = spec.sizes ?? TABLE_SIZES;
    const width = this.width;
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    let last: { size: number; widths: number[] } | null = null;
    for (const [si, size] of sizes.entries()) {
      const mins: number[] = [];
      const fulls: number[] = [];
      const headerFulls: number[] = [];
      spec.columns.forEach((col, i) => {
        this.use("condBold", size);
        const headerWord = Math.max(0, ...words(col.header).map((w) => this.doc.widthOfString(w)));
        headerFulls.push(this.doc.widthOfString(col.header) + 2 * CELL_PAD_X + 0.5);
        let cellMax = 0;
        let wordMax = 0;
        for (const row of spec.rows) {
          const text = row.cells[i] ?? "";
          this.use(row.bold ? "condBold" : "cond", size);
          cellMax = Math.max(cellMax, this.doc.widthOfString(text));
          if (col.wrap) wordMax = Math.max(wordMax, ...words(text).map((w) => this.doc.widthOfString(w)));
        }
        const full = Math.max(cellMax, headerWord) + 2 * CELL_PAD_X + 0.5;
        const min = col.wrap
          ? Math.min(full, Math.max(wordMax, headerWord, col.minWidth ?? 0) + 2 * CELL_PAD_X + 0.5)
          : Math.max(full, (col.minWidth ?? 0) + 2 * CELL_PAD_X);
        mins.push(min);
        fulls.push(full);
      });
      const minSum = mins.reduce((a, b) => a + b, 0);
      const lastSize = si === sizes.length - 1;
      if (minSum <= width || lastSize) {
        let widths = [...mins];
        if (minSum > width) {
          widths = widths.map((w) => (w * width) / minSum);
        } else {
          let extra = width - minSum;
          const wants = widths.map((w, i) => Math.max(0, (fulls[i] ?? w) - w));
          const totalWant = wants.reduce((a, b) => a + b, 0);
          if (totalWant > 0) {
            const share = Math.min(1, extra / totalWant);
            widths = widths.map((w, i) => w + (wants[i] ?? 0) * share);
            extra -= totalWant * share;
          }
          // then room for headers to stand on one line
          const headerWants = widths.map((w, i) => Math.max(0, (headerFulls[i] ?? 0) - w));
          const totalHeaderWant = headerWants.reduce((a, b) => a + b, 0);
          if (extra > 0.01 && totalHeaderWant > 0) {
            const share = Math.min(1, extra / totalHeaderWant);
            widths = widths.map((w, i) => w + (headerWants[i] ?? 0) * share);
            extra -= totalHeaderWant * share;
          }
          const sum = widths.reduce((a, b) => a + b, 0);
          if (extra > 0.01) widths = widths.map((w) => w + (extra * w) / sum);
        }
        last = { size, widths };
        break;
      }
    }
    return last ?? { size: sizes[sizes.length - 1] ?? 6, widths: spec.columns.map(() => width / spec.columns.length) };
  }

  table(spec: TableSpec): void {
    const { size, widths } = this.fitTable(spec);
    const showHeader = spec.header ?? true;
    const xs: number[] = [];
    let acc = this.left;
    for (const w of widths) {
      xs.push(acc);
      acc += w;
    }
    const tableWidth = acc - this.left;
    const noteIndent = spec.noteIndent !== "none" && spec.columns.length > 1 ? Math.min(widths[0] ?? 0, tableWidth / 3) : 0;
    const cellH = (text: string, font: FontKey, i: number) =>
      text ? this.textHeight(text, font, size, Math.max(1, (widths[i] ?? 0) - 2 * CELL_PAD_X), 0.5) : 0;
    const headerH = showHeader ? Math.max(...spec.columns.map((c, i) => cellH(c.header, "condBold", i))) + 2 * CELL_PAD_Y : 0;
    const noteH = (row: Row) =>
      row.note ? this.textHeight(row.note, "cond", size, tableWidth - noteIndent - 2 * CELL_PAD_X, 0.5) + 1.5 : 0;
    const rowH = spec.rows.map(
      (row) => Math.max(size * 1.2, ...row.cells.map((c, i) => cellH(c, row.bold ? "condBold" : "cond", i))) + noteH(row) + 2 * CELL_PAD_Y,
    );
    const titleH = spec.title ? this.textHeight(spec.title, "bold", 9.5, this.width) + 3 : 0;

    const drawTitle = (continued: boolean) => {
      const title = continued ? `${spec.title ?? this.section} (continued)` : spec.title;
      if (!title) return;
      this.use("bold", 9.5).text(title, this.left, this.y, { width: this.width, lineGap: LINE_GAP });
      this.y += this.textHeight(title, "bold", 9.5, this.width) + 3;
    };
    const drawHeader = () => {
      if (!showHeader) return;
      this.doc.rect(this.left, this.y, tableWidth, headerH).fill(HEADER_FILL);
      spec.columns.forEach((col, i) => {
        // bottom-aligned, like the cells
        const dy = headerH - 2 * CELL_PAD_Y - cellH(col.header, "condBold", i);
        this.use("condBold", size).text(col.header, (xs[i] ?? 0) + CELL_PAD_X, this.y + CELL_PAD_Y + dy, {
          width: Math.max(1, (widths[i] ?? 0) - 2 * CELL_PAD_X),
          align: col.align ?? "left",
          lineGap: 0.5,
        });
      });
      this.y += headerH;
      this.doc.moveTo(this.left, this.y).lineTo(this.left + tableWidth, this.y).lineWidth(0.6).strokeColor("#9aa5b1").stroke();
    };

    const wrapAt = spec.columns.findIndex((c) => c.wrap);
    const firstWrap = wrapAt < 0 ? spec.columns.length : wrapAt;
    // a short table moves whole to the next page rather than split; a long one needs its first row
    const totalH = titleH + headerH + rowH.reduce((a, b) => a + b, 0);
    const firstH = rowH[0] ?? 0;
    this.ensure(totalH <= 0.4 * (this.bottom - this.top) ? totalH : titleH + headerH + firstH);
    drawTitle(false);
    drawHeader();
    spec.rows.forEach((row, ri) => {
      const h = rowH[ri] ?? 0;
      if (this.y + h > this.bottom && this.y > this.top + 0.5) {
        this.newPage();
        drawTitle(true);
        drawHeader();
      }
      const fill = row.fill ?? (spec.zebra !== false && ri % 2 === 1 ? ZEBRA : null);
      if (fill) this.doc.rect(this.left, this.y, tableWidth, h).fill(fill);
      // Cells right of the wrapping column align on its last line (as amounts do beside a wrapped
      // description), cells left of it on its first: this also keeps a wrapped cell's lines
      // together in the text extracted from the page.
      const font: FontKey = row.bold ? "condBold" : "cond";
      const cellsH = h - 2 * CELL_PAD_Y - noteH(row);
      row.cells.forEach((cell, i) => {
        if (!cell) return;
        const dy = i < firstWrap ? 0 : Math.max(0, cellsH - cellH(cell, font, i));
        this.use(font, size).text(cell, (xs[i] ?? 0) + CELL_PAD_X, this.y + CELL_PAD_Y + dy, {
          width: Math.max(1, (widths[i] ?? 0) - 2 * CELL_PAD_X),
          align: spec.columns[i]?.align ?? "left",
          lineGap: 0.5,
        });
      });
      if (row.note) {
        this.use("cond", size, MUTED).text(row.note, this.left + noteIndent + CELL_PAD_X, this.y + CELL_PAD_Y + cellsH + 1.5, {
          width: tableWidth - noteIndent - 2 * CELL_PAD_X,
          lineGap: 0.5,
        });
      }
      this.y += h;
      this.doc.moveTo(this.left, this.y).lineTo(this.left + tableWidth, this.y).lineWidth(0.4).strokeColor(RULE).stroke();
    });
    this.y += 8;
  }

  /** Label / value pairs: the label on one line beside its value, or above it when too long to
   *  share the line (so that wrapped labels and values never interleave). */
  keyValues(rows: [string, string][]): void {
    const size = 8.5;
    const labelNatural = Math.max(0, ...rows.map(([k]) => this.textWidth(k, "cond", size)));
    const labelW = Math.min(labelNatural, this.width * 0.4) + 2 * CELL_PAD_X + 8;
    const valueW = this.width - labelW - 2 * CELL_PAD_X;
    rows.forEach(([label, value], i) => {
      const beside = this.textWidth(label, "cond", size) + 2 * CELL_PAD_X <= labelW;
      const labelH = beside ? 0 : this.textHeight(label, "cond", size, this.width - 2 * CELL_PAD_X, 0.5) + 1;
      const valueH = this.textHeight(value || "—", "cond", size, valueW, 0.5);
      const h = labelH + Math.max(valueH, size * 1.2) + 2 * CELL_PAD_Y;
      this.ensure(h);
      if (i % 2 === 1) this.doc.rect(this.left, this.y, this.width, h).fill(ZEBRA);
      const y = this.y + CELL_PAD_Y;
      if (beside) this.use("cond", size, MUTED).text(label, this.left + CELL_PAD_X, y, { lineBreak: false });
      else this.use("cond", size, MUTED).text(label, this.left + CELL_PAD_X, y, { width: this.width - 2 * CELL_PAD_X, lineGap: 0.5 });
      this.use("cond", size, INK).text(value || "—", this.left + labelW + CELL_PAD_X, y + labelH, { width: valueW, lineGap: 0.5 });
      this.y += h;
      this.doc.moveTo(this.left, this.y).lineTo(this.right, this.y).lineWidth(0.4).strokeColor(RULE).stroke();
    });
    this.y += 8;
  }
}

// ---------------------------------------------------------------------------------------------
// Charts

interface Axis {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  top: number;
}

/** Horizontal gridlines with tick labels on the left; returns the plot area. */
function drawValueAxis(w: Writer, y: number, height: number, max: number, label: (v: number) => string, xLabelSpace: number): Axis {
  const { step, top } = niceScale(max);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(v);
  const labelW = Math.max(...ticks.map((t) => w.textWidth(label(t), "cond", 7)));
  const axis: Axis = { x0: w.left + labelW + 6, x1: w.right - 4, y0: y + 5, y1: y + height - xLabelSpace, top };
  const yOf = (v: number) => axis.y1 - (v / top) * (axis.y1 - axis.y0);
  for (const t of ticks) {
    const ty = yOf(t);
    w.doc.moveTo(axis.x0, ty).lineTo(axis.x1, ty).lineWidth(t === 0 ? 0.8 : 0.4).strokeColor(t === 0 ? "#8a94a0" : "#e1e5ea").stroke();
    const text = label(t);
    w.use("cond", 7, MUTED).text(text, axis.x0 - 4 - w.textWidth(text, "cond", 7), ty - 3.5, { lineBreak: false });
  }
  return axis;
}

/** Category labels under the plot, every k-th so that they do not collide. */
function drawCategoryLabels(w: Writer, axis: Axis, labels: string[], xOf: (i: number) => number, slot: number): void {
  const size = 6.8;
  const widest = Math.max(0, ...labels.map((l) => w.textWidth(l, "cond", size)));
  const every = Math.max(1, Math.ceil((widest + 6) / Math.max(1, slot)));
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    const lw = w.textWidth(label, "cond", size);
    const x = Math.min(Math.max(xOf(i) - lw / 2, w.left), w.right - lw);
    w.use("cond", size, MUTED).text(label, x, axis.y1 + 4, { lineBreak: false });
  });
}

function barChart(w: Writer, values: { label: string; value: string }[], quantity: "credits" | "amount", caption: string): void {
  const height = 140;
  const captionH = w.textHeight(caption, "bold", 8.5, w.width) + 4;
  w.ensure(captionH + height + 6);
  w.use("bold", 8.5).text(caption, w.left, w.y, { width: w.width });
  w.y += captionH;
  const nums = values.map((v) => Math.max(0, num(v.value) ?? 0));
  const max = Math.max(0, ...nums);
  const label = quantity === "amount" ? (v: number) => compactMoney(v, w.currency) : compactNumber;
  const axis = drawValueAxis(w, w.y, height, max, label, 16);
  const n = Math.max(1, values.length);
  const slot = (axis.x1 - axis.x0) / n;
  const barW = Math.min(28, slot * 0.66);
  const yOf = (v: number) => axis.y1 - (v / axis.top) * (axis.y1 - axis.y0);
  const xOf = (i: number) => axis.x0 + slot * (i + 0.5);
  nums.forEach((v, i) => {
    const top = yOf(v);
    if (axis.y1 - top > 0.2) w.doc.rect(xOf(i) - barW / 2, top, barW, axis.y1 - top).fill("#4f7cac");
  });
  // value labels above the bars when they fit
  const valueTexts = values.map((v) => (quantity === "amount" ? money(v.value, w.currency) : count(v.value)));
  const widest = Math.max(0, ...valueTexts.map((t) => w.textWidth(t, "cond", 6)));
  if (widest + 2 <= slot) {
    valueTexts.forEach((t, i) => {
      const tw = w.textWidth(t, "cond", 6);
      w.use("cond", 6, MUTED).text(t, xOf(i) - tw / 2, yOf(nums[i] ?? 0) - 8, { lineBreak: false });
    });
  }
  drawCategoryLabels(
    w,
    axis,
    values.map((v) => periodLabel(v.label)),
    xOf,
    slot,
  );
  w.y += height + 8;
}

function forecastChart(w: Writer, content: BriefContent): void {
  const points = content.forecast.points;
  const height = 215;
  const legendH = 30;
  const caption = `Cumulative cost by scenario (${content.currency}): P50 line, P10–P90 band`;
  const captionH = w.textHeight(caption, "bold", 8.5, w.width) + 4;
  w.ensure(captionH + height + legendH);
  w.use("bold", 8.5).text(caption, w.left, w.y, { width: w.width });
  w.y += captionH;
  if (points.length === 0) {
    w.para("No forecast points in this brief.", { color: MUTED });
    return;
  }
  const roles = ROLE_ORDER.filter((r) => points.some((p) => p[r] !== null));
  let max = 0;
  for (const p of points) for (const r of roles) for (const v of [p[r]?.p10, p[r]?.p50, p[r]?.p90]) max = Math.max(max, num(v) ?? 0);
  const axis = drawValueAxis(w, w.y, height, max, (v) => compactMoney(v, content.currency), 16);
  const n = points.length;
  const inset = 6;
  const xOf = (i: number) => (n === 1 ? (axis.x0 + axis.x1) / 2 : axis.x0 + inset + (i * (axis.x1 - axis.x0 - 2 * inset)) / (n - 1));
  const yOf = (v: number) => axis.y1 - (v / axis.top) * (axis.y1 - axis.y0);
  const series = (r: ScenarioRole): (CostPercentiles | null)[] => points.map((p) => p[r]);

  // bands: contiguous runs where P10 and P90 are known
  for (const r of roles) {
    const s = series(r);
    let run: number[] = [];
    const flush = () => {
      if (run.length >= 2) {
        const upper = run.map((i) => [xOf(i), yOf(num(s[i]?.p90) ?? 0)]);
        const lower = [...run].reverse().map((i) => [xOf(i), yOf(num(s[i]?.p10) ?? 0)]);
        w.doc.save().fillOpacity(0.16).polygon(...upper, ...lower).fill(ROLE_COLORS[r]).restore();
      }
      run = [];
    };
    s.forEach((c, i) => {
      if (c && num(c.p10) !== null && num(c.p90) !== null) run.push(i);
      else flush();
    });
    flush();
  }
  // P50 lines
  for (const r of roles) {
    const s = series(r);
    w.doc.save().lineWidth(1.8).strokeColor(ROLE_COLORS[r]);
    dashRole(w, r);
    let drawing = false;
    s.forEach((c, i) => {
      const v = num(c?.p50);
      if (v === null) {
        drawing = false;
        return;
      }
      if (!drawing) w.doc.moveTo(xOf(i), yOf(v));
      else w.doc.lineTo(xOf(i), yOf(v));
      drawing = true;
    });
    w.doc.stroke();
    s.forEach((c, i) => {
      const v = num(c?.p50);
      if (v !== null) w.doc.circle(xOf(i), yOf(v), 1.6).fill(ROLE_COLORS[r]);
    });
    w.doc.undash().restore();
  }
  drawCategoryLabels(
    w,
    axis,
    points.map((p) => periodLabel(p.label)),
    xOf,
    n > 1 ? (axis.x1 - axis.x0 - 2 * inset) / (n - 1) : axis.x1 - axis.x0,
  );
  w.y += height + 4;

  // legend
  const items: { role: ScenarioRole | null; text: string }[] = roles.map((r) => ({ role: r, text: `${ROLE_LABELS[r]} (P50)` }));
  items.push({ role: null, text: "P10–P90 band" });
  let x = w.left;
  let y = w.y;
  for (const item of items) {
    const tw = w.textWidth(item.text, "regular", 7.5);
    const itemW = 22 + tw + 14;
    if (x + itemW > w.right && x > w.left) {
      x = w.left;
      y += 12;
    }
    if (item.role) {
      w.doc.save().lineWidth(1.8).strokeColor(ROLE_COLORS[item.role]);
      dashRole(w, item.role);
      w.doc.moveTo(x, y + 4.5).lineTo(x + 18, y + 4.5).stroke();
      w.doc.undash().restore();
    } else {
      w.doc.save().fillOpacity(0.25).rect(x, y + 1, 18, 7).fill("#7f8c99").restore();
    }
    w.use("regular", 7.5, INK).text(item.text, x + 22, y, { lineBreak: false });
    x += itemW;
  }
  w.y = y + 16;
}

function timelineChart(w: Writer, events: TimelineEvent[]): void {
  const sorted = [...events].sort((a, b) => a.date.localeCompare(b.date));
  const time = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  const t0 = time(sorted[0]?.date ?? "");
  const t1 = time(sorted[sorted.length - 1]?.date ?? "");
  const size = 6.8;
  const maxLabelW = Math.min(120, w.width / 4);
  const lineX0 = w.left + 6;
  const lineX1 = w.right - 6;
  const xOf = (iso: string) => (t1 > t0 ? lineX0 + ((time(iso) - t0) / (t1 - t0)) * (lineX1 - lineX0) : (lineX0 + lineX1) / 2);

  interface Box {
    event: TimelineEvent;
    cx: number;
    x: number;
    w: number;
    h: number;
    row: number;
  }
  const boxes: Box[] = [];
  const rowEnds: number[] = [];
  for (const event of sorted) {
    const cx = xOf(event.date);
    const bw = Math.min(maxLabelW, Math.max(w.textWidth(event.label, "condBold", size), w.textWidth(day(event.date), "cond", size)) + 2);
    const bh = w.textHeight(event.label, "condBold", size, bw, 0) + size * 1.25;
    const x = Math.min(Math.max(cx - bw / 2, w.left), w.right - bw);
    // rows alternate above (even) and below (odd) the line; first row whose last label ends before this one
    let row = rowEnds.findIndex((end) => x >= end + 5);
    if (row < 0) {
      row = rowEnds.length;
      rowEnds.push(0);
    }
    rowEnds[row] = x + bw;
    boxes.push({ event, cx, x, w: bw, h: bh, row });
  }
  const rowCount = rowEnds.length;
  const rowH = (r: number) => Math.max(0, ...boxes.filter((b) => b.row === r).map((b) => b.h)) + 6;
  const above: number[] = [];
  const below: number[] = [];
  for (let r = 0; r < rowCount; r++) (r % 2 === 0 ? above : below).push(r);
  const aboveH = above.reduce((a, r) => a + rowH(r), 0);
  const belowH = below.reduce((a, r) => a + rowH(r), 0);
  const total = aboveH + 16 + belowH;
  w.ensure(total + 6);
  const lineY = w.y + aboveH + 8;
  // row tops
  const rowTop = new Map<number, number>();
  let acc = lineY - 8;
  for (const r of above) {
    acc -= rowH(r);
    rowTop.set(r, acc);
  }
  acc = lineY + 8;
  for (const r of below) {
    rowTop.set(r, acc + 4);
    acc += rowH(r);
  }
  w.doc.moveTo(lineX0, lineY).lineTo(lineX1, lineY).lineWidth(1.2).strokeColor("#8a94a0").stroke();
  const topOf = (b: Box) => rowTop.get(b.row) ?? lineY;
  // Leader lines first, then the dots, then each label on a white ground of its own: a leader from a
  // far row passes behind the labels of the nearer rows instead of through their words.
  for (const b of boxes) {
    const top = topOf(b);
    const anchorX = Math.min(Math.max(b.cx, b.x + 2), b.x + b.w - 2);
    const anchorY = b.row % 2 === 0 ? top + b.h + 1 : top - 1;
    w.doc.moveTo(b.cx, lineY).lineTo(anchorX, anchorY).lineWidth(0.5).strokeColor("#b5bdc6").stroke();
  }
  for (const b of boxes) w.doc.circle(b.cx, lineY, 3).fill(EVENT_COLORS[b.event.kind] ?? ACCENT);
  for (const b of boxes) {
    const top = topOf(b);
    const lh = w.textHeight(b.event.label, "condBold", size, b.w, 0);
    w.doc.rect(b.x - 1.5, top - 1, b.w + 3, lh + size * 1.25 + 1).fill("#ffffff");
    w.use("condBold", size, EVENT_COLORS[b.event.kind] ?? ACCENT).text(b.event.label, b.x, top, { width: b.w, lineGap: 0 });
    w.use("cond", size, MUTED).text(day(b.event.date), b.x, top + lh, { lineBreak: false });
  }
  w.y += total + 8;
}

// ---------------------------------------------------------------------------------------------
// Sections

function pct(c: CostPercentiles | null | undefined, key: keyof CostPercentiles, currency: string): string {
  return money(c?.[key] ?? null, currency);
}

function titleBlock(w: Writer, c: BriefContent): void {
  w.para(c.title, { font: "bold", size: 20, color: INK, after: 4 });
  w.para(`${c.vendor} · ${c.contractName}`, { font: "regular", size: 11.5, color: MUTED, after: 2 });
  const by = c.preparedBy ? ` by ${c.preparedBy}` : "";
  w.para(`Negotiation brief, version ${c.version}, prepared ${day(c.preparedOn)}${by} · horizon ${day(c.inputs.horizonStart)} – ${day(c.inputs.horizonEnd)}`, {
    size: 8.5,
    color: MUTED,
    after: 10,
  });
  const signed = signOffsText(c.signOffs);
  if (signed) w.para(`${signed}.`, { font: "bold", size: 8.5, color: INK, after: 10 });
}

function executiveSummary(w: Writer, c: BriefContent): void {
  w.heading(sectionTitle("summary"));
  // recommendation box
  const pad = 9;
  const innerW = w.width - 2 * pad - 4;
  const labelH = w.textHeight("RECOMMENDATION", "bold", 7.5, innerW, 0) + 3;
  const textH = w.textHeight(c.summary.recommendation, "bold", 12, innerW);
  const boxH = labelH + textH + 2 * pad;
  w.ensure(boxH + 8);
  w.doc.rect(w.left, w.y, w.width, boxH).fill("#eaf2fa");
  w.doc.rect(w.left, w.y, 4, boxH).fill(ROLE_COLORS.asks);
  w.use("bold", 7.5, ACCENT).text("RECOMMENDATION", w.left + 4 + pad, w.y + pad, { lineBreak: false, characterSpacing: 0.6 });
  w.use("bold", 12).text(c.summary.recommendation, w.left + 4 + pad, w.y + pad + labelH, { width: innerW, lineGap: LINE_GAP });
  w.y += boxH + 10;

  // key figure tiles
  const notice = c.timeline.find((e) => e.kind === "notice");
  const tiles: { label: string; value: string; note: string }[] = [
    { label: "Saving, P50", value: money(c.summary.atStakeP50, c.currency), note: AT_STAKE_NOTE },
    { label: "Saving, P90", value: money(c.summary.atStakeP90, c.currency), note: AT_STAKE_NOTE },
  ];
  if (notice) tiles.push({ label: "Notice by", value: day(notice.date), note: notice.label });
  if (c.position) {
    tiles.push({
      label: "Balance runs out",
      value: c.position.exhaustionDate ? day(c.position.exhaustionDate) : "Not within the term",
      note: `at the observed rate, as of ${day(c.position.asOf)}`,
    });
  }
  const gap = 8;
  const tileW = (w.width - gap * (tiles.length - 1)) / tiles.length;
  const tileInner = tileW - 14;
  const valueSizes = tiles.map((t) => {
    let s = 15;
    while (s > 8 && w.textWidth(t.value, "bold", s) > tileInner) s -= 0.5;
    return s;
  });
  const noteHs = tiles.map((t) => w.textHeight(t.note, "regular", 6.8, tileInner, 0));
  const tileH = 12 + 19 + Math.max(...noteHs) + 10;
  w.ensure(tileH + 8);
  tiles.forEach((t, i) => {
    const x = w.left + i * (tileW + gap);
    w.doc.roundedRect(x, w.y, tileW, tileH, 3).lineWidth(0.7).strokeColor(RULE).stroke();
    w.use("regular", fitSize(w.doc, "regular", t.label, tileInner, 7.5), MUTED).text(t.label, x + 7, w.y + 6, { width: tileInner, lineGap: 0 });
    const vs = valueSizes[i] ?? 15;
    w.use("bold", vs, INK).text(t.value, x + 7, w.y + 17 + (15 - vs) / 2, { lineBreak: false });
    w.use("regular", 6.8, MUTED).text(t.note, x + 7, w.y + 36, { width: tileInner, lineGap: 0 });
  });
  w.y += tileH + 12;

  if (c.summary.points.length > 0) {
    w.bullets(c.summary.points, 10);
    w.y += 6;
  }

  const rows: Row[] = [];
  const addRole = (role: ScenarioRole, cp: CostPercentiles | null) => {
    if (!cp) return;
    rows.push({ cells: [ROLE_LABELS[role], pct(cp, "p10", c.currency), pct(cp, "p50", c.currency), pct(cp, "p90", c.currency)] });
  };
  addRole("vendor", c.summary.vendor);
  addRole("asks", c.summary.asks);
  addRole("walkAway", c.summary.walkAway);
  w.table({
    title: `Cost over the horizon (${day(c.inputs.horizonStart)} – ${day(c.inputs.horizonEnd)})`,
    columns: [{ header: "Scenario", wrap: true }, { header: "P10", align: "right" }, { header: "P50", align: "right" }, { header: "P90", align: "right" }],
    rows,
    sizes: [9, 8.5, 8],
  });
}

function currentPosition(w: Writer, c: BriefContent): void {
  w.heading(sectionTitle("position"));
  const p = c.position;
  if (!p) {
    w.para("No observed burn in this brief.", { color: MUTED });
    return;
  }
  const unit = p.quantity === "amount" ? c.currency : "credits";
  w.keyValues([
    ["As of", day(p.asOf)],
    ["Balance", p.balanceCredits === null ? "—" : `${count(p.balanceCredits)} credits`],
    ["Balance runs out", p.exhaustionDate ? day(p.exhaustionDate) : "Not within the term"],
  ]);
  w.para(p.trend, { after: 3 });
  w.para(p.runway, { after: 8 });
  if (p.observed.length > 0) {
    barChart(w, p.observed, p.quantity, p.quantity === "amount" ? `Observed spend per period (${unit})` : "Observed burn per period (credits)");
  }
}

function forecastSection(w: Writer, c: BriefContent): void {
  w.heading(sectionTitle("forecast"), 260);
  w.para(
    `Cumulative cost per scenario over ${count(c.inputs.horizonPeriods)} ${c.forecast.granularity === "week" ? "weeks" : "months"}, ${day(c.inputs.horizonStart)} – ${day(c.inputs.horizonEnd)}, across ${count(c.inputs.paths)} Monte Carlo paths.`,
    { color: MUTED, size: 8.5, after: 6 },
  );
  forecastChart(w, c);
}

/** A table of lib/brief/present.ts as a PDF table: its text columns wrap, totals are bold. */
function presentedTable(w: Writer, t: PresentedTable, empty: string): void {
  w.heading(t.title);
  if (t.rows.length === 0) {
    w.para(empty, { color: MUTED });
    return;
  }
  const name = t.nameColumn;
  w.table({
    columns: t.columns.map((col, i) => ({ header: col.label, align: col.align, ...(col.wrap ? { wrap: true, minWidth: i === name ? 70 : 50 } : {}) })),
    rows: t.rows.map((r): Row => ({ cells: r.cells.map((cell) => cell.text), ...(r.note ? { note: r.note } : {}), ...(r.total ? { bold: true, fill: "#eaf2fa" } : {}) })),
    zebra: false,
  });
  for (const n of t.notes) w.para(n, { color: MUTED, size: 8, after: 2 });
}

function scenariosSection(w: Writer, c: BriefContent): void {
  presentedTable(w, scenarioTable(c), "No scenarios in this brief.");
}

function asksSection(w: Writer, c: BriefContent): void {
  presentedTable(w, asksTable(c), "No asks in this brief.");
}

function walkAwaySection(w: Writer, c: BriefContent): void {
  w.heading(sectionTitle("walkAway"));
  const wa = c.walkAway;
  w.para(wa.sentence, { font: "bold", size: 10, after: 6 });
  const kv: [string, string][] = [];
  if (wa.scenarioName) kv.push(["Walk-away scenario", wa.scenarioName]);
  if (wa.cost) kv.push(["Walk-away cost P10 / P50 / P90", `${pct(wa.cost, "p10", c.currency)} / ${pct(wa.cost, "p50", c.currency)} / ${pct(wa.cost, "p90", c.currency)}`]);
  if (wa.packsAtList) kv.push(["Packs at list price P50 / P90", `${pct(wa.packsAtList, "p50", c.currency)} / ${pct(wa.packsAtList, "p90", c.currency)}`]);
  const pu = wa.perUser;
  if (pu) {
    kv.push(["Users", count(pu.users)]);
    kv.push(["Price per user per month", money(pu.pricePerUserPerMonth, c.currency)]);
    kv.push(["Per-user licences, total cost", money(pu.totalCost, c.currency)]);
    kv.push(["List price per action", money(pu.listPricePerAction, c.currency)]);
    kv.push(["Break-even actions per user per month", count(pu.breakEvenActionsPerUserPerMonth)]);
  }
  if (kv.length > 0) w.keyValues(kv);
  if (pu) w.para(pu.sentence, { after: 6 });
}

function risksSection(w: Writer, c: BriefContent): void {
  w.heading(sectionTitle("risks"));
  if (c.risks.length === 0) {
    w.para("No risks were found in the observed burn.", { color: MUTED });
    return;
  }
  w.table({
    columns: [
      { header: "Risk", wrap: true, minWidth: 100 },
      { header: "Periods" },
      { header: "Credits", align: "right" },
      { header: "Amount at list", align: "right" },
    ],
    noteIndent: "none",
    rows: c.risks.map((r) => {
      const periods = riskPeriods(r.periods);
      return {
        cells: [r.agent ? `${r.title} (${r.agent})` : r.title, periods, count(r.credits), r.amount === null ? "No price per credit" : money(r.amount, c.currency)],
        note: r.sentence,
      };
    }),
    zebra: false,
  });
}

function timelineSection(w: Writer, c: BriefContent): void {
  w.heading(sectionTitle("timeline"), 120);
  if (c.timeline.length === 0) {
    w.para("No dated events in this brief.", { color: MUTED });
    return;
  }
  timelineChart(w, c.timeline);
  w.table({
    columns: [
      { header: "Date", wrap: false },
      { header: "Event", wrap: true },
    ],
    rows: timelineTable(c).rows.map((r) => ({ cells: r.cells.map((cell) => cell.text), bold: r.strong === true })),
    sizes: [8.5, 8],
  });
}

function assumptionsSection(w: Writer, c: BriefContent): void {
  w.heading(sectionTitle("inputs"));
  w.keyValues(pairsOf(inputsTable(c)));
  const assumptions = assumptionsTable(c);
  if (assumptions.rows.length > 0) {
    w.para(assumptions.title, { font: "bold", size: 9.5, after: 3 });
    w.keyValues(pairsOf(assumptions));
  }
}

function ledgersSection(w: Writer, c: BriefContent): void {
  if (c.ledgers.length === 0) return;
  // Straight after the section before when the heading, its note and the first rows fit there (a
  // forced page break left most of a page empty); the table repeats its header on every page.
  w.heading(sectionTitle("ledger"), 160);
  w.para(`Per period on the likely drivers (deterministic run). Credit columns in credits; cost columns in ${c.currency}.`, {
    color: MUTED,
    size: 8.5,
    after: 6,
  });
  for (const ledger of c.ledgers) {
    const rows: Row[] = ledger.lines.map((l) => ({
      cells: [
        periodLabel(l.label),
        count(l.demandCredits),
        count(l.grantedCredits),
        count(l.purchasedCredits),
        count(l.drawnCredits),
        count(l.overageCredits),
        count(l.unservedCredits),
        count(l.closingCredits),
        money(l.cost, c.currency),
        money(l.cumulativeCost, c.currency),
      ],
    }));
    rows.push({
      cells: ["Total", count(ledger.totals.demandCredits), "", "", "", count(ledger.totals.overageCredits), count(ledger.totals.unservedCredits), "", money(ledger.totals.cost, c.currency), ""],
      bold: true,
      fill: HEADER_FILL,
    });
    w.table({
      title: `${ROLE_LABELS[ledger.role]}: ${ledger.scenarioName}`,
      columns: [
        { header: "Period", wrap: true },
        { header: "Demand", align: "right" },
        { header: "Granted", align: "right" },
        { header: "Purchased", align: "right" },
        { header: "Drawn", align: "right" },
        { header: "Overage", align: "right" },
        { header: "Unserved", align: "right" },
        { header: "Closing", align: "right" },
        { header: "Cost", align: "right" },
        { header: "Cumulative", align: "right" },
      ],
      rows,
      sizes: [7.5, 7, 6.5, 6],
    });
    w.y += 6;
  }
}

// ---------------------------------------------------------------------------------------------
// Header and footer

/** The largest size from `max` down to `min` (half points) at which `text` fits `width` on one line;
 *  `min` when none does (the caller then lets it wrap): the header, footer and tile labels shrink
 *  rather than end in "…". */
function fitSize(doc: Doc, font: string, text: string, width: number, max: number, min = 5): number {
  let size = max;
  doc.font(font);
  while (size > min && doc.fontSize(size).widthOfString(text) > width) size -= 0.5;
  return size;
}

function decoratePages(doc: Doc, c: BriefContent): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  const who = `${c.vendor} · ${c.contractName}`;
  const which = `Brief v${c.version} · ${day(c.preparedOn)}`;
  for (let i = 0; i < total; i++) {
    doc.switchToPage(range.start + i);
    const page = doc.page;
    const saved = page.margins;
    // zero margins while writing into them, so that pdfkit does not start a new page
    page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const left = saved.left;
    const width = page.width - saved.left - saved.right;
    const headerY = saved.top - 26;
    doc.font("regular").fontSize(7.5).fillColor(MUTED);
    const full = `${who} · ${which}`;
    if (doc.widthOfString(full) <= width) {
      doc.text(full, left, headerY, { lineBreak: false });
    } else {
      // too long: the version and date stay whole at the right, vendor and contract in smaller type
      const whichW = doc.widthOfString(which);
      doc.text(which, left + width - whichW, headerY, { lineBreak: false });
      const room = width - whichW - 12;
      const size = fitSize(doc, "regular", `${who} ·`, room, 7.5);
      doc.font("regular").fontSize(size).fillColor(MUTED).text(`${who} ·`, left, headerY + (7.5 - size) / 2, { width: room, lineGap: 0 });
    }
    doc.moveTo(left, headerY + 12).lineTo(left + width, headerY + 12).lineWidth(0.5).strokeColor(RULE).stroke();
    const footerY = page.height - saved.bottom + 18;
    doc.moveTo(left, footerY - 5).lineTo(left + width, footerY - 5).lineWidth(0.5).strokeColor(RULE).stroke();
    const pageText = `Page ${i + 1} of ${total}`;
    doc.font("regular").fontSize(7.5).fillColor(MUTED);
    const pw = doc.widthOfString(pageText);
    doc.text(pageText, left + width - pw, footerY, { lineBreak: false });
    const titleRoom = width - pw - 20;
    const titleSize = fitSize(doc, "regular", c.title, titleRoom, 7.5);
    doc.font("regular").fontSize(titleSize).fillColor(MUTED).text(c.title, left, footerY + (7.5 - titleSize) / 2, { width: titleRoom, lineGap: 0 });
    page.margins = saved;
  }
}

// ---------------------------------------------------------------------------------------------

/** Renders the brief as a PDF of Letter or A4 pages. */
export async function renderBriefPdf(content: BriefContent, options: BriefPdfOptions): Promise<Buffer> {
  const fonts = fontData();
  const prepared = new Date(`${content.preparedOn}T00:00:00Z`);
  const doc = new PDFDocument({
    size: options.pageSize,
    margins: MARGINS,
    bufferPages: true,
    autoFirstPage: false,
    lang: "en",
    displayTitle: true,
    info: {
      Title: content.title,
      ...(content.preparedBy ? { Author: content.preparedBy } : {}),
      Subject: `${content.vendor} · ${content.contractName} · Brief v${content.version}`,
      Creator: "Negotiation brief",
      Producer: "pdfkit",
      ...(Number.isNaN(prepared.getTime()) ? {} : { CreationDate: prepared, ModDate: prepared }),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  try {
    for (const key of Object.keys(fonts) as FontKey[]) doc.registerFont(key, fonts[key]);
    doc.addPage();
    doc.font("regular");
    const w = new Writer(doc, content.currency);
    titleBlock(w, content);
    executiveSummary(w, content);
    w.newPage();
    currentPosition(w, content);
    forecastSection(w, content);
    scenariosSection(w, content);
    asksSection(w, content);
    if (content.audience !== "vendorSafe") {
      walkAwaySection(w, content);
      risksSection(w, content);
    }
    timelineSection(w, content);
    assumptionsSection(w, content);
    ledgersSection(w, content);
    w.flush();
    decoratePages(doc, content);
    doc.end();
  } catch (e) {
    // the half-written document is dropped; the render's own error is the one reported
    done.catch(() => undefined);
    try {
      doc.end();
    } catch {
      // already failed
    }
    throw e;
  }
  return done;
}
