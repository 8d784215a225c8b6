// The negotiation brief on screen. Server-compatible: it renders the brief's stored figures as
// they are (formatted with lib/brief/format.ts, never re-computed); only the charts are client
// components. Section ids serve the table of contents and in-page links.
import { AUTHORITY_LABELS, count, day, money, ROLE_LABELS, AT_STAKE_LABEL, AT_STAKE_NOTE, signOffsText, periodLabel } from "@/lib/brief/format";
import type { Authority, BriefContent, BriefLedger, BriefRisk, CostPercentiles, ScenarioRole, TimelineEvent } from "@/lib/brief/types";
import { asksTable, assumptionsTable, BRIEF_SECTIONS, inputsTable, pairsOf, riskPeriods, scenarioTable, type PresentedCell, type PresentedRow, type PresentedTable } from "@/lib/brief/present";
import { BriefForecastChart } from "./BriefForecastChart";
import { BurnBars } from "./BurnBars";
import { ROLE_STYLE } from "./chart-common";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { EngineText } from "@/components/ui/engine-text";

/** The sections in order: id (for anchors) and heading, shared with the PDF and the Markdown. */
export { BRIEF_SECTIONS };

type SectionId = (typeof BRIEF_SECTIONS)[number]["id"];

export const EMPTY_POSITION = "No observed burn in this brief.";
export const EMPTY_RISKS = "No risks found in the observed burn.";

const PERCENTILES = ["p10", "p50", "p90"] as const;

const credits = (v: string | null | undefined) => (v === null || v === undefined ? "—" : `${count(v)} credits`);

function title(id: SectionId): string {
  return BRIEF_SECTIONS.find((s) => s.id === id)?.title ?? id;
}

function Section({ id, children, avoidBreak = true }: { id: SectionId; children: React.ReactNode; avoidBreak?: boolean }) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-heading`}
      className={`scroll-mt-6 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 print:p-0 print:shadow-none print:ring-0 ${avoidBreak ? "print:break-inside-avoid" : ""}`}
    >
      <h2 id={`${id}-heading`} className="mb-4 text-lg font-semibold text-slate-900">
        {title(id)}
      </h2>
      {children}
    </section>
  );
}

function Empty({ children, testId }: { children: React.ReactNode; testId: string }) {
  return (
    <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500" data-testid={testId}>
      {children}
    </p>
  );
}

const AUTHORITY_STYLE: Record<Authority, string> = {
  none: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  accountExecutive: "bg-sky-50 text-sky-800 ring-sky-200",
  dealDesk: "bg-amber-50 text-amber-900 ring-amber-200",
  vp: "bg-orange-50 text-orange-900 ring-orange-300",
  beyondVp: "bg-red-50 text-red-800 ring-red-200",
  unknown: "bg-slate-100 text-slate-700 ring-slate-300",
};

/** Who can grant it, in words; the colour only repeats the text. */
function AuthorityBadge({ authority, label }: { authority: Authority; label: string }) {
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${AUTHORITY_STYLE[authority]}`} data-testid="brief-authority">
      {label || AUTHORITY_LABELS[authority]}
    </span>
  );
}

function RoleSwatch({ role }: { role: ScenarioRole }) {
  return <span aria-hidden="true" className="inline-block h-2.5 w-2.5 shrink-0 rounded-sm" style={{ backgroundColor: ROLE_STYLE[role].main }} />;
}

const num = "text-right tabular-nums";
const th = "px-3 py-2 font-medium";
const cell = "px-3 py-2";

// ————————————————————————————————————————————————————————————— sections

