// The brief on screen shows the brief's own figures, formatted exactly as lib/brief/format.ts
// formats them (the exports compare the same strings), in the order and sections the brief defines.
// Named .test.ts (the unit project only includes .ts): the component is built with createElement.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BRIEF_SECTIONS, BriefView, EMPTY_POSITION, EMPTY_RISKS } from "@/components/brief/BriefView";
import { count, day, money, ROLE_LABELS, periodLabel } from "@/lib/brief/format";
import { asksTable, scenarioTable } from "@/lib/brief/present";
import type { BriefContent } from "@/lib/brief/types";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/brief");
const load = (file: string) => JSON.parse(readFileSync(path.join(DIR, file), "utf8")) as BriefContent;

// Our own fixture always; the one generated from the real engine when it is there.
const FIXTURES = ["handmade-view.json", "salesforce.json"].filter((f) => existsSync(path.join(DIR, f)));

const render = (content: BriefContent) => renderToStaticMarkup(createElement(BriefView, { content }));

/** The markup as text: tags dropped, React's escapes decoded, white space collapsed. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** The text of one section, found by its id. */
function section(html: string, id: string): string {
  const m = new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(html);
  if (!m) throw new Error(`section ${id} not rendered`);
  return text(m[0]);
}

/** Text of every element carrying data-testid=id (rows, cards: not nested in one another). */
function byTestId(html: string, id: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}[^>]*data-testid="${id}"[^>]*>[\\s\\S]*?</${tag}>`, "g"))].map((m) => text(m[0]));
}

/** Asserts the needles occur in this order in the haystack; returns their positions. */
function inOrder(haystack: string, needles: string[]): number[] {
  let from = 0;
  return needles.map((n) => {
    const at = haystack.indexOf(n, from);
    expect(at, `"${n}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + n.length;
    return at;
  });
}

