"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { getIn, parsePath, setIn } from "./json-path";

type Obj = Record<string, unknown>;
type Range = { low: unknown; likely: unknown; high: unknown };

export interface UnitOption {
  id: string;
  name: string;
}

const inputClass =
  "mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-500 disabled:bg-slate-50 disabled:text-slate-600";

const isRange = (v: unknown): v is Range => typeof v === "object" && v !== null && "likely" in v;

/**
 * What a typed number is stored as: a JSON number when it is one (numbers stay numbers through
 * save, export and import), the text as typed otherwise, so that the engine's schema names it.
 */
export function numberOrText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : t;
}

function shown(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number" || typeof v === "string") return String(v);
  return "";
}

/** A number field that keeps what is being typed ("1.", "-") while storing the number it means. */
function NumberField({ label, value, onChange, error, readOnly, hint, srLabel }: { label: string; value: unknown; onChange: (v: number | string | undefined) => void; error?: string | undefined; readOnly: boolean; hint?: string; srLabel?: string }) {
  const [text, setText] = useState(shown(value));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (numberOrText(text) !== value) setText(shown(value));
  }
  return (
    <label className="block text-sm">
      <span className={srLabel ? "sr-only" : "font-medium text-slate-700"}>{srLabel ?? label}</span>
      {srLabel && (
        <span className="text-xs font-medium text-slate-600" aria-hidden>
          {label}
        </span>
      )}
      <input
        inputMode="decimal"
        disabled={readOnly}
        value={text}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const v = numberOrText(e.target.value);
          setSeen(v);
          onChange(v);
        }}
        className={inputClass}
      />
      {error ? <span className="mt-1 block text-xs text-red-600">{error}</span> : hint ? <span className="mt-1 block text-xs text-slate-500">{hint}</span> : null}
    </label>
  );
}

/** Errors at a path and under it ("drivers.activationPctByMonth.0" and "….0.low"), joined. */
function errorsUnder(errors: Record<string, string[]>, key: string): string | undefined {
  const found = Object.entries(errors)
    .filter(([k]) => k === key || k.startsWith(`${key}.`))
    .map(([k, v]) => (k === key ? v.join(" ") : `${k.slice(key.length + 1)}: ${v.join(" ")}`));
  return found.length ? found.join(" ") : undefined;
}

/**
 * A driver that may be uncertain: one value, or a low / likely / high range (Monte Carlo samples
 * the range; the deterministic forecast uses the likely value).
 */
function UncertainField({ label, value, onChange, errorKey, errors, readOnly, unit, optional }: { label: string; value: unknown; onChange: (v: unknown) => void; errorKey: string; errors: Record<string, string[]>; readOnly: boolean; unit?: string; optional?: boolean }) {
  const error = errorsUnder(errors, errorKey);
  const suffix = unit ? ` (${unit})` : "";
  if (isRange(value)) {
    const set = (k: keyof Range) => (v: unknown) => onChange({ ...value, [k]: v });
    return (
      <fieldset className="text-sm">
        <legend className="font-medium text-slate-700">{label}{suffix}</legend>
        <div className="mt-1 grid grid-cols-3 gap-2">
          <NumberField label="Low" srLabel={`${label} low${suffix}`} value={value.low} onChange={set("low")} readOnly={readOnly} />
          <NumberField label="Likely" srLabel={`${label} likely${suffix}`} value={value.likely} onChange={set("likely")} readOnly={readOnly} />
          <NumberField label="High" srLabel={`${label} high${suffix}`} value={value.high} onChange={set("high")} readOnly={readOnly} />
        </div>
        {error && <span className="mt-1 block text-xs text-red-600">{error}</span>}
        {!readOnly && (
          <button type="button" className="mt-1 text-xs font-medium text-indigo-700 hover:underline" onClick={() => onChange(value.likely)}>
            Use one value
          </button>
        )}
      </fieldset>
    );
  }
  return (
    <div>
      <NumberField label={`${label}${suffix}`} value={value} onChange={(v) => onChange(v === undefined && !optional ? "" : v)} error={error} readOnly={readOnly} />
      {!readOnly && (
        <button type="button" className="mt-1 text-xs font-medium text-indigo-700 hover:underline" aria-label={`Give ${label} a low / likely / high range`} onClick={() => onChange({ low: value ?? "", likely: value ?? "", high: value ?? "" })}>
          Give a range
        </button>
      )}
    </div>
  );
}

