"use client";
import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame, legendProps } from "@/components/charts/chart-frame";
import { ExhaustionLine } from "@/components/charts/scenario-charts";
import { PALETTE, axisTick } from "@/components/charts/style";
import { formatCompact, formatMoney, formatNumber, plotValue } from "@/components/format";
import type { BurnChartData } from "@/lib/services/burn/chart";
import { BASIS_LABEL } from "@/lib/services/forecast/types";
import { formatPeriod } from "./format";

/**
 * How far up the axis goes: the observed burn, the forecast line and the allotment stay readable,
 * and a wide prediction band is cut at the top rather than flattening everything under it.
 */
function axisTop(rows: { observed: number | null; forecast: number | null; allotment: number | null }[]): number {
  const m = Math.max(0, ...rows.flatMap((r) => [r.observed ?? 0, r.forecast ?? 0, r.allotment ?? 0]));
  return m > 0 ? m * 1.3 : 1;
}

export function BurnCharts({ data, currency, granularity, today }: { data: BurnChartData; currency: string; granularity: "month" | "week"; today: string }) {
  const unitName = data.quantity === "amount" ? currency : "credits";
  const fmt = (v: unknown) => (data.quantity === "amount" ? formatMoney(v == null ? null : String(v), currency, 0) : `${formatNumber(v as number, 0)} credits`);
  const rows = data.points.map((p) => {
    const low = plotValue(p.low);
    const high = plotValue(p.high);
    return {
      label: p.label,
      observed: plotValue(p.observed),
      forecast: plotValue(p.point),
      band: low !== null && high !== null ? [low, high] : null,
      allotment: data.quantity === "credits" ? plotValue(p.allotment) : null,
    };
  });
  const top = axisTop(rows);
  const clipped = rows.some((r) => r.band && r.band[1]! > top);
  const mixRows = data.mix.rows.map((r) => ({ label: r.label, ...Object.fromEntries(data.mix.units.map((u) => [u, plotValue(r.credits[u] ?? null)])) }));
  const tick = (v: string) => formatPeriod(v, granularity);
  const basis = data.basis ? BASIS_LABEL[data.basis].toLowerCase() : "";
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      {data.quantity === null ? (
        <div className="rounded-md p-4 text-sm text-slate-600 ring-1 ring-slate-200" data-testid="chart-burn-forecast">
          <p className="font-semibold text-slate-900">Burn against allotment</p>
          <p className="mt-1">{data.forecastMessage}</p>
        </div>
      ) : (
        <ChartFrame
          heightClass="h-72"
          title="Burn against allotment"
          description={`Observed burn per period and the forecast of record (${basis})${data.intervalLevelPct ? ` with its ${data.intervalLevelPct}% band` : ""} to the term's end, and the credits the allotments grant, in ${unitName}${clipped ? ". The band is cut at the top of the axis." : ""}`}
          testId="chart-burn-forecast"
        >
          <ComposedChart data={rows} margin={{ top: 16, right: 16, left: 4, bottom: 0 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={axisTick} tickFormatter={tick} interval="preserveStartEnd" minTickGap={24} />
            <YAxis
              tick={axisTick}
              tickFormatter={(v: number) => formatCompact(v)}
              width={56}
              domain={[0, top]}
              allowDataOverflow
              label={{ value: unitName, angle: -90, position: "insideLeft", fontSize: 11, fill: "#64748b" }}
            />
            <Tooltip labelFormatter={(l) => tick(String(l))} formatter={(v, name) => (Array.isArray(v) ? [`${fmt(v[0])} – ${fmt(v[1])}`, name] : [fmt(v), name])} />
            <Legend {...legendProps} />
            {data.intervalLevelPct !== null && (
              <Area type="monotone" dataKey="band" name={`Forecast band (${data.intervalLevelPct}%)`} stroke="#a5b4fc" strokeWidth={1} fill="#c7d2fe" fillOpacity={0.5} isAnimationActive={false} connectNulls={false} />
            )}
            <Bar dataKey="observed" name="Observed burn" fill="#4f46e5" isAnimationActive={false} maxBarSize={28} />
            <Line type="monotone" dataKey="forecast" name="Forecast of record" stroke="#c2410c" strokeDasharray="5 4" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
            {data.quantity === "credits" && data.hasAllotment && (
              <Line type="stepAfter" dataKey="allotment" name="Allotment granted" stroke="#059669" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
            )}
            <ExhaustionLine at={data.exhaustion} today={today} />
          </ComposedChart>
        </ChartFrame>
      )}
      <ChartFrame heightClass="h-72" title="Skill mix" description="Credits burned per period by metered unit, as the rate card names them" testId="chart-burn-mix">
        <BarChart data={mixRows} margin={{ top: 16, right: 16, left: 4, bottom: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={axisTick} tickFormatter={tick} interval="preserveStartEnd" minTickGap={24} />
          <YAxis tick={axisTick} tickFormatter={(v: number) => formatCompact(v)} width={56} label={{ value: "credits", angle: -90, position: "insideLeft", fontSize: 11, fill: "#64748b" }} />
          <Tooltip labelFormatter={(l) => tick(String(l))} formatter={(v) => `${formatNumber(v as number, 2)} credits`} />
          <Legend {...legendProps} />
          {data.mix.units.map((u, i) => {
            const name = data.mix.names[u] ?? u;
            return <Bar key={u} dataKey={u} name={name.length > 40 ? `${name.slice(0, 38)}…` : name} stackId="mix" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} maxBarSize={36} />;
          })}
        </BarChart>
      </ChartFrame>
    </div>
  );
}
