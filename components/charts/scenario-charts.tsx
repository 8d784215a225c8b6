"use client";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "@/components/charts/chart-frame";
import { PALETTE, axisTick } from "@/components/charts/style";
import { formatCompact, formatDate, formatMoney, formatNumber, plotValue } from "@/components/format";
import type { ChartRow } from "@/components/scenarios/view-model";



function ExhaustionLine({ at }: { at: { label: string; date: string } | null }) {
  if (!at) return null;
  return <ReferenceLine x={at.label} stroke="#dc2626" strokeDasharray="4 3" label={{ value: `Runs out ${formatDate(at.date)}`, position: "insideTopLeft", fill: "#b91c1c", fontSize: 11 }} />;
}

/** Cumulative cost over the term, and the credit balance against what the allotments grant. */
export function CostAndBalanceCharts({ rows, currency, exhaustion }: { rows: ChartRow[]; currency: string; exhaustion: { label: string; date: string } | null }) {
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
      <ChartFrame title="Cumulative cost" description={`Everything billed so far, in ${currency}`} testId="chart-cumulative-cost">
        <AreaChart data={data} margin={{ top: 8, right: 12, left: 4, bottom: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={axisTick} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tick={axisTick} tickFormatter={(v: number) => formatCompact(v)} width={48} />
          <Tooltip formatter={(v) => money(v)} />
          <Area type="monotone" dataKey="cumulativeCost" name="Cumulative cost" stroke="#4f46e5" fill="#c7d2fe" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
          <ExhaustionLine at={exhaustion} />
        </AreaChart>
      </ChartFrame>
      <ChartFrame title="Balance vs allotment" description="Credits granted and bought per period, demand, and the balance left at period end" testId="chart-balance">
        <ComposedChart data={data} margin={{ top: 8, right: 12, left: 4, bottom: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={axisTick} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tick={axisTick} tickFormatter={(v: number) => formatCompact(v)} width={48} />
          <Tooltip formatter={(v) => `${formatNumber(v as number, 0)} credits`} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="granted" name="Granted (allotment)" stackId="in" fill="#a5b4fc" isAnimationActive={false} />
          <Bar dataKey="purchased" name="Bought (packs)" stackId="in" fill="#fcd34d" isAnimationActive={false} />
          <Line type="monotone" dataKey="demand" name="Demand" stroke="#0f172a" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="closing" name="Closing balance" stroke="#059669" strokeWidth={2} dot={false} isAnimationActive={false} />
          <ExhaustionLine at={exhaustion} />
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
        <XAxis dataKey="label" tick={axisTick} interval="preserveStartEnd" minTickGap={16} />
        <YAxis tick={axisTick} tickFormatter={(v: number) => formatCompact(v)} width={48} />
        <Tooltip formatter={(v) => `${formatNumber(v as number, 0)} credits`} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
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
        <XAxis dataKey="label" tick={axisTick} interval="preserveStartEnd" minTickGap={16} />
        <YAxis tick={axisTick} tickFormatter={(v: number) => formatCompact(v)} width={48} />
        <Tooltip formatter={(v) => formatMoney(v === null || v === undefined ? null : String(v), currency, 0)} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {series.map((s, j) => (
          <Line key={j} type="monotone" dataKey={`s${j}`} name={s.name} stroke={PALETTE[j % PALETTE.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
