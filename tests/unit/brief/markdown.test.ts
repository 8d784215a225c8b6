// The brief's Markdown export: rendered from every fixture in tests/fixtures/brief/ and checked for
// a heading per section, for the figures the screen shows (formatted by lib/brief/format.ts) in its
// tables, for one table row per ledger line, and for "|" escaped inside table cells.
import { describe, expect, it } from "vitest";
import { cellText, renderBriefMarkdown } from "@/lib/brief/export/markdown";
import { asksTable, scenarioTable } from "@/lib/brief/present";
import { count, day, money, ROLE_LABELS, AT_STAKE_LABEL, periodLabel } from "@/lib/brief/format";
import { BRIEF_FIXTURES, loadBriefFixture } from "@/tests/support/brief-fixtures";
import type { BriefContent, ScenarioRole } from "@/lib/brief/types";

const FIXTURES = BRIEF_FIXTURES;

const load = loadBriefFixture;

// the headings the screen and the PDF give the sections too (lib/brief/present.ts)
const SECTIONS = ["Executive summary", "Current position", "Forecast", "Scenarios", "Asks ranked by value", "Walk-away", "Risks found in burn", "Timeline", "Inputs and assumptions", "Ledger"];

/** Cells of a table line, split on the "|" that are not escaped. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** The lines of the section under `heading` (up to the next heading of the same or higher level). */
function section(md: string, heading: string): string[] {
  const lines = md.split("\n");
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const level = /^#+/.exec(heading)?.[0].length ?? 2;
  const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}} `).test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The tables in some lines: runs of lines starting with "|". */
function tables(lines: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.startsWith("|")) current.push(line);
    else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

it("has fixtures to render", () => {
  expect(FIXTURES.length).toBeGreaterThan(0);
});

describe.each(FIXTURES)("Markdown of %s", (file) => {
  const content = load(file);
  const { currency } = content;
  const md = renderBriefMarkdown(content);
  const lines = md.split("\n");

  it("has a title and a heading for every section, in order", () => {
    expect(lines[0]).toBe(`# ${content.title}`);
    const positions = SECTIONS.map((s) => lines.indexOf(`## ${s}`));
    for (const p of positions) expect(p).toBeGreaterThan(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("keeps every table rectangular (no stray unescaped |)", () => {
    for (const table of tables(lines)) {
      const width = cells(table[0]!).length;
      expect(table[1]).toMatch(/^\|( -{3}:? \|)+$/);
      for (const row of table) expect(cells(row)).toHaveLength(width);
    }
  });

  it("summarises with the recommendation, the points and the costs", () => {
    const summary = section(md, "## Executive summary");
    expect(summary.join("\n")).toContain(content.summary.recommendation);
    for (const p of content.summary.points) expect(summary).toContain(`- ${p}`);
    const [table] = tables(summary);
    const vendor = table!.find((l) => cells(l)[0] === ROLE_LABELS.vendor)!;
    expect(cells(vendor).slice(1)).toEqual([money(content.summary.vendor.p10, currency), money(content.summary.vendor.p50, currency), money(content.summary.vendor.p90, currency)]);
    const stake = table!.find((l) => l.includes(AT_STAKE_LABEL))!;
    expect(cells(stake)).toContain(money(content.summary.atStakeP50, currency));
  });

  it("tabulates the forecast per role at P10/P50/P90 for every period", () => {
    const forecast = section(md, "## Forecast");
    const roles: ScenarioRole[] = ["vendor", "asks"];
    if (content.forecast.points.some((p) => p.walkAway)) roles.push("walkAway");
    for (const role of roles) {
      const heading = `### ${ROLE_LABELS[role]}`;
      expect(forecast).toContain(heading);
      const [table] = tables(section(md, heading));
      expect(table!.length).toBe(content.forecast.points.length + 2);
      content.forecast.points.forEach((p, i) => {
        const cost = role === "walkAway" ? p.walkAway : p[role];
        expect(cells(table![i + 2]!)).toEqual([periodLabel(p.label), day(p.start), money(cost?.p10, currency), money(cost?.p50, currency), money(cost?.p90, currency)]);
      });
    }
  });

  it("lists the scenarios as the presentation model decides, a row each", () => {
    const t = scenarioTable(content);
    const [table] = tables(section(md, "## Scenarios"));
    expect(cells(table![0]!)).toEqual(t.columns.map((c) => cellText(c.label)));
    for (const r of t.rows) expect(table!.map(cells)).toContainEqual(r.cells.map((c) => cellText(c.text)));
    for (const s of content.scenarios) expect(table!.some((l) => cells(l).includes(money(s.cost.p50, currency)))).toBe(true);
  });

  it("ranks the asks with their savings and authority, the notes with each justification, and lines that add up", () => {
    const t = asksTable(content);
    const body = section(md, "## Asks ranked by value");
    const [table] = tables(body);
    for (const r of t.rows) expect(table!.map(cells)).toContainEqual(r.cells.map((c) => (r.total && c.text ? `**${cellText(c.text)}**` : cellText(c.text))));
    for (const ask of content.asks) {
      const row = table!.find((l) => cells(l)[0] === String(ask.rank));
      expect(cells(row!)[1]).toBe(cellText(ask.name));
      expect(cells(row!)).toContain(money(ask.savingP50, currency));
      expect(body.join("\n")).toContain(ask.justification.replace(/[\\`*_[\]<>]/g, "\\$&"));
    }
    if (content.asksPackage) expect(body.join("\n")).toContain(money(content.asksPackage.savingP50, currency));
  });

  it("states the walk-away with its per-user break-even", () => {
    const walk = section(md, "## Walk-away").join("\n");
    expect(walk).toContain(content.walkAway.sentence);
    const per = content.walkAway.perUser;
    if (per) {
      expect(walk).toContain(`| Break-even actions per user per month | ${count(per.breakEvenActionsPerUserPerMonth)} |`);
      expect(walk).toContain(`| Total cost | ${money(per.totalCost, currency)} |`);
    }
  });

  it("puts every risk's sentence and amount in the risks table", () => {
    const risks = section(md, "## Risks found in burn");
    if (content.risks.length === 0) {
      expect(tables(risks)).toHaveLength(0);
      return;
    }
    const [table] = tables(risks);
    expect(table!.length).toBe(content.risks.length + 2);
    for (const risk of content.risks) {
      const row = table!.find((l) => cells(l).includes(cellText(risk.sentence)));
      expect(row).toBeDefined();
      expect(cells(row!)).toContain(money(risk.amount, currency));
      expect(cells(row!)).toContain(count(risk.credits));
    }
  });

  it("dates the timeline and records the inputs and assumptions", () => {
    const [timeline] = tables(section(md, "## Timeline"));
    // the notice deadline, the date to act on, in bold
    const b = (e: { kind: string }, t: string) => (e.kind === "notice" ? `**${t}**` : t);
    for (const e of content.timeline) expect(timeline).toContain(`| ${b(e, day(e.date))} | ${b(e, cellText(e.label))} |`);
    const inputs = section(md, "## Inputs and assumptions");
    const text = inputs.join("\n");
    expect(text).toContain(cellText(content.inputs.rateCardVersion.label));
    expect(text).toContain(`| Simulated paths | ${count(content.inputs.paths)} |`);
    expect(text).toContain(`| Random seed | ${content.inputs.seed} |`);
    expect(text).not.toContain(content.inputs.rateCardVersion.id);
    for (const a of content.assumptions) expect(text).toContain(`| ${cellText(a.label)} | ${cellText(a.value)} |`);
  });

  it("has one table row per ledger line, and the content's totals", () => {
    for (const ledger of content.ledgers) {
      const heading = `### ${ROLE_LABELS[ledger.role]}: ${ledger.scenarioName}`;
      const [table] = tables(section(md, heading));
      // header, rule, one row per line, totals
      expect(table!.length).toBe(ledger.lines.length + 3);
      ledger.lines.forEach((line, i) => {
        const c = cells(table![i + 2]!);
        expect(c[0]).toBe(cellText(periodLabel(line.label)));
        expect(c[2]).toBe(count(line.demandCredits));
        expect(c[9]).toBe(money(line.cost, currency));
      });
      const total = cells(table!.at(-1)!);
      expect(total[0]).toBe("**Total**");
      expect(total[2]).toBe(`**${count(ledger.totals.demandCredits)}**`);
      expect(total[6]).toBe(`**${count(ledger.totals.overageCredits)}**`);
      expect(total[9]).toBe(`**${money(ledger.totals.cost, currency)}**`);
    }
  });
});

describe("Markdown escaping", () => {
  const base = load(FIXTURES[0]!);

  it("escapes | inside a scenario name in the tables", () => {
    const content: BriefContent = {
      ...base,
      scenarios: base.scenarios.map((s, i) => (i === 0 ? { ...s, name: "Plan A | Plan B" } : s)),
      assumptions: [...base.assumptions, { label: "Pipe | label", value: "a | b" }],
    };
    const md = renderBriefMarkdown(content);
    const rows = md.split("\n").filter((l) => l.startsWith("|"));
    expect(rows.some((l) => l.includes("| Plan A \\| Plan B |"))).toBe(true);
    expect(rows.some((l) => l.includes("| Pipe \\| label | a \\| b |"))).toBe(true);
    expect(rows.some((l) => /Plan A (?<!\\)\| Plan B/.test(l))).toBe(false);
    for (const table of tables(md.split("\n"))) {
      const width = cells(table[0]!).length;
      for (const row of table) expect(cells(row)).toHaveLength(width);
    }
  });

  it("renders names from imported files as text, not links, HTML or emphasis", () => {
    const agent = "[free credits](javascript:alert(1)) <img src=x onerror=alert(1)> *loud*";
    const content: BriefContent = {
      ...base,
      risks: [{ kind: "runaway", title: `Runaway agent: ${agent}`, agent, periods: ["2026-10-01"], credits: "1", amount: null, sentence: `${agent} looped.` }],
    };
    const md = renderBriefMarkdown(content);
    expect(md).not.toContain("[free credits](");
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(md).toContain("\\[free credits\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> \\*loud\\*");
  });

  it("escapes cell text", () => {
    expect(cellText("a | b")).toBe("a \\| b");
    expect(cellText("a_b *c* [d]")).toBe("a\\_b \\*c\\* \\[d\\]");
    expect(cellText("two\nlines")).toBe("two<br>lines");
    expect(cellText(null)).toBe("—");
  });
});