function ExecutiveSummary({ content }: { content: BriefContent }) {
  const { summary, currency } = content;
  const scenarioName = (role: ScenarioRole) => content.inputs.scenarios.find((s) => s.role === role)?.name ?? null;
  const rows: { role: ScenarioRole; cost: CostPercentiles }[] = [
    { role: "vendor", cost: summary.vendor },
    { role: "asks", cost: summary.asks },
    ...(summary.walkAway ? [{ role: "walkAway" as const, cost: summary.walkAway }] : []),
  ];
  return (
    <Section id="brief-summary">
      <div className="rounded-md border-l-4 border-indigo-600 bg-indigo-50 px-4 py-3 print:border print:border-l-4" data-testid="brief-recommendation">
        <p className="text-xs font-semibold uppercase tracking-wide text-indigo-700">Recommendation</p>
        <p className="mt-1 text-base font-semibold text-slate-900">{summary.recommendation}</p>
      </div>
      {summary.points.length > 0 && (
        <ul className="mt-4 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {summary.points.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      <div className="mt-5 grid gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <ScrollRegion>
          <table className="w-full text-sm" aria-label="Cost over the horizon by scenario, at P10, P50 and P90">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className={`${th} pl-0 text-left`}>
                  Scenario
                </th>
                <th scope="col" className={`${th} text-right`}>
                  P10
                </th>
                <th scope="col" className={`${th} text-right`}>
                  P50
                </th>
                <th scope="col" className={`${th} pr-0 text-right`}>
                  P90
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map(({ role, cost }) => (
                <tr key={role} data-testid={`brief-summary-${role}`}>
                  <th scope="row" className={`${cell} pl-0 text-left font-medium text-slate-800`}>
                    <span className="flex items-center gap-2">
                      <RoleSwatch role={role} />
                      {ROLE_LABELS[role]}
                    </span>
                    {scenarioName(role) && <span className="block pl-4.5 text-xs font-normal text-slate-500">{scenarioName(role)}</span>}
                  </th>
                  <td className={`${cell} ${num} text-slate-600`}>{money(cost.p10, currency)}</td>
                  <td className={`${cell} ${num} font-semibold text-slate-900`}>{money(cost.p50, currency)}</td>
                  <td className={`${cell} ${num} pr-0 text-slate-600`}>{money(cost.p90, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{AT_STAKE_LABEL}</p>
          <p className="text-xs text-slate-500">What the asks are worth: {AT_STAKE_NOTE}</p>
          <dl className="mt-2 grid grid-cols-2 gap-3">
            <div className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
              <dt className="text-xs text-slate-500">P50</dt>
              <dd className="mt-0.5 text-2xl font-semibold tabular-nums text-slate-900" data-testid="brief-at-stake-p50">
                {money(summary.atStakeP50, currency)}
              </dd>
            </div>
            <div className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
              <dt className="text-xs text-slate-500">P90</dt>
              <dd className="mt-0.5 text-2xl font-semibold tabular-nums text-slate-900" data-testid="brief-at-stake-p90">
                {money(summary.atStakeP90, currency)}
              </dd>
            </div>
          </dl>
        </div>
      </div>
    </Section>
  );
}

function CurrentPosition({ content }: { content: BriefContent }) {
  const position = content.position;
  if (!position) {
    return (
      <Section id="brief-position">
        <Empty testId="brief-position-empty">{EMPTY_POSITION}</Empty>
      </Section>
    );
  }
  const facts = [
    { label: "As of", value: day(position.asOf) },
    { label: "Balance left", value: credits(position.balanceCredits) },
    { label: "Balance runs out", value: position.exhaustionDate ? day(position.exhaustionDate) : "Not within the term" },
  ];
  return (
    <Section id="brief-position">
      <div className="grid gap-5 lg:grid-cols-2">
        <div className="space-y-3">
          <dl className="grid grid-cols-3 gap-3">
            {facts.map((f) => (
              <div key={f.label} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
                <dt className="text-xs text-slate-500">{f.label}</dt>
                <dd className="mt-0.5 text-sm font-semibold tabular-nums text-slate-900">{f.value}</dd>
              </div>
            ))}
          </dl>
          <p className="text-sm text-slate-700">
            <EngineText text={position.trend} />
          </p>
          <p className="text-sm text-slate-700">{position.runway}</p>
        </div>
        {position.observed.length > 0 ? (
          <BurnBars observed={position.observed} quantity={position.quantity} currency={content.currency} />
        ) : (
          <Empty testId="brief-burn-empty">{EMPTY_POSITION}</Empty>
        )}
      </div>
    </Section>
  );
}

function Forecast({ content }: { content: BriefContent }) {
  const { points } = content.forecast;
  return (
    <Section id="brief-forecast">
      {points.length > 0 ? <BriefForecastChart points={points} currency={content.currency} /> : <Empty testId="brief-forecast-empty">No forecast in this brief.</Empty>}
    </Section>
  );
}

/** A table of lib/brief/present.ts, drawn: the columns, rows and notes are decided there. */
function PresentedTableView({ table, label, rowTestId }: { table: PresentedTable; label: string; rowTestId: (row: PresentedRow) => string }) {
  const tone = (c: PresentedCell) => (c.tone === "alert" ? "font-semibold text-red-700" : c.tone === "muted" ? "text-slate-500" : "");
  const stickyFirst = table.nameColumn;
  const value = (c: PresentedCell) => (c.authority ? <AuthorityBadge authority={c.authority} label={c.text} /> : c.text);
  return (
    <>
      {/* On a phone each row is a card of label and value: a dozen columns cannot fit 390 px. */}
      <ul className="space-y-3 sm:hidden print:hidden" aria-label={label}>
        {table.rows.map((r) => (
          <li key={r.key} className={`rounded-md p-3 ring-1 ring-inset ring-slate-200 ${r.total ? "bg-slate-50" : ""}`}>
            <p className="font-semibold text-slate-900">
              {table.columns[0]?.key === "rank" && r.cells[0]?.text ? `${r.cells[0].text}. ` : ""}
              {r.cells[stickyFirst]?.text}
            </p>
            {r.note && <p className="mt-1 text-xs text-slate-500">{r.note}</p>}
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
              {r.cells.map((c, i) =>
                i === stickyFirst || !c.text || table.columns[i]!.key === "rank" ? null : (
                  <div key={table.columns[i]!.key} className="contents">
                    <dt className="min-w-0 text-slate-500">{table.columns[i]!.label}</dt>
                    <dd className={`min-w-0 break-words text-right tabular-nums ${tone(c)}`}>{c.text}</dd>
                  </div>
                ),
              )}
            </dl>
          </li>
        ))}
      </ul>
      <ScrollRegion className="hidden sm:block print:block">
        <table className="w-full text-sm" aria-label={label}>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {table.columns.map((c, i) => (
                <th key={c.key} scope="col" className={`${th} ${i === 0 ? "pl-0" : ""} ${c.align === "right" ? "text-right" : "text-left"} align-bottom`}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {table.rows.map((r) => (
              <tr key={r.key} data-testid={rowTestId(r)} className={r.total ? "bg-slate-50 font-semibold text-slate-900" : ""}>
                {r.cells.map((c, i) => {
                  const col = table.columns[i]!;
                  // figures stay on one line; words (unserved actions and their money) may wrap
                  const cls = `${cell} ${i === 0 ? "pl-0" : ""} ${col.align === "right" ? `${num} ${col.wrap ? "min-w-[6rem]" : "whitespace-nowrap"}` : "text-left"} ${tone(c)}`;
                  if (i === stickyFirst) {
                    return (
                      <th key={col.key} scope="row" className={`${cls} min-w-[10rem] max-w-md font-normal`}>
                        <span className={`block ${r.total ? "font-semibold" : "font-medium"} text-slate-900`}>{c.text}</span>
                        {r.note && <span className="mt-1 block text-xs text-slate-500">{r.note}</span>}
                      </th>
                    );
                  }
                  return (
                    <td key={col.key} className={cls}>
                      {value(c)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {table.notes.length > 0 && (
        <ul className="mt-2 space-y-1 text-xs text-slate-500">
          {table.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function Scenarios({ content }: { content: BriefContent }) {
  const table = scenarioTable(content);
  return (
    <Section id="brief-scenarios">
      {content.scenarios.length === 0 ? (
        <Empty testId="brief-scenarios-empty">No scenarios in this brief.</Empty>
      ) : (
        <PresentedTableView table={table} label="Scenarios compared" rowTestId={(r) => `brief-scenario-${r.key.split("-")[0]}`} />
      )}
    </Section>
  );
}

function Asks({ content }: { content: BriefContent }) {
  const table = asksTable(content);
  return (
    <Section id="brief-asks">
      {content.asks.length === 0 ? (
        <Empty testId="brief-asks-empty">No asks in this brief.</Empty>
      ) : (
        <PresentedTableView table={table} label="Asks ranked by what each saves" rowTestId={(r) => (r.key === "package" ? "brief-asks-package" : r.key === "sum" || r.key === "overlap" ? `brief-asks-${r.key}` : "brief-ask")} />
      )}
    </Section>
  );
}

function PercentileList({ cost, currency, label }: { cost: CostPercentiles; currency: string; label: string }) {
  return (
    <div>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</p>
      <dl className="mt-1 grid grid-cols-3 gap-2">
        {PERCENTILES.map((p) => (
          <div key={p} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
            <dt className="text-xs text-slate-500">{p.toUpperCase()}</dt>
            <dd className="text-sm font-semibold tabular-nums text-slate-900">{money(cost[p], currency)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function WalkAway({ content }: { content: BriefContent }) {
  const w = content.walkAway;
  const cur = content.currency;
  const perUser = w.perUser;
  return (
    <Section id="brief-walk-away">
      <p className="text-base font-medium text-slate-900" data-testid="brief-walk-away-sentence">
        {w.sentence}
      </p>
      <div className="mt-4 grid gap-5 lg:grid-cols-2">
        {w.cost && <PercentileList cost={w.cost} currency={cur} label={w.scenarioName ? `${w.scenarioName}: cost` : "Walk-away cost"} />}
        {w.packsAtList && <PercentileList cost={w.packsAtList} currency={cur} label="Same demand on packs at list price" />}
      </div>
      {perUser && (
        <div className="mt-5">
          <h3 className="text-sm font-semibold text-slate-900">Per-user licences instead</h3>
          <dl className="mt-2 grid grid-cols-2 gap-3 md:grid-cols-5">
            {[
              { label: "Users", value: count(perUser.users) },
              { label: "Price per user per month", value: money(perUser.pricePerUserPerMonth, cur) },
              { label: "Total cost", value: money(perUser.totalCost, cur) },
              { label: "List price per action", value: money(perUser.listPricePerAction, cur) },
              { label: "Break-even actions per user per month", value: count(perUser.breakEvenActionsPerUserPerMonth) },
            ].map((f) => (
              <div key={f.label} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
                <dt className="text-xs text-slate-500">{f.label}</dt>
                <dd className="mt-0.5 text-sm font-semibold tabular-nums text-slate-900">{f.value}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 text-sm text-slate-700">{perUser.sentence}</p>
        </div>
      )}
    </Section>
  );
}

const RISK_KIND: Record<BriefRisk["kind"], string> = {
  runaway: "Runaway agent",
  nonProduction: "Non-production burn",
  spike: "Spike",
  acceleration: "Acceleration",
};

/** A period as stored: an ISO day is shown as a date, a label as it is. */

function Risks({ content }: { content: BriefContent }) {
  return (
    <Section id="brief-risks">
      {content.risks.length === 0 ? (
        <Empty testId="brief-risks-empty">{EMPTY_RISKS}</Empty>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {content.risks.map((r, i) => (
            <li key={i} className="rounded-md border-l-4 border-amber-500 bg-amber-50/40 p-4 ring-1 ring-inset ring-slate-200 print:break-inside-avoid" data-testid="brief-risk">
              <p className="text-xs font-semibold uppercase tracking-wide text-amber-800">{RISK_KIND[r.kind]}</p>
              <h3 className="mt-0.5 text-sm font-semibold text-slate-900">{r.agent ? `${r.title}: ${r.agent}` : r.title}</h3>
              {r.periods.length > 0 && <p className="text-xs text-slate-500">{riskPeriods(r.periods)}</p>}
              <p className="mt-2 text-sm text-slate-700">{r.sentence}</p>
              <dl className="mt-3 flex gap-6 text-sm">
                <div>
                  <dt className="text-xs text-slate-500">Credits</dt>
                  <dd className="font-semibold tabular-nums text-slate-900">{count(r.credits)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">At list price</dt>
                  <dd className="font-semibold tabular-nums text-slate-900">{money(r.amount, content.currency)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

const EVENT_STYLE: Record<TimelineEvent["kind"], { dot: string; text: string }> = {
  termStart: { dot: "bg-slate-500", text: "text-slate-700" },
  measurementStart: { dot: "bg-slate-400", text: "text-slate-700" },
  burnThrough: { dot: "bg-slate-400", text: "text-slate-700" },
  prepared: { dot: "bg-indigo-500", text: "text-slate-700" },
  exhaustion: { dot: "bg-red-600", text: "text-red-800" },
  notice: { dot: "bg-red-600", text: "text-red-800 font-semibold" },
  renewal: { dot: "bg-indigo-700", text: "text-indigo-900 font-semibold" },
  termEnd: { dot: "bg-slate-500", text: "text-slate-700" },
};

function Timeline({ content }: { content: BriefContent }) {
  // stable: events on the same day keep the brief's order
  const events = content.timeline.map((e, i) => ({ e, i })).sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i)).map((x) => x.e);
  return (
    <Section id="brief-timeline">
      {events.length === 0 ? (
        <Empty testId="brief-timeline-empty">No dated events in this brief.</Empty>
      ) : (
        <>
          {/* the line repeats the list below for sighted readers */}
          <div aria-hidden="true" className="relative overflow-x-auto pb-2">
            <div className="relative grid min-w-[40rem]" style={{ gridTemplateColumns: `repeat(${events.length}, minmax(0, 1fr))` }}>
              <div className="absolute inset-x-0 top-[0.6875rem] h-0.5 bg-slate-300" />
              {events.map((e, i) => {
                const st = EVENT_STYLE[e.kind];
                return (
                  <div key={i} className="relative flex flex-col items-center px-1 text-center">
                    <span className={`z-10 mt-1 h-4 w-4 rounded-full ring-4 ring-white ${st.dot}`} />
                    <span className="mt-2 text-xs font-semibold tabular-nums text-slate-900">{day(e.date)}</span>
                    <span className={`mt-0.5 text-xs leading-snug ${st.text}`}>{e.label}</span>
                  </div>
                );
              })}
            </div>
          </div>
          <ol className="mt-4 divide-y divide-slate-100 text-sm" data-testid="brief-timeline-list">
            {events.map((e, i) => (
              <li key={i} className="flex gap-4 py-1.5" data-kind={e.kind}>
                <time dateTime={e.date} className="w-28 shrink-0 font-medium tabular-nums text-slate-900">
                  {day(e.date)}
                </time>
                <span className={EVENT_STYLE[e.kind].text}>{e.label}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </Section>
  );
}

function Inputs({ content }: { content: BriefContent }) {
  const facts = pairsOf(inputsTable(content));
  const assumptionsT = assumptionsTable(content);
  const assumptions = pairsOf(assumptionsT);
  return (
    <Section id="brief-inputs">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[13rem_1fr]" data-testid="brief-inputs">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {assumptions.length > 0 && (
        <>
          <h3 className="mt-5 text-sm font-semibold text-slate-900">{assumptionsT.title}</h3>
          <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[13rem_1fr]" data-testid="brief-assumptions">
            {assumptions.map(([label, value], n) => (
              <div key={n} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd className="text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </Section>
  );
}

const LEDGER_HEAD = ["Demand", "Granted", "Bought", "Drawn", "Overage", "Unserved", "Closing balance", "Cost", "Cumulative cost"];

function LedgerTable({ ledger, currency }: { ledger: BriefLedger; currency: string }) {
  const t = ledger.totals;
  return (
    <details className="group rounded-md ring-1 ring-slate-200 print:break-inside-avoid print:details-content:[content-visibility:visible]" data-testid={`brief-ledger-${ledger.role}`}>
      <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-slate-800">
        {ROLE_LABELS[ledger.role]}: {ledger.scenarioName}
        <span className="ml-2 font-normal text-slate-500">
          {ledger.lines.length} periods, {money(t.cost, currency)}
        </span>
      </summary>
      <ScrollRegion className="border-t border-slate-200">
        <table className="w-full min-w-[56rem] text-xs tabular-nums" aria-label={`Ledger of ${ledger.scenarioName}`}>
          <thead className="bg-slate-50 text-[11px] uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-2 py-2 text-left font-medium">
                Period
              </th>
              {LEDGER_HEAD.map((h) => (
                <th key={h} scope="col" className="px-2 py-2 text-right font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {ledger.lines.map((l) => (
              <tr key={l.start}>
                <th scope="row" className="px-2 py-1.5 text-left font-medium text-slate-700">
                  {periodLabel(l.label)}
                </th>
                <td className="px-2 py-1.5 text-right">{count(l.demandCredits)}</td>
                <td className="px-2 py-1.5 text-right">{count(l.grantedCredits)}</td>
                <td className="px-2 py-1.5 text-right">{count(l.purchasedCredits)}</td>
                <td className="px-2 py-1.5 text-right">{count(l.drawnCredits)}</td>
                <td className="px-2 py-1.5 text-right">{count(l.overageCredits)}</td>
                <td className={`px-2 py-1.5 text-right ${Number(l.unservedCredits) > 0 ? "font-semibold text-red-700" : ""}`}>{count(l.unservedCredits)}</td>
                <td className="px-2 py-1.5 text-right">{count(l.closingCredits)}</td>
                <td className="px-2 py-1.5 text-right">{money(l.cost, currency)}</td>
                <td className="px-2 py-1.5 text-right font-medium text-slate-900">{money(l.cumulativeCost, currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t-2 border-slate-300 bg-slate-50 font-semibold text-slate-900">
            <tr>
              <th scope="row" className="px-2 py-2 text-left">
                Total
              </th>
              <td className="px-2 py-2 text-right">{count(t.demandCredits)}</td>
              <td className="px-2 py-2" />
              <td className="px-2 py-2" />
              <td className="px-2 py-2" />
              <td className="px-2 py-2 text-right">{count(t.overageCredits)}</td>
              <td className="px-2 py-2 text-right">{count(t.unservedCredits)}</td>
              <td className="px-2 py-2" />
              <td className="px-2 py-2 text-right">{money(t.cost, currency)}</td>
              <td className="px-2 py-2" />
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    </details>
  );
}

function Ledgers({ content }: { content: BriefContent }) {
  return (
    <Section id="brief-ledger" avoidBreak={false}>
      {content.ledgers.length === 0 ? (
        <Empty testId="brief-ledger-empty">No ledgers in this brief.</Empty>
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-slate-500">The engine&apos;s ledger on the likely drivers, one row per period. Credits unless marked as money.</p>
          {content.ledgers.map((l, i) => (
            <LedgerTable key={`${l.role}-${i}`} ledger={l} currency={content.currency} />
          ))}
        </div>
      )}
    </Section>
  );
}

// ————————————————————————————————————————————————————————————— the brief

/** The whole brief, section by section, with a table of contents. */
export function BriefView({ content }: { content: BriefContent }) {
  const vendorSafe = content.audience === "vendorSafe";
  const sections = vendorSafe ? BRIEF_SECTIONS.filter((s) => s.id !== "brief-walk-away" && s.id !== "brief-risks") : BRIEF_SECTIONS;
  const signed = signOffsText(content.signOffs);
  return (
    <article className="space-y-6 print:space-y-8" aria-labelledby="brief-title" data-testid="brief-view">
      <header className="space-y-1">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          {content.vendor} · {content.contractName}
        </p>
        <h2 id="brief-title" className="text-2xl font-semibold text-slate-900">
          {content.title}
        </h2>
        <p className="text-sm text-slate-500">
          Version {content.version}, prepared {day(content.preparedOn)}
          {content.preparedBy ? ` by ${content.preparedBy}` : ""}. Figures in {content.currency}.
        </p>
        {signed && (
          <p className="text-sm font-medium text-emerald-800" data-testid="brief-signed-off">
            {signed}.
          </p>
        )}
      </header>
      <nav aria-label="Contents" className="rounded-lg bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200 print:hidden">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Contents</p>
        <ol className="mt-2 grid list-decimal gap-x-8 gap-y-1 pl-5 text-sm sm:grid-cols-2 lg:grid-cols-5">
          {sections.map((s) => (
            <li key={s.id} className="marker:text-slate-400">
              <a href={`#${s.id}`} className="text-indigo-700 hover:underline">
                {s.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <ExecutiveSummary content={content} />
      <CurrentPosition content={content} />
      <Forecast content={content} />
      <Scenarios content={content} />
      <Asks content={content} />
      {!vendorSafe && <WalkAway content={content} />}
      {!vendorSafe && <Risks content={content} />}
      <Timeline content={content} />
      <Inputs content={content} />
      <Ledgers content={content} />
    </article>
  );
}
