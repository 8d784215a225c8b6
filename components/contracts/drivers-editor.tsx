"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PathScope, TextAt } from "./clauses-editor";
import { setIn } from "./json-path";

type Obj = Record<string, unknown>;

export interface UnitOption {
  id: string;
  name: string;
}

/**
 * Demand drivers as the engine's DriversDoc: licensed seats, activation by month, actions per unit
 * (per active agent per working day, or per month), growth and non-production share.
 */
export function DriversEditor({
  value,
  onChange,
  errors,
  prefix = "drivers.",
  readOnly,
  units,
}: {
  value: Obj;
  onChange: (next: Obj) => void;
  errors: Record<string, string[]>;
  prefix?: string;
  readOnly: boolean;
  units: UnitOption[];
}) {
  const list = (value.units as Obj[] | undefined) ?? [];
  const [activation, setActivation] = useState(((value.activationPctByMonth as unknown[] | undefined) ?? []).join(", "));
  const activationErr = Object.entries(errors)
    .filter(([k]) => k.startsWith(`${prefix}activationPctByMonth`))
    .map(([, v]) => v.join(" "))
    .join(" ");
  return (
    <PathScope value={value} onChange={onChange} errors={errors} prefix={prefix} readOnly={readOnly}>
      <div className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <TextAt label="Licensed seats or agents" path="licensedSeats" optional />
          <label className="block text-sm">
            <span className="font-medium text-slate-700">Activation by month (%)</span>
            <input
              disabled={readOnly}
              value={activation}
              placeholder="e.g. 50, 60, 75 (blank: all active)"
              aria-invalid={activationErr ? true : undefined}
              onChange={(e) => {
                setActivation(e.target.value);
                const parts = e.target.value.split(",").map((s) => s.trim()).filter(Boolean);
                onChange(setIn(value, ["activationPctByMonth"], parts.length ? parts : undefined));
              }}
              className="mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 aria-[invalid=true]:ring-red-500 disabled:bg-slate-50"
            />
            {activationErr && <span className="mt-1 block text-xs text-red-600">{activationErr}</span>}
          </label>
          <TextAt label="Monthly growth (%)" path="monthlyGrowthPct" optional />
          <TextAt label="Non-production share (%)" path="nonProductionPct" optional />
        </div>
        {list.map((u, i) => {
          const basis = u.actionsPerMonth !== undefined ? "perMonth" : "perAgentDay";
          const err = errors[`${prefix}units.${i}.unit`]?.join(" ") ?? errors[`${prefix}units.${i}`]?.join(" ");
          return (
            <div key={i} className="grid items-end gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-2 lg:grid-cols-4">
              <label className="block text-sm">
                <span className="font-medium text-slate-700">Driver {i + 1} unit</span>
                <select
                  disabled={readOnly}
                  value={String(u.unit ?? "")}
                  aria-invalid={err ? true : undefined}
                  onChange={(e) => onChange(setIn(value, ["units", i, "unit"], e.target.value))}
                  className="mt-1 block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 aria-[invalid=true]:ring-red-500 disabled:bg-slate-50"
                >
                  {!units.some((x) => x.id === u.unit) && <option value={String(u.unit ?? "")}>{String(u.unit ?? "")} (not on the rate card)</option>}
                  {units.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name} ({x.id})
                    </option>
                  ))}
                </select>
                {err && <span className="mt-1 block text-xs text-red-600">{err}</span>}
              </label>
              <label className="block text-sm">
                <span className="font-medium text-slate-700">Driver {i + 1} basis</span>
                <select
                  disabled={readOnly}
                  value={basis}
                  onChange={(e) => {
                    const amount = u.actionsPerMonth ?? u.actionsPerActiveAgentPerDay ?? "";
                    const next = e.target.value === "perMonth" ? { unit: u.unit, actionsPerMonth: amount } : { unit: u.unit, actionsPerActiveAgentPerDay: amount };
                    onChange(setIn(value, ["units", i], next));
                  }}
                  className="mt-1 block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 disabled:bg-slate-50"
                >
                  <option value="perAgentDay">Actions per active agent per working day</option>
                  <option value="perMonth">Actions per month (estate-wide)</option>
                </select>
              </label>
              {basis === "perMonth" ? <TextAt label={`Driver ${i + 1} actions per month`} path={`units.${i}.actionsPerMonth`} /> : <TextAt label={`Driver ${i + 1} actions per agent per day`} path={`units.${i}.actionsPerActiveAgentPerDay`} />}
              {!readOnly && (
                <Button type="button" variant="ghost" className="text-red-700" onClick={() => onChange(setIn(value, ["units", i], undefined))} aria-label={`Remove driver ${i + 1}`}>
                  Remove
                </Button>
              )}
            </div>
          );
        })}
        {!readOnly && (
          <Button type="button" variant="secondary" onClick={() => onChange(setIn(value, ["units"], [...list, { unit: units[0]?.id ?? "", actionsPerActiveAgentPerDay: "" }]))}>
            Add unit driver
          </Button>
        )}
      </div>
    </PathScope>
  );
}
