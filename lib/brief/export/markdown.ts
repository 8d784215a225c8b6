// The brief as GitHub-flavoured Markdown: every section, tables for the figures. Every figure is
// formatted with lib/brief/format.ts, so it reads exactly as on screen and in the other exports.
import { count, day, money, ROLE_LABELS, AT_STAKE_LABEL, signOffsText, periodLabel } from "@/lib/brief/format";
import type { BriefContent, CostPercentiles, ScenarioRole } from "@/lib/brief/types";
import { asksTable, assumptionsTable, inputsTable, riskPeriods, scenarioTable, sectionTitle, timelineTable, type PresentedRow, type PresentedTable } from "@/lib/brief/present";

/**
 * Markdown's inline syntax escaped: names come from imported files and people (an agent called
 * "[x](javascript:…)" or "<img onerror=…>"), and must read as text in any Markdown viewer.
 */
function escapeInline(value: string): string {
  return value.replace(/[\\`*_[\]<>]/g, "\\$&");
}

/** Text for a table cell: Markdown and "|" escaped, line breaks kept as <br>; "—" when absent. */
export function cellText(value: string | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return escapeInline(value)
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>")
    .trim();
}

/** Text for a paragraph or heading: one line, Markdown escaped, no leading block markers. */
function inline(value: string): string {
  return escapeInline(value.replace(/\r?\n+/g, " ").trim()).replace(/^([#>+-]|\d+\.)(\s)/, "\\$1$2");
}

type Align = "left" | "right";

/** A cell already written as Markdown (its text escaped by whoever built it). */
interface Raw {
  md: string;
}

const bold = (text: string): Raw => ({ md: text ? `**${cellText(text)}**` : "" });

function table(headers: string[], rows: (string | Raw)[][], align: Align[] = []): string {
  const cell = (c: string | Raw) => (typeof c === "string" ? cellText(c) : c.md);
  const head = `| ${headers.map(cellText).join(" | ")} |`;
  const rule = `| ${headers.map((_, i) => (align[i] === "right" ? "---:" : "---")).join(" | ")} |`;
  const body = rows.map((row) => `| ${row.map(cell).join(" | ")} |`);
  return [head, rule, ...body].join("\n");
}

function percentilesRow(cost: CostPercentiles | null, currency: string): string[] {
  return [money(cost?.p10, currency), money(cost?.p50, currency), money(cost?.p90, currency)];
}

function header(content: BriefContent): string {
  const by = content.preparedBy ? ` by ${inline(content.preparedBy)}` : "";
  return [
    `# ${inline(content.title)}`,
    "",
    `**${inline(content.vendor)}** · ${inline(content.contractName)} · Brief v${content.version} · prepared ${day(content.preparedOn)}${by}`,
    ...(signOffsText(content.signOffs) ? ["", `${inline(signOffsText(content.signOffs)!)}.`] : []),
  ].join("\n");
}

function summary(content: BriefContent): string {
  const { summary: s, currency } = content;
  const rows: string[][] = [
    [ROLE_LABELS.vendor, ...percentilesRow(s.vendor, currency)],
    [ROLE_LABELS.asks, ...percentilesRow(s.asks, currency)],
  ];
  if (s.walkAway) rows.push([ROLE_LABELS.walkAway, ...percentilesRow(s.walkAway, currency)]);
  rows.push([`${AT_STAKE_LABEL} (vendor − asks)`, "", money(s.atStakeP50, currency), money(s.atStakeP90, currency)]);
  return [
    `## ${sectionTitle("summary")}`,
    "",
    `> **${inline(s.recommendation)}**`,
    "",
    ...s.points.map((p) => `- ${inline(p)}`),
    "",
    table(["Cost over the horizon", "P10", "P50", "P90"], rows, ["left", "right", "right", "right"]),
  ].join("\n");
}

function position(content: BriefContent): string {
  const p = content.position;
  if (!p) return [`## ${sectionTitle("position")}`, "", "No observed burn: the forecast rests on the assumptions alone."].join("\n");
  const quantity = p.quantity === "credits" ? "Observed burn (credits)" : "Observed spend";
  const observed = p.observed.map((o) => [periodLabel(o.label), day(o.start), p.quantity === "credits" ? count(o.value) : money(o.value, content.currency)]);
  return [
    `## ${sectionTitle("position")}`,
    "",
    `As of ${day(p.asOf)}. ${inline(p.trend)}`,
    "",
    table(
      ["", ""],
      [
        ["Balance at the end of the last period", p.balanceCredits === null ? "—" : `${count(p.balanceCredits)} credits`],
        ["Credits run out (observed rate)", p.exhaustionDate ? day(p.exhaustionDate) : "Not within the term"],
        ["Runway", p.runway],
      ],
    ),
    "",
    observed.length > 0 ? table(["Period", "Start", quantity], observed, ["left", "left", "right"]) : "No observed periods.",
  ].join("\n");
}

function forecast(content: BriefContent): string {
  const { forecast: f, currency } = content;
  const roles: ScenarioRole[] = ["vendor", "asks"];
  if (f.points.some((p) => p.walkAway)) roles.push("walkAway");
  const parts = [`## ${sectionTitle("forecast")}`, "", `Cumulative cost per ${f.granularity} at P10, P50 and P90.`];
  if (f.points.length === 0) return [...parts, "", "No forecast."].join("\n");
  for (const role of roles) {
    const rows = f.points.map((p) => [periodLabel(p.label), day(p.start), ...percentilesRow(role === "walkAway" ? p.walkAway : p[role], currency)]);
    parts.push("", `### ${ROLE_LABELS[role]}`, "", table(["Period", "Start", "P10", "P50", "P90"], rows, ["left", "left", "right", "right", "right"]));
  }
  return parts.join("\n");
}

/** A table of lib/brief/present.ts: its rows, row notes as a list under it, then its notes. */
function presented(t: PresentedTable, empty: string, heading = `## ${t.title}`): string {
  const parts = [heading, ""];
  if (t.rows.length === 0) return [...parts, empty].join("\n");
  parts.push(
    table(
      t.columns.map((c) => c.label),
      t.rows.map((r) => r.cells.map((c) => ((r.total || r.strong) && c.text ? bold(c.text) : c.text))),
      t.columns.map((c) => c.align),
    ),
  );
  const noted = t.rows.filter((r) => r.note);
  if (noted.length > 0) {
    parts.push("");
    const name = (r: PresentedRow) => r.cells[t.nameColumn]?.text ?? r.key;
    for (const r of noted) parts.push(`- **${inline(name(r))}**: ${inline(r.note!)}`);
  }
  if (t.notes.length > 0) parts.push("", ...t.notes.map((n) => `_${inline(n)}_`).flatMap((n) => [n, ""]).slice(0, -1));
  return parts.join("\n");
}

function scenarios(content: BriefContent): string {
  return presented(scenarioTable(content), "No scenarios.");
}

function asks(content: BriefContent): string {
  return presented(asksTable(content), "No asks.");
}

function walkAway(content: BriefContent): string {
  const { walkAway: w, currency } = content;
  const parts = [`## ${sectionTitle("walkAway")}`, "", `**${inline(w.sentence)}**`];
  const rows: string[][] = [];
  if (w.cost) rows.push([w.scenarioName ? `Walk-away scenario (${w.scenarioName})` : "Walk-away scenario", ...percentilesRow(w.cost, currency)]);
  if (w.packsAtList) rows.push(["Credit packs at list", ...percentilesRow(w.packsAtList, currency)]);
  if (rows.length > 0) parts.push("", table(["Cost", "P10", "P50", "P90"], rows, ["left", "right", "right", "right"]));
  const per = w.perUser;
  if (per) {
    parts.push(
      "",
      "### Per-user pricing",
      "",
      inline(per.sentence),
      "",
      table(
        ["", ""],
        [
          ["Users", count(per.users)],
          ["Price per user per month", money(per.pricePerUserPerMonth, currency)],
          ["Total cost", money(per.totalCost, currency)],
          ["List price per action", money(per.listPricePerAction, currency)],
          ["Break-even actions per user per month", count(per.breakEvenActionsPerUserPerMonth)],
        ],
        ["left", "right"],
      ),
    );
  }
  return parts.join("\n");
}

function risks(content: BriefContent): string {
  const parts = [`## ${sectionTitle("risks")}`, ""];
  if (content.risks.length === 0) return [...parts, "No usage risks found in the observed burn."].join("\n");
  parts.push(
    table(
      ["Risk", "Agent", "Periods", "Credits", "Amount at list", "What it means"],
      content.risks.map((r) => [r.title, r.agent ?? "—", riskPeriods(r.periods), count(r.credits), money(r.amount, content.currency), r.sentence]),
      ["left", "left", "left", "right", "right", "left"],
    ),
  );
  return parts.join("\n");
}

function timeline(content: BriefContent): string {
  return presented(timelineTable(content), "No dates.");
}

function inputs(content: BriefContent): string {
  const parts = [presented(inputsTable(content), "No inputs.", `## ${sectionTitle("inputs")}`)];
  const assumptions = assumptionsTable(content);
  if (assumptions.rows.length > 0) parts.push(presented(assumptions, "", `### ${assumptions.title}`));
  return parts.join("\n\n");
}

function ledgers(content: BriefContent): string {
  const { currency } = content;
  const parts = [`## ${sectionTitle("ledger")}`];
  if (content.ledgers.length === 0) return [...parts, "", "No ledgers."].join("\n");
  for (const l of content.ledgers) {
    const rows: (string | Raw)[][] = l.lines.map((line) => [
      periodLabel(line.label),
      day(line.start),
      count(line.demandCredits),
      count(line.grantedCredits),
      count(line.purchasedCredits),
      count(line.drawnCredits),
      count(line.overageCredits),
      count(line.unservedCredits),
      count(line.closingCredits),
      money(line.cost, currency),
      money(line.cumulativeCost, currency),
    ]);
    rows.push([
      bold("Total"),
      "",
      bold(count(l.totals.demandCredits)),
      "",
      "",
      "",
      bold(count(l.totals.overageCredits)),
      bold(count(l.totals.unservedCredits)),
      "",
      bold(money(l.totals.cost, currency)),
      "",
    ]);
    parts.push(
      "",
      `### ${ROLE_LABELS[l.role]}: ${inline(l.scenarioName)}`,
      "",
      `${l.lines.length} ${l.lines.length === 1 ? "period" : "periods"}; credits unless marked.`,
      "",
      table(
        ["Period", "Start", "Demand", "Granted", "Purchased", "Drawn", "Overage", "Unserved", "Closing", "Cost", "Cumulative cost"],
        rows,
        ["left", "left", "right", "right", "right", "right", "right", "right", "right", "right", "right"],
      ),
    );
  }
  return parts.join("\n");
}

/** The brief as GitHub-flavoured Markdown. */
export function renderBriefMarkdown(content: BriefContent): string {
  return (
    [
      header(content),
      summary(content),
      position(content),
      forecast(content),
      scenarios(content),
      asks(content),
      ...(content.audience === "vendorSafe" ? [] : [walkAway(content), risks(content)]),
      timeline(content),
      inputs(content),
      ledgers(content),
    ].join("\n\n") + "\n"
  );
}