describe.each(FIXTURES)("BriefView with %s", (file) => {
  const content = load(file);
  const cur = content.currency;
  const html = render(content);

  it("has every section, in order, with an h2 and a table-of-contents link", () => {
    const headings = [...html.matchAll(/<h2 id="([^"]+)-heading"[^>]*>([^<]*)<\/h2>/g)].map((m) => [m[1], m[2]]);
    expect(headings).toEqual(BRIEF_SECTIONS.map((s) => [s.id, s.title]));
    for (const s of BRIEF_SECTIONS) {
      expect(html).toContain(`href="#${s.id}"`);
      expect(html).toContain(`<section id="${s.id}"`);
    }
    // headings never skip a level: h2 sections, h3 inside
    expect(html).not.toMatch(/<h[14-6][ >]/);
  });

  it("puts the recommendation in the callout and the summary figures in the summary", () => {
    const callout = byTestId(html, "brief-recommendation", "div");
    expect(callout).toHaveLength(1);
    expect(callout[0]).toContain(content.summary.recommendation);
    const summary = section(html, "brief-summary");
    for (const p of content.summary.points) expect(summary).toContain(p);
    expect(text(byTestId(html, "brief-at-stake-p50", "dd").join(""))).toBe(money(content.summary.atStakeP50, cur));
    expect(text(byTestId(html, "brief-at-stake-p90", "dd").join(""))).toBe(money(content.summary.atStakeP90, cur));
    const [vendorRow] = byTestId(html, "brief-summary-vendor", "tr");
    inOrder(vendorRow ?? "", [ROLE_LABELS.vendor, money(content.summary.vendor.p10, cur), money(content.summary.vendor.p50, cur), money(content.summary.vendor.p90, cur)]);
    const [asksRow] = byTestId(html, "brief-summary-asks", "tr");
    inOrder(asksRow ?? "", [ROLE_LABELS.asks, money(content.summary.asks.p10, cur), money(content.summary.asks.p50, cur), money(content.summary.asks.p90, cur)]);
    const walk = byTestId(html, "brief-summary-walkAway", "tr");
    if (content.summary.walkAway) inOrder(walk[0] ?? "", [ROLE_LABELS.walkAway, money(content.summary.walkAway.p50, cur), money(content.summary.walkAway.p90, cur)]);
    else expect(walk).toEqual([]);
  });

  it("draws the scenario table the presentation model decides, a row per scenario", () => {
    const t = scenarioTable(content);
    const rows = content.scenarios.map((s) => byTestId(html, `brief-scenario-${s.role}`, "tr")[0] ?? "");
    t.rows.forEach((r, i) => inOrder(rows[i]!, r.cells.map((c) => c.text)));
    inOrder(section(html, "brief-scenarios"), [...t.columns.map((c) => c.label), ...t.rows.map((r) => r.cells[0]!.text), ...t.notes]);
  });

  it("draws the asks table in rank order, with the lines that add each column up to the package", () => {
    const t = asksTable(content);
    const ranked = [...content.asks].sort((a, b) => a.rank - b.rank);
    const rows = byTestId(html, "brief-ask", "tr");
    expect(rows).toHaveLength(ranked.length);
    ranked.forEach((a, i) => inOrder(rows[i]!, [String(a.rank), a.name, a.clause, a.justification, money(a.savingP50, cur), money(a.savingP90, cur), money(a.removeAloneP50, cur)]));
    const badges = [...html.matchAll(/data-testid="brief-authority"[^>]*>([^<]*)</g)].map((m) => text(m[1]!));
    expect(badges).toEqual(t.rows.flatMap((r) => r.cells.filter((c) => c.authority).map((c) => c.text)));
    if (content.asksPackage) {
      const [pkg] = byTestId(html, "brief-asks-package", "tr");
      inOrder(pkg ?? "", [money(content.asksPackage.savingP50, cur), money(content.asksPackage.savingP90, cur), content.asksPackage.authorityLabel]);
    }
  });

  it("shows the walk-away, every risk and the timeline", () => {
    const walk = section(html, "brief-walk-away");
    expect(walk).toContain(content.walkAway.sentence);
    if (content.walkAway.perUser) {
      expect(walk).toContain(content.walkAway.perUser.sentence);
      expect(walk).toContain(money(content.walkAway.perUser.totalCost, cur));
      expect(walk).toContain(money(content.walkAway.perUser.pricePerUserPerMonth, cur));
    }
    if (content.walkAway.packsAtList) expect(walk).toContain(money(content.walkAway.packsAtList.p50, cur));

    const cards = byTestId(html, "brief-risk", "li");
    expect(cards).toHaveLength(content.risks.length);
    content.risks.forEach((r, i) => {
      inOrder(cards[i]!, [r.title, r.sentence, count(r.credits), money(r.amount, cur)]);
    });
    if (content.risks.length > 0) expect(html).not.toContain(EMPTY_RISKS);

    const timeline = section(html, "brief-timeline");
    const notice = content.timeline.find((e) => e.kind === "notice");
    if (notice) {
      expect(html).toMatch(new RegExp(`<li[^>]*data-kind="notice"[^>]*><time dateTime="${notice.date}"[^>]*>${day(notice.date)}</time>`));
    }
    for (const e of content.timeline) expect(timeline).toContain(`${day(e.date)} ${e.label}`);
    // the list is in date order
    const listed = [...html.matchAll(/<time dateTime="([^"]+)"/g)].map((m) => m[1]!);
    expect(listed).toEqual([...listed].sort());
  });

  it("shows the position, the forecast's figures, the inputs and a ledger per scenario", () => {
    const position = section(html, "brief-position");
    if (content.position) {
      expect(position).toContain(content.position.trend);
      expect(position).toContain(content.position.runway);
      expect(position).toContain(day(content.position.asOf));
      expect(position).not.toContain(EMPTY_POSITION);
    }
    // the chart's figures reach a screen reader through the hidden table
    const forecast = section(html, "brief-forecast");
    for (const p of content.forecast.points) inOrder(forecast, [periodLabel(p.label), money(p.vendor.p10, cur), money(p.vendor.p50, cur), money(p.vendor.p90, cur), money(p.asks.p50, cur)]);

    const inputs = section(html, "brief-inputs");
    expect(inputs).toContain(content.inputs.rateCardVersion.label);
    expect(inputs).toContain(String(content.inputs.seed));
    expect(inputs).toContain(count(content.inputs.paths));
    for (const a of content.assumptions) expect(inputs).toContain(`${a.label} ${a.value}`);

    expect((html.match(/<details/g) ?? []).length).toBe(content.ledgers.length);
    for (const l of content.ledgers) {
      const table = byTestId(html, `brief-ledger-${l.role}`, "details")[0] ?? "";
      const total = /Total ([^]*)$/.exec(table)?.[1] ?? "";
      inOrder(total, [count(l.totals.demandCredits), count(l.totals.overageCredits), count(l.totals.unservedCredits), money(l.totals.cost, cur)]);
      for (const line of l.lines) inOrder(table, [periodLabel(line.label), count(line.demandCredits), money(line.cost, cur), money(line.cumulativeCost, cur)]);
    }
  });

  it("labels every table header cell with its scope", () => {
    const ths = html.match(/<th[ >][^>]*/g) ?? [];
    expect(ths.length).toBeGreaterThan(20);
    for (const th of ths) expect(th).toMatch(/scope="(col|row)"/);
  });
});

