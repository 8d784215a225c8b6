"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { count, money, periodLabel } from "@/lib/brief/format";
import { axisTick, compactCount, compactMoney, plot } from "./chart-common";

type Observed = { label: string; start: string; value: string };
type Row = { label: string; value: number | null; text: string };

/** Observed burn per period as small bars; a visually hidden table carries the figures. */
export function BurnBars({ observed, quantity, currency }: { observed: Observed[]; quantity: "credits" | "amount"; currency: string }) {
  const text = (v: string) => (quantity === "amount" ? money(v, currency) : `${count(v)} credits`);
  const rows: Row[] = observed.map((o) => ({ label: periodLabel(o.label), value: plot(o.value), text: text(o.value) }));
  return (
    <figure className="min-w-0 rounded-md bg-white p-3 ring-1 ring-slate-200 print:break-inside-avoid" data-testid="brief-burn-bars">
      <figcaption className="mb-1 text-xs font-semibold text-slate-700">Observed burn per period{quantity === "amount" ? ` (${currency})` : " (credits)"}</figcaption>
      <div className="h-40 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 4, right: 8, left: 0, bottom: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={axisTick} interval="preserveStartEnd" minTickGap={12} />
            <YAxis tick={axisTick} tickFormatter={(v: number) => (quantity === "amount" ? compactMoney(v, currency) : compactCount(v))} width={48} />
            <Tooltip
              cursor={{ fill: "#f1f5f9" }}
              content={({ active, payload }) => {
                const row = payload?.[0]?.payload as Row | undefined;
                if (!active || !row) return null;
                return (
                  <div className="rounded-md bg-white px-2 py-1 text-xs shadow-md ring-1 ring-slate-200">
                    <span className="font-semibold text-slate-900">{row.label}</span> <span className="tabular-nums text-slate-700">{row.text}</span>
                  </div>
                );
              }}
            />
            <Bar dataKey="value" name="Observed burn" fill="#4f46e5" isAnimationActive={false} maxBarSize={28} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="sr-only">
        <table>
          <caption>Observed burn per period</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Burn</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={observed[i]?.start ?? i}>
                <th scope="row">{r.label}</th>
                <td>{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
