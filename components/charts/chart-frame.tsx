"use client";
import { ResponsiveContainer } from "recharts";

/** A chart with its title and description, filling a box of fixed height. */
export function ChartFrame({
  title,
  description,
  children,
  testId,
  heightClass = "h-64",
}: {
  title: string;
  description: string;
  children: React.ReactNode;
  testId: string;
  heightClass?: string;
}) {
  return (
    <figure className="min-w-0 rounded-md bg-white p-3 ring-1 ring-slate-200" data-testid={testId}>
      <figcaption className="mb-2">
        <p className="text-sm font-semibold text-slate-900">{title}</p>
        <p className="text-xs text-slate-500">{description}</p>
      </figcaption>
      <div className={`${heightClass} w-full`}>
        <ResponsiveContainer width="100%" height="100%">
          {children as React.ReactElement}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** Legend entries in text colour (a series' own colour, pale yellow or lilac, is hard to read as text). */
export const legendProps = {
  wrapperStyle: { fontSize: 11 },
  formatter: (value: string) => <span style={{ color: "#334155" }}>{value}</span>,
};