describe("BriefView edge cases", () => {
  const base = load("handmade-view.json");

  it("formats the handmade fixture's figures exactly", () => {
    const html = render(base);
    const summary = section(html, "brief-summary");
    expect(summary).toContain("$12,284.92"); // at stake, P50
    expect(summary).toContain("$127,968.45"); // vendor's terms, P50
    // rank 1 comes first although the brief lists it second
    inOrder(section(html, "brief-asks"), ["Cap overage at $0.11", "$11,480.40", "Deal desk (up to 15%)", "Roll over unused credits", "$4,120.00", "Account executive (3–7%)", "90-day price notice", "$0.00", "No discount authority needed"]);
    // a brief stored before unserved demand was priced says so under its scenarios
    expect(section(html, "brief-scenarios")).toContain("computed before unserved demand was priced");
    expect(section(html, "brief-timeline")).toContain("1 Dec 2026 Notice deadline");
    expect(section(html, "brief-position")).toContain("61,250.5 credits");
  });

  it("says so when there is no observed burn and no risk", () => {
    const html = render({ ...base, position: null, risks: [] });
    expect(section(html, "brief-position")).toBe("Current position No observed burn in this brief.");
    expect(section(html, "brief-risks")).toBe("Risks found in burn No risks found in the observed burn.");
    expect(html).not.toContain('data-testid="brief-burn-bars"');
    expect(byTestId(html, "brief-risk", "li")).toEqual([]);
  });

  it("renders without a walk-away scenario, asks or ledgers", () => {
    const html = render({
      ...base,
      summary: { ...base.summary, walkAway: null },
      forecast: { ...base.forecast, points: base.forecast.points.map((p) => ({ ...p, walkAway: null })) },
      asks: [],
      asksPackage: null,
      walkAway: { scenarioName: null, cost: null, perUser: null, packsAtList: null, sentence: "No walk-away was set." },
      ledgers: [],
      timeline: [],
    });
    expect(section(html, "brief-asks")).toContain("No asks in this brief.");
    expect(section(html, "brief-walk-away")).toContain("No walk-away was set.");
    expect(section(html, "brief-ledger")).toContain("No ledgers in this brief.");
    expect(section(html, "brief-forecast")).not.toContain(ROLE_LABELS.walkAway);
    expect(html).not.toContain("<details");
  });
});