/**
 * Demand drivers as the engine's DriversDoc, each shown as what it is: seats and go-live, an
 * activation schedule by month, growth, non-production share, a ramp, and actions per unit (per
 * active agent per working day, or per month) with an optional volume multiplier; any of the
 * uncertain ones with a low / likely / high range.
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
  const at = (path: string) => getIn(value, parsePath(path));
  const put = (path: string, v: unknown) => onChange(setIn(value, parsePath(path), v));
  const err = (path: string) => errorsUnder(errors, `${prefix}${path}`);
  const list = (value.units as Obj[] | undefined) ?? [];
  const activation = (value.activationPctByMonth as unknown[] | undefined) ?? [];
  const ramp = value.ramp as Obj | undefined;
  const rampKind = !ramp ? "" : ramp.belowSteadyStatePctByMonth !== undefined ? "byMonth" : "flat";
  const rampByMonth = (ramp?.belowSteadyStatePctByMonth as unknown[] | undefined) ?? [];
  const unitName = (id: unknown) => units.find((u) => u.id === id)?.name ?? String(id ?? "");
  return (
    <div className="space-y-5">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <NumberField label="Licensed seats or agents" value={at("licensedSeats")} onChange={(v) => put("licensedSeats", v)} error={err("licensedSeats")} readOnly={readOnly} hint="Needed by actions per active agent." />
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Go-live (month 1)</span>
          <input
            type="date"
            disabled={readOnly}
            value={typeof value.start === "string" ? value.start : ""}
            aria-invalid={err("start") ? true : undefined}
            onChange={(e) => put("start", e.target.value === "" ? undefined : e.target.value)}
            className={inputClass}
          />
          {err("start") ? <span className="mt-1 block text-xs text-red-600">{err("start")}</span> : <span className="mt-1 block text-xs text-slate-500">Month 1 of activation, ramp and growth. Empty: the term start.</span>}
        </label>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-800">Activation by month (% of seats active)</legend>
        {activation.length === 0 ? (
          <p className="text-sm text-slate-500">No schedule: every licensed seat is active from month 1.</p>
        ) : (
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="activation-schedule">
            {activation.map((v, i) => (
              <div key={i} className="rounded-md bg-slate-50 p-2 ring-1 ring-inset ring-slate-200">
                <UncertainField label={`Month ${i + 1} activation`} unit="%" value={v} onChange={(x) => put(`activationPctByMonth.${i}`, x)} errorKey={`${prefix}activationPctByMonth.${i}`} errors={errors} readOnly={readOnly} />
              </div>
            ))}
          </div>
        )}
        {activation.length > 0 && <p className="text-xs text-slate-500">The last month&apos;s share holds for the rest of the term.</p>}
        {err("activationPctByMonth") && !activation.some((_, i) => err(`activationPctByMonth.${i}`)) && <p className="text-xs text-red-600">{err("activationPctByMonth")}</p>}
        {!readOnly && (
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={() => put("activationPctByMonth", [...activation, isRange(activation.at(-1)) ? { ...(activation.at(-1) as Range) } : (activation.at(-1) ?? 100)])}>
              Add a month
            </Button>
            {activation.length > 0 && (
              <Button type="button" variant="ghost" onClick={() => put("activationPctByMonth", activation.length > 1 ? activation.slice(0, -1) : undefined)}>
                Remove month {activation.length}
              </Button>
            )}
          </div>
        )}
      </fieldset>

      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <UncertainField label="Monthly growth" unit="%" value={at("monthlyGrowthPct")} onChange={(x) => put("monthlyGrowthPct", x)} errorKey={`${prefix}monthlyGrowthPct`} errors={errors} readOnly={readOnly} optional />
        <UncertainField label="Non-production share" unit="%" value={at("nonProductionPct")} onChange={(x) => put("nonProductionPct", x)} errorKey={`${prefix}nonProductionPct`} errors={errors} readOnly={readOnly} optional />
        <div className="space-y-2">
          <label className="block text-sm">
            <span className="font-medium text-slate-700">Ramp after go-live</span>
            <select aria-label="Ramp after go-live"
              disabled={readOnly}
              value={rampKind}
              onChange={(e) => put("ramp", e.target.value === "" ? undefined : e.target.value === "flat" ? { months: 2, belowSteadyStatePct: 35 } : { belowSteadyStatePctByMonth: [40, 30] })}
              className={`${inputClass} bg-white`}
            >
              <option value="">None: steady state from month 1</option>
              <option value="flat">First months below steady state by one share</option>
              <option value="byMonth">A share below steady state for each month</option>
            </select>
          </label>
          {rampKind === "flat" && (
            <div className="grid grid-cols-2 gap-2">
              <NumberField label="Months" value={ramp?.months} onChange={(v) => put("ramp.months", v)} error={err("ramp.months")} readOnly={readOnly} />
              <NumberField label="Below steady state (%)" value={ramp?.belowSteadyStatePct} onChange={(v) => put("ramp.belowSteadyStatePct", v)} error={err("ramp.belowSteadyStatePct")} readOnly={readOnly} />
            </div>
          )}
          {rampKind === "byMonth" && (
            <div className="grid grid-cols-3 gap-2">
              {rampByMonth.map((v, i) => (
                <NumberField key={i} label={`Month ${i + 1} below (%)`} value={v} onChange={(x) => put(`ramp.belowSteadyStatePctByMonth.${i}`, x ?? "")} error={err(`ramp.belowSteadyStatePctByMonth.${i}`)} readOnly={readOnly} />
              ))}
              {!readOnly && (
                <div className="col-span-3 flex gap-2">
                  <Button type="button" variant="ghost" onClick={() => put("ramp.belowSteadyStatePctByMonth", [...rampByMonth, 0])}>
                    Add a month
                  </Button>
                  {rampByMonth.length > 1 && (
                    <Button type="button" variant="ghost" onClick={() => put("ramp.belowSteadyStatePctByMonth", rampByMonth.slice(0, -1))}>
                      Remove the last
                    </Button>
                  )}
                </div>
              )}
            </div>
          )}
          {err("ramp") && <p className="text-xs text-red-600">{err("ramp")}</p>}
        </div>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">Actions per metered unit</legend>
        {list.map((u, i) => {
          const basis = u.actionsPerMonth !== undefined ? "perMonth" : "perAgentDay";
          const field = basis === "perMonth" ? "actionsPerMonth" : "actionsPerActiveAgentPerDay";
          const unitErr = err(`units.${i}.unit`) ?? (errors[`${prefix}units.${i}`]?.join(" ") || undefined);
          const multiplier = u.unit !== undefined ? (value.unitMultipliers as Obj | undefined)?.[String(u.unit)] : undefined;
          return (
            <div key={i} className="grid items-start gap-3 rounded-md bg-slate-50 p-3 ring-1 ring-inset ring-slate-200 sm:grid-cols-2 lg:grid-cols-4" data-testid={`driver-unit-${i}`}>
              <label className="block text-sm">
                <span className="font-medium text-slate-700">Driver {i + 1} unit</span>
                <select aria-label={`Driver ${i + 1} unit`}
                  disabled={readOnly}
                  value={String(u.unit ?? "")}
                  aria-invalid={unitErr ? true : undefined}
                  onChange={(e) => put(`units.${i}.unit`, e.target.value)}
                  className={`${inputClass} bg-white`}
                >
                  {!units.some((x) => x.id === u.unit) && <option value={String(u.unit ?? "")}>{String(u.unit ?? "")} (not on the rate card)</option>}
                  {units.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
                {unitErr && <span className="mt-1 block text-xs text-red-600">{unitErr}</span>}
              </label>
              <label className="block text-sm">
                <span className="font-medium text-slate-700">Driver {i + 1} basis</span>
                <select aria-label={`Driver ${i + 1} basis`}
                  disabled={readOnly}
                  value={basis}
                  onChange={(e) => {
                    const amount = u.actionsPerMonth ?? u.actionsPerActiveAgentPerDay ?? "";
                    put(`units.${i}`, e.target.value === "perMonth" ? { unit: u.unit, actionsPerMonth: amount } : { unit: u.unit, actionsPerActiveAgentPerDay: amount });
                  }}
                  className={`${inputClass} bg-white`}
                >
                  <option value="perAgentDay">Actions per active agent per working day</option>
                  <option value="perMonth">Actions per month (estate-wide)</option>
                </select>
              </label>
              <UncertainField
                label={`${unitName(u.unit)}: ${basis === "perMonth" ? "actions per month" : "actions per agent per day"}`}
                value={u[field]}
                onChange={(x) => put(`units.${i}.${field}`, x)}
                errorKey={`${prefix}units.${i}.${field}`}
                errors={errors}
                readOnly={readOnly}
              />
              <div className="space-y-2">
                <UncertainField
                  label={`${unitName(u.unit)}: volume multiplier`}
                  value={multiplier}
                  onChange={(x) => {
                    const next = { ...((value.unitMultipliers as Obj | undefined) ?? {}) };
                    if (x === undefined) delete next[String(u.unit)];
                    else next[String(u.unit)] = x;
                    put("unitMultipliers", Object.keys(next).length ? next : undefined);
                  }}
                  errorKey={`${prefix}unitMultipliers.${String(u.unit)}`}
                  errors={errors}
                  readOnly={readOnly}
                  optional
                />
                {!readOnly && (
                  <Button type="button" variant="ghost" className="text-red-700" onClick={() => put(`units.${i}`, undefined)} aria-label={`Remove driver ${i + 1}`}>
                    Remove driver
                  </Button>
                )}
              </div>
            </div>
          );
        })}
        {err("units") && !list.some((_, i) => err(`units.${i}`)) && <p className="text-xs text-red-600">{err("units")}</p>}
        {!readOnly && (
          <Button type="button" variant="secondary" onClick={() => put("units", [...list, { unit: units[0]?.id ?? "", actionsPerActiveAgentPerDay: "" }])}>
            Add unit driver
          </Button>
        )}
      </fieldset>
    </div>
  );
}
