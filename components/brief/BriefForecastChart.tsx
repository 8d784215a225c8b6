"use client";
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { money, ROLE_LABELS, periodLabel } from "@/lib/brief/format";
import type { CostPercentiles, ForecastPoint, ScenarioRole } from "@/lib/brief/types";
import { axisTick, compactMoney, plot, ROLE_STYLE } from "./chart-common";

type Row = { label: string; point: ForecastPoint } & Record<`${ScenarioRole}Band`, [number, number] | null> & Record<`${ScenarioRole}P50`, number | null>;

function percentiles(point: ForecastPoint, role: ScenarioRole): CostPercentiles | null {
  return role === "walkAway" ? point.walkAway : point[role];
}

function band(c: CostPercentiles | null): [number, number] | null {
  const low = plot(c?.p10);
  const high = plot(c?.p90);
  return low !== null && high !== null ? [low, high] : null;
}

/** The roles the forecast carries: vendor and asks always, walk-away when any point has it. */
export function forecastRoles(points: ForecastPoint[]): ScenarioRole[] {
  return points.some((p) => p.walkAway !== null) ? ["vendor", "asks", "walkAway"] : ["vendor", "asks"];
}

function ForecastTooltip({ active, row, currency, roles }: { active: boolean | undefined; row: Row | undefined; currency: string; roles: ScenarioRole[] }) {
  if (!active || !row) return null;
  return (
    <div className="rounded-md bg-white px-3 py-2 text-xs shadow-md ring-1 ring-slate-200">
      <p className="mb-1 font-semibold text-slate-900">{row.label}</p>
      <table className="tabular-nums">
        <tbody>
          {roles.map((role) => {
            const c = percentiles(row.point, role);
            return (
              <tr key={role}>
                <th scope="row" className="pr-3 text-left font-medium text-slate-600">
                  {ROLE_LABELS[role]}
                </th>
                <td className="text-right font-semibold text-slate-900">{money(c?.p50, currency)}</td>
                <td className="pl-2 text-right text-slate-500">
                  {money(c?.p10, currency)} – {money(c?.p90, currency)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The legend's sample: the band's fill with the P50 line's stroke and dash over it. */
function LegendGlyph({ role }: { role: ScenarioRole }) {
  const st = ROLE_STYLE[role];
  return (
    <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" className="shrink-0">
      <rect x="0" y="1" width="28" height="10" fill={st.band} fillOpacity={0.7} />
      <line x1="0" y1="6" x2="28" y2="6" stroke={st.main} strokeWidth="2" strokeDasharray={st.dash} />
    </svg>
  );
}

/**
 * Cumulative cost over the forecast horizon: per scenario role the P10–P90 band shaded and the P50
 * as a line. The chart itself is hidden from screen readers; a visually hidden table carries every
 * figure instead.
 */
export function BriefForecastChart({ points, currency }: { points: ForecastPoint[]; currency: string }) {
  const roles = forecastRoles(points);
  const rows: Row[] = points.map((point) => ({
    label: periodLabel(point.label),
    point,
    vendorBand: band(point.vendor),
    vendorP50: plot(point.vendor.p50),
    asksBand: band(point.asks),
    asksP50: plot(point.asks.p50),
    walkAwayBand: band(point.walkAway),
    walkAwayP50: plot(point.walkAway?.p50),
  }));
  const last = points[points.length - 1];
  return (
    <figure className="rounded-md bg-white p-3 ring-1 ring-slate-200 print:break-inside-avoid" data-testid="brief-forecast-chart">
      <figcaption className="mb-2">
        <p className="text-sm font-semibold text-slate-900">Cumulative cost over the horizon</p>
        <p className="text-xs text-slate-500">Shaded: P10 to P90 of the simulated paths; line: P50. In {currency}.</p>
      </figcaption>
      <div className="h-72 w-full overflow-hidden print:h-64" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 8, right: 16, left: 4, bottom: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={axisTick} interval="preserveStartEnd" minTickGap={16} />
            <YAxis tick={axisTick} tickFormatter={(v: number) => compactMoney(v, currency)} width={60} />
            <Tooltip
              content={({ active, payload }) => (
                <ForecastTooltip active={active} row={payload?.[0]?.payload as Row | undefined} currency={currency} roles={roles} />
              )}
            />
            {roles.map((role) => (
              <Area
                key={`${role}-band`}
                type="monotone"
                dataKey={`${role}Band`}
                name={`${ROLE_LABELS[role]} P10–P90`}
                stroke="none"
                fill={ROLE_STYLE[role].band}
                fillOpacity={0.45}
                isAnimationActive={false}
                connectNulls={false}
                activeDot={false}
              />
            ))}
            {roles.map((role) => (
              <Line
                key={`${role}-p50`}
                type="monotone"
                dataKey={`${role}P50`}
                name={`${ROLE_LABELS[role]} P50`}
                stroke={ROLE_STYLE[role].main}
                strokeDasharray={ROLE_STYLE[role].dash}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ul className="mt-2 space-y-1 text-xs text-slate-700" data-testid="brief-forecast-legend">
        {roles.map((role) => {
          const c = last ? percentiles(last, role) : null;
          return (
            <li key={role} className="flex items-center gap-2">
              <LegendGlyph role={role} />
              <span>
                <span className="font-semibold text-slate-900">{ROLE_LABELS[role]}</span>
                {last && (
                  <>
                    {" "}
                    by {periodLabel(last.label)}: <span className="font-semibold tabular-nums text-slate-900">{money(c?.p50, currency)}</span> at P50 (P10{" "}
                    <span className="tabular-nums">{money(c?.p10, currency)}</span>, P90 <span className="tabular-nums">{money(c?.p90, currency)}</span>)
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="sr-only">
        <table>
          <caption>Cumulative cost by period, in {currency}, at P10, P50 and P90</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              {roles.flatMap((role) =>
                (["p10", "p50", "p90"] as const).map((p) => (
                  <th key={`${role}-${p}`} scope="col">
                    {ROLE_LABELS[role]} {p.toUpperCase()}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.start}>
                <th scope="row">{periodLabel(point.label)}</th>
                {roles.flatMap((role) => {
                  const c = percentiles(point, role);
                  return (["p10", "p50", "p90"] as const).map((p) => <td key={`${role}-${p}`}>{money(c?.[p], currency)}</td>);
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
