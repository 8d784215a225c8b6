"use client";
import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "@/components/charts/chart-frame";
import { PALETTE, axisTick } from "@/components/charts/style";
import { formatCompact, formatDate, formatMoney, formatNumber, plotValue } from "@/components/format";
import type { BurnChartData } from "@/lib/services/burn/chart";
import { formatPeriod } from "./format";

export function BurnCharts({ data, currency, granularity }: { data: BurnChartData; currency: string; granularity: "month" | "week" }) {
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
  const mixRows = data.mix.rows.map((r) => ({ label: r.label, ...Object.fromEntries(data.mix.units.map((u) => [u, plotValue(r.credits[u] ?? null)])) }));
  const tick = (v: string) => formatPeriod(v, granularity);
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
          description={`Observed burn per period, the engine's forecast with its ${data.intervalLevelPct ?? 80}% band, and the credits the allotments grant (in ${unitName})`}
          testId="chart-burn-forecast"
        >
          <ComposedChart data={rows} margin={{ top: 16, right: 16, left: 4, bottom: 0 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={axisTick} tickFormatter={tick} interval="preserveStartEnd" minTickGap={24} />
            <YAxis tick={axisTick} tickFormatter={(v: number) => formatCompact(v)} width={52} />
            <Tooltip
              labelFormatter={(l) => tick(String(l))}
              formatter={(v, name) => (Array.isArray(v) ? [`${fmt(v[0])} – ${fmt(v[1])}`, name] : [fmt(v), name])}
            />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Area type="monotone" dataKey="band" name="Forecast band" stroke="#a5b4fc" strokeWidth={1} fill="#c7d2fe" fillOpacity={0.6} isAnimationActive={false} connectNulls={false} />
            <Bar dataKey="observed" name="Observed burn" fill="#4f46e5" isAnimationActive={false} maxBarSize={28} />
            <Line type="monotone" dataKey="forecast" name="Forecast" stroke="#4338ca" strokeDasharray="5 4" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
            {data.quantity === "credits" && data.hasAllotment && (
              <Line type="stepAfter" dataKey="allotment" name="Allotment granted" stroke="#059669" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
            )}
            {data.exhaustion && (
              <ReferenceLine
                x={data.exhaustion.label}
                stroke="#dc2626"
                strokeDasharray="4 3"
                label={{ value: `Runs out ${formatDate(data.exhaustion.date)}`, position: "insideTopLeft", fill: "#b91c1c", fontSize: 11 }}
              />
            )}
          </ComposedChart>
        </ChartFrame>
      )}
      <ChartFrame heightClass="h-72" title="Skill mix" description="Credits burned per period by metered unit" testId="chart-burn-mix">
        <BarChart data={mixRows} margin={{ top: 16, right: 16, left: 4, bottom: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={axisTick} tickFormatter={tick} interval="preserveStartEnd" minTickGap={24} />
          <YAxis tick={axisTick} tickFormatter={(v: number) => formatCompact(v)} width={52} />
          <Tooltip labelFormatter={(l) => tick(String(l))} formatter={(v) => `${formatNumber(v as number, 2)} credits`} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {data.mix.units.map((u, i) => (
            <Bar key={u} dataKey={u} name={u.length > 40 ? `${u.slice(0, 38)}…` : u} stackId="mix" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} maxBarSize={36} />
          ))}
        </BarChart>
      </ChartFrame>
    </div>
  );
}
