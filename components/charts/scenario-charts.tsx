"use client";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame, legendProps } from "@/components/charts/chart-frame";
import { PALETTE, axisTick } from "@/components/charts/style";
import { formatCompact, formatDate, formatMoney, formatNumber, periodLabel, plotValue } from "@/components/format";
import type { ChartRow } from "@/components/scenarios/view-model";

/** A period label ("2026-04", "2026-W14") on an axis or in a tooltip: "Apr 2026". */
export const periodTick = periodLabel;

/** The run-out marker, in the past tense once the date has passed. */
export function ExhaustionLine({ at, today }: { at: { label: string; date: string } | null; today?: string }) {
  if (!at) return null;
  const verb = today && at.date <= today ? "Ran out" : "Runs out";
  return <ReferenceLine x={at.label} stroke="#dc2626" strokeDasharray="4 3" label={{ value: `${verb} ${formatDate(at.date)}`, position: "insideTopLeft", fill: "#b91c1c", fontSize: 11 }} />;
}

/** Cumulative cost over the term, and the credit balance against what the allotments grant. */
export function CostAndBalanceCharts({ rows, currency, exhaustion, today }: { rows: ChartRow[]; currency: string; exhaustion: { label: string; date: string } | null; today?: string }) {
  const data = rows.map((r) => ({
    label: r.label,
    cumulativeCost: plotValue(r.cumulativeCost),
    granted: plotValue(r.granted),
    purchased: plotValue(r.purchased),
    closing: plotValue(r.closing),
    demand: plotValue(r.demand),
  }));
  const money = (v: unknown) => formatMoney(v === null || v === undefined ? null : String(v), currency, 0);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {rows.every((r) => r.cumulativeCost === null) ? (
        <div className="rounded-md p-4 text-sm text-slate-600 ring-1 ring-slate-200" data-testid="chart-cumulative-cost">
          <p className="font-semibold text-slate-900">Cumulative cost</p>
          <p className="mt-1">No money to chart: the price of a credit is not set. Pin a price or set a committed price under Terms.</p>
        </div>
      ) : (
      <ChartFrame title="Cumulative cost" description={`Everything billed from the term start, in ${currency}`} testId="chart-cumulative-cost">
        <AreaChart data={data} margin={{ top: 8, right: 12, left: 4, bottom: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={axisTick} tickFormatter={periodTick} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tick={axisTick} tickFormatter={(v: number) => formatCompact(v)} width={56} label={{ value: currency, angle: -90, position: "insideLeft", fontSize: 11, fill: "#64748b" }} />
          <Tooltip labelFormatter={(l) => periodTick(String(l))} formatter={(v) => money(v)} />
          <Area type="monotone" dataKey="cumulativeCost" name="Cumulative cost" stroke="#4f46e5" fill="#c7d2fe" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
          <ExhaustionLine at={exhaustion} today={today} />
        </AreaChart>
      </ChartFrame>
      )}
      <ChartFrame title="Balance vs allotment" description="Credits granted and bought per period, demand, and the balance left at period end" testId="chart-balance">
        <ComposedChart data={data} margin={{ top: 8, right: 12, left: 4, bottom: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={axisTick} tickFormatter={periodTick} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tick={axisTick} tickFormatter={(v: number) => formatCompact(v)} width={56} label={{ value: "credits", angle: -90, position: "insideLeft", fontSize: 11, fill: "#64748b" }} />
          <Tooltip labelFormatter={(l) => periodTick(String(l))} formatter={(v) => `${formatNumber(v as number, 0)} credits`} />
          <Legend {...legendProps} />
          <Bar dataKey="granted" name="Granted (allotment)" stackId="in" fill="#a5b4fc" isAnimationActive={false} />
          <Bar dataKey="purchased" name="Bought (packs)" stackId="in" fill="#fcd34d" isAnimationActive={false} />
          <Line type="monotone" dataKey="demand" name="Demand" stroke="#0f172a" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="closing" name="Closing balance" stroke="#059669" strokeWidth={2} dot={false} isAnimationActive={false} />
          <ExhaustionLine at={exhaustion} today={today} />
        </ComposedChart>
      </ChartFrame>
    </div>
  );
}

/** Credits demanded per period, stacked by metered unit: the skill mix. */
export function SkillMixChart({ rows, units }: { rows: ChartRow[]; units: { id: string; name: string }[] }) {
  const ids = [...new Set(rows.flatMap((r) => Object.keys(r.byUnit)))];
  const hasDirect = rows.some((r) => Number(r.direct) > 0);
  const data = rows.map((r) => ({ label: r.label, ...Object.fromEntries(ids.map((id) => [id, plotValue(r.byUnit[id])])), ...(hasDirect ? { direct: plotValue(r.direct) } : {}) }));
  const name = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  return (
    <ChartFrame title="Credits demanded by unit" description="The skill mix: how each metered unit adds to demand per period" testId="chart-skill-mix">
      <BarChart data={data} margin={{ top: 8, right: 12, left: 4, bottom: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tick={axisTick} tickFormatter={periodTick} interval="preserveStartEnd" minTickGap={16} />
        <YAxis tick={axisTick} tickFormatter={(v: number) => formatCompact(v)} width={56} label={{ value: "credits", angle: -90, position: "insideLeft", fontSize: 11, fill: "#64748b" }} />
        <Tooltip labelFormatter={(l) => periodTick(String(l))} formatter={(v) => `${formatNumber(v as number, 0)} credits`} />
        <Legend {...legendProps} />
        {ids.map((id, i) => (
          <Bar key={id} dataKey={id} name={name(id)} stackId="mix" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
        ))}
        {hasDirect && <Bar dataKey="direct" name="Observed trend (no unit split)" stackId="mix" fill="#94a3b8" isAnimationActive={false} />}
      </BarChart>
    </ChartFrame>
  );
}

/** Cumulative cost of several scenarios on one axis. */
export function CompareCostChart({ series, currency }: { series: { name: string; rows: ChartRow[] }[]; currency: string }) {
  const labels = series[0]?.rows.map((r) => r.label) ?? [];
  const data = labels.map((label, i) => ({ label, ...Object.fromEntries(series.map((s, j) => [`s${j}`, plotValue(s.rows[i]?.cumulativeCost)])) }));
  return (
    <ChartFrame title="Cumulative cost by scenario" description={`In ${currency}`} testId="chart-compare">
      <LineChart data={data} margin={{ top: 8, right: 12, left: 4, bottom: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tick={axisTick} tickFormatter={periodTick} interval="preserveStartEnd" minTickGap={16} />
        <YAxis tick={axisTick} tickFormatter={(v: number) => formatCompact(v)} width={56} label={{ value: currency, angle: -90, position: "insideLeft", fontSize: 11, fill: "#64748b" }} />
        <Tooltip labelFormatter={(l) => periodTick(String(l))} formatter={(v) => formatMoney(v === null || v === undefined ? null : String(v), currency, 0)} />
        <Legend {...legendProps} />
        {series.map((s, j) => (
          <Line key={j} type="monotone" dataKey={`s${j}`} name={s.name} stroke={PALETTE[j % PALETTE.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
