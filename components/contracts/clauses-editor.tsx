"use client";
import { createContext, useContext, useState } from "react";
import { Button } from "@/components/ui/button";
import { getIn, parsePath, setIn } from "./json-path";

// The contract's consumption terms as the engine's ClausesDoc, edited part by part. Every input is
// bound to a path of the document; errors from the engine's schema come back under the same path.

type Obj = Record<string, unknown>;

interface Ctx {
  value: Obj;
  onChange: (next: Obj) => void;
  errors: Record<string, string[]>;
  /** prefix of error keys, e.g. "clauses." */
  prefix: string;
  readOnly: boolean;
}
const EditorCtx = createContext<Ctx | null>(null);
function useEd(): Ctx {
  const c = useContext(EditorCtx);
  if (!c) throw new Error("outside ClausesEditor");
  return c;
}

function errorAt(ctx: Ctx, path: string): string | undefined {
  const direct = ctx.errors[`${ctx.prefix}${path}`];
  return direct?.join(" ");
}

const inputClass =
  "mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-500 disabled:bg-slate-50 disabled:text-slate-600";

/** A decimal or date field (kept as the string typed); `optional` fields disappear when emptied. */
export function TextAt({ label, path, optional, type = "text", hint }: { label: string; path: string; optional?: boolean; type?: "text" | "date"; hint?: string }) {
  const ctx = useEd();
  const raw = getIn(ctx.value, parsePath(path));
  const err = errorAt(ctx, path);
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <input
        type={type}
        disabled={ctx.readOnly}
        value={raw === undefined || raw === null ? "" : String(raw)}
        aria-invalid={err ? true : undefined}
        inputMode={type === "text" ? "decimal" : undefined}
        onChange={(e) => ctx.onChange(setIn(ctx.value, parsePath(path), e.target.value === "" && optional ? undefined : e.target.value))}
        className={inputClass}
      />
      {err ? <span className="mt-1 block text-xs text-red-600">{err}</span> : hint ? <span className="mt-1 block text-xs text-slate-500">{hint}</span> : null}
    </label>
  );
}

/** An integer field (periods, cycles, heads): stored as a number, or as typed when not a whole number so the schema names it. */
export function IntAt({ label, path, optional }: { label: string; path: string; optional?: boolean }) {
  const ctx = useEd();
  const raw = getIn(ctx.value, parsePath(path));
  const err = errorAt(ctx, path);
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <input
        disabled={ctx.readOnly}
        inputMode="numeric"
        value={raw === undefined || raw === null ? "" : String(raw)}
        aria-invalid={err ? true : undefined}
        onChange={(e) => {
          const t = e.target.value.trim();
          const v = t === "" ? (optional ? undefined : "") : /^-?\d+$/.test(t) ? Number(t) : t;
          ctx.onChange(setIn(ctx.value, parsePath(path), v));
        }}
        className={inputClass}
      />
      {err && <span className="mt-1 block text-xs text-red-600">{err}</span>}
    </label>
  );
}

/** A choice that replaces the object at `path` with the chosen option's starting value. */
function KindAt({ label, path, options, allowNone }: { label: string; path: string; options: { value: string; label: string; make: () => unknown }[]; allowNone?: string }) {
  const ctx = useEd();
  const cur = getIn(ctx.value, parsePath(path)) as Obj | undefined;
  const kind = cur ? String(cur.kind ?? "") : "";
  const err = errorAt(ctx, path) ?? errorAt(ctx, `${path}.kind`);
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <select aria-label={label}
        disabled={ctx.readOnly}
        value={kind}
        onChange={(e) => {
          const opt = options.find((o) => o.value === e.target.value);
          ctx.onChange(setIn(ctx.value, parsePath(path), opt ? opt.make() : undefined));
        }}
        className={`${inputClass} bg-white`}
      >
        {allowNone !== undefined && <option value="">{allowNone}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {err && <span className="mt-1 block text-xs text-red-600">{err}</span>}
    </label>
  );
}

function SelectAt({ label, path, options, optional }: { label: string; path: string; options: [string, string][]; optional?: string }) {
  const ctx = useEd();
  const cur = getIn(ctx.value, parsePath(path));
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <select aria-label={label}
        disabled={ctx.readOnly}
        value={cur === undefined ? "" : String(cur)}
        onChange={(e) => ctx.onChange(setIn(ctx.value, parsePath(path), e.target.value === "" ? undefined : e.target.value))}
        className={`${inputClass} bg-white`}
      >
        {optional !== undefined && <option value="">{optional}</option>}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A checkbox that adds (with a starting value) or removes the optional part at `path`. */
function Toggle({ label, path, make }: { label: string; path: string; make: () => unknown }) {
  const ctx = useEd();
  const on = getIn(ctx.value, parsePath(path)) !== undefined;
  return (
    <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
      <input type="checkbox" disabled={ctx.readOnly} checked={on} onChange={(e) => ctx.onChange(setIn(ctx.value, parsePath(path), e.target.checked ? make() : undefined))} />
      {label}
    </label>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3 rounded-md p-4 ring-1 ring-slate-200">
      <header>
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        {description && <p className="text-xs text-slate-500">{description}</p>}
      </header>
      {children}
    </section>
  );
}

const grid = "grid gap-3 sm:grid-cols-2 lg:grid-cols-4";

const PRICE_BASIS = [
  { value: "list", label: "List price (spot rate)", make: () => ({ kind: "list" }) },
  { value: "contract", label: "Contract price (pin and discount)", make: () => ({ kind: "contract" }) },
  { value: "fixed", label: "A fixed price per credit", make: () => ({ kind: "fixed", pricePerCredit: "" }) },
];

const LIMIT_OPTIONS = [
  { value: "credits", label: "Credits", make: () => ({ kind: "credits", credits: "" }) },
  { value: "amount", label: "Money", make: () => ({ kind: "amount", amount: "" }) },
];

function nextId(existing: unknown[], stem: string): string {
  const ids = new Set(existing.map((x) => String((x as Obj).id)));
  let n = existing.length + 1;
  while (ids.has(`${stem}-${n}`)) n += 1;
  return `${stem}-${n}`;
}

function Allotments({ termStart }: { termStart: string }) {
  const ctx = useEd();
  const list = (ctx.value.allotments as Obj[] | undefined) ?? [];
  const add = (a: Obj) => ctx.onChange(setIn(ctx.value, ["allotments"], [...list, a]));
  return (
    <Section title="Allotments" description="Credits granted each cycle: complimentary (e.g. Workday's annual, headcount-sized, reset yearly) or a contracted periodic allocation.">
      {list.length === 0 && <p className="text-sm text-slate-500">No allotment: every credit is bought.</p>}
      {list.map((a, i) => {
        const p = `allotments.${i}`;
        const size = (a.size as Obj | undefined)?.kind;
        return (
          <div key={i} className="space-y-3 rounded-md bg-slate-50 p-3" data-testid={`allotment-${i}`}>
            <div className="flex items-start justify-between gap-2">
              <p className="text-sm font-medium text-slate-800">
                Allotment {i + 1}: <span className="font-mono text-xs">{String(a.id)}</span>
              </p>
              {!ctx.readOnly && (
                <Button type="button" variant="ghost" className="text-red-700" onClick={() => ctx.onChange(setIn(ctx.value, ["allotments", i], undefined))} aria-label={`Remove allotment ${i + 1}`}>
                  Remove
                </Button>
              )}
            </div>
            <div className={grid}>
              <TextAt label="Id" path={`${p}.id`} />
              <SelectAt label="Kind" path={`${p}.kind`} options={[["complimentary", "Complimentary"], ["allocation", "Allocation"]]} />
              <SelectAt label="Cadence" path={`${p}.cadence`} options={[["month", "Monthly"], ["quarter", "Quarterly"], ["year", "Yearly"], ["term", "Once per term"]]} />
              <SelectAt label="Reset anchor" path={`${p}.anchor`} options={[["anniversary", "Contract anniversary"], ["calendar", "Calendar"]]} optional="Default (anniversary)" />
              <KindAt
                label="Size"
                path={`${p}.size`}
                options={[
                  { value: "fixed", label: "Fixed credits", make: () => ({ kind: "fixed", credits: "" }) },
                  { value: "perHead", label: "Credits per head", make: () => ({ kind: "perHead", creditsPerHead: "", headcount: [{ from: termStart, headcount: 0 }] }) },
                  { value: "fromAmount", label: "From an amount of money", make: () => ({ kind: "fromAmount", amount: "" }) },
                ]}
              />
              {size === "fixed" && <TextAt label="Credits per cycle" path={`${p}.size.credits`} />}
              {size === "fromAmount" && <TextAt label="Amount per cycle" path={`${p}.size.amount`} />}
              {size === "perHead" && (
                <>
                  <TextAt label="Credits per head" path={`${p}.size.creditsPerHead`} />
                  <IntAt label="Headcount" path={`${p}.size.headcount.0.headcount`} />
                  <TextAt label="Headcount from" type="date" path={`${p}.size.headcount.0.from`} />
                  <SelectAt label="Headcount change" path={`${p}.size.onChange`} options={[["atNextReset", "At the next reset"], ["prorateIncreases", "Prorate increases"]]} optional="Default (next reset)" />
                </>
              )}
              <TextAt label="Fee per cycle" path={`${p}.feePerCycle`} optional hint="Blank: free." />
              <TextAt label="Granted from" type="date" path={`${p}.from`} optional />
              <TextAt label="Granted until" type="date" path={`${p}.until`} optional />
            </div>
            <Toggle label="Rollover of unused credits" path={`${p}.rollover`} make={() => ({ sharePct: "100" })} />
            {a.rollover !== undefined && (
              <div className={grid}>
                <TextAt label="Share carried (%)" path={`${p}.rollover.sharePct`} />
                <IntAt label="Expires after cycles" path={`${p}.rollover.expiresAfterCycles`} optional />
                <KindAt
                  label="Rollover cap"
                  path={`${p}.rollover.cap`}
                  allowNone="No cap"
                  options={[
                    { value: "credits", label: "Credits", make: () => ({ kind: "credits", credits: "" }) },
                    { value: "pctOfGrant", label: "% of the grant", make: () => ({ kind: "pctOfGrant", pct: "" }) },
                  ]}
                />
                {(getIn(a, ["rollover", "cap", "kind"]) as string | undefined) === "credits" && <TextAt label="Cap (credits)" path={`${p}.rollover.cap.credits`} />}
                {(getIn(a, ["rollover", "cap", "kind"]) as string | undefined) === "pctOfGrant" && <TextAt label="Cap (% of grant)" path={`${p}.rollover.cap.pct`} />}
              </div>
            )}
          </div>
        );
      })}
      {!ctx.readOnly && (
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={() => add({ id: nextId(list, "allocation"), kind: "allocation", cadence: "month", size: { kind: "fixed", credits: "" } })}>
            Add periodic allocation
          </Button>
          <Button
            type="button"
            variant="secondary"
            onClick={() => add({ id: nextId(list, "complimentary"), kind: "complimentary", cadence: "year", size: { kind: "perHead", creditsPerHead: "", headcount: [{ from: termStart, headcount: 0 }] } })}
          >
            Add complimentary allotment
          </Button>
        </div>
      )}
    </Section>
  );
}

function Packs({ termStart }: { termStart: string }) {
  const ctx = useEd();
  const list = (ctx.value.packs as Obj[] | undefined) ?? [];
  return (
    <Section title="Purchased packs" description="Packs bought on a known date, usable from that period until they expire.">
      {list.length === 0 && <p className="text-sm text-slate-500">No scheduled pack purchase.</p>}
      {list.map((_, i) => (
        <div key={i} className="grid items-end gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-3 lg:grid-cols-6">
          <TextAt label="Id" path={`packs.${i}.id`} />
          <TextAt label="Credits" path={`packs.${i}.credits`} />
          <TextAt label="Price" path={`packs.${i}.price`} optional hint="Blank: contract price." />
          <TextAt label="Purchase date" type="date" path={`packs.${i}.purchaseDate`} />
          <TextAt label="Expires on" type="date" path={`packs.${i}.expiresOn`} optional />
          {!ctx.readOnly && (
            <Button type="button" variant="ghost" className="text-red-700" onClick={() => ctx.onChange(setIn(ctx.value, ["packs", i], undefined))} aria-label={`Remove pack ${i + 1}`}>
              Remove
            </Button>
          )}
        </div>
      ))}
      {!ctx.readOnly && (
        <Button type="button" variant="secondary" onClick={() => ctx.onChange(setIn(ctx.value, ["packs"], [...list, { id: nextId(list, "pack"), credits: "", purchaseDate: termStart }]))}>
          Add pack
        </Button>
      )}
    </Section>
  );
}

function Exhaustion() {
  const ctx = useEd();
  const ex = ctx.value.onExhaustion as Obj | undefined;
  const kind = ex?.kind as string | undefined;
  return (
    <Section title="When the balance runs out" description="Agents pause, packs are bought automatically, overage is billed, or consumption is trued up in arrears.">
      <div className={grid}>
        <KindAt
          label="On exhaustion"
          path="onExhaustion"
          allowNone="Default (agents pause)"
          options={[
            { value: "pause", label: "Agents pause", make: () => ({ kind: "pause" }) },
            { value: "overage", label: "Overage", make: () => ({ kind: "overage", overage: {} }) },
            { value: "trueUp", label: "True-up in arrears", make: () => ({ kind: "trueUp", trueUp: { schedule: { kind: "termEnd" } } }) },
            { value: "autoPack", label: "Automatic packs", make: () => ({ kind: "autoPack", pack: { packCredits: "" } }) },
          ]}
        />
        {kind === "autoPack" && (
          <>
            <TextAt label="Credits per pack" path="onExhaustion.pack.packCredits" />
            <TextAt label="Pack price" path="onExhaustion.pack.packPrice" optional hint="Blank: contract price." />
            <IntAt label="Expires after months" path="onExhaustion.pack.expiresAfterMonths" optional />
          </>
        )}
        {kind === "overage" && (
          <>
            <KindAt label="Overage price" path="onExhaustion.overage.price" allowNone="Default (list price)" options={PRICE_BASIS} />
            {getIn(ex, ["overage", "price", "kind"]) === "fixed" && <TextAt label="Overage price per credit" path="onExhaustion.overage.price.pricePerCredit" />}
            <SelectAt label="Above the cap" path="onExhaustion.overage.aboveCap" options={[["unserved", "Unserved until approved"], ["preApproved", "Pre-approved (billed)"]]} optional="Default (unserved)" />
          </>
        )}
        {kind === "trueUp" && (
          <>
            <KindAt
              label="True-up schedule"
              path="onExhaustion.trueUp.schedule"
              options={[
                { value: "termEnd", label: "At term end", make: () => ({ kind: "termEnd" }) },
                { value: "everyNPeriods", label: "Every N periods", make: () => ({ kind: "everyNPeriods", n: 3 }) },
              ]}
            />
            {getIn(ex, ["trueUp", "schedule", "kind"]) === "everyNPeriods" && <IntAt label="Every N periods" path="onExhaustion.trueUp.schedule.n" />}
            <KindAt label="True-up price" path="onExhaustion.trueUp.price" allowNone="Default (contract price)" options={PRICE_BASIS} />
            {getIn(ex, ["trueUp", "price", "kind"]) === "fixed" && <TextAt label="True-up price per credit" path="onExhaustion.trueUp.price.pricePerCredit" />}
          </>
        )}
      </div>
      {kind === "overage" && (
        <>
          <Toggle label="Overage cap" path="onExhaustion.overage.cap" make={() => ({ cadence: "month", limit: { kind: "amount", amount: "" } })} />
          {getIn(ex, ["overage", "cap"]) !== undefined && (
            <div className={grid}>
              <SelectAt label="Overage cap cadence" path="onExhaustion.overage.cap.cadence" options={[["month", "Per month"], ["quarter", "Per quarter"], ["year", "Per year"]]} />
              <KindAt label="Overage cap in" path="onExhaustion.overage.cap.limit" options={LIMIT_OPTIONS} />
              {getIn(ex, ["overage", "cap", "limit", "kind"]) === "credits" ? (
                <TextAt label="Overage cap (credits)" path="onExhaustion.overage.cap.limit.credits" />
              ) : (
                <TextAt label="Overage cap (amount)" path="onExhaustion.overage.cap.limit.amount" />
              )}
            </div>
          )}
        </>
      )}
      {kind === "trueUp" && (
        <>
          <Toggle label="True-up cap" path="onExhaustion.trueUp.cap" make={() => ({ kind: "amount", amount: "" })} />
          {getIn(ex, ["trueUp", "cap"]) !== undefined && (
            <div className={grid}>
              <KindAt
                label="True-up cap kind"
                path="onExhaustion.trueUp.cap"
                options={[
                  { value: "amount", label: "An amount", make: () => ({ kind: "amount", amount: "" }) },
                  { value: "pctOfContractValue", label: "% of contract value", make: () => ({ kind: "pctOfContractValue", pct: "" }) },
                ]}
              />
              {getIn(ex, ["trueUp", "cap", "kind"]) === "amount" ? (
                <TextAt label="True-up cap (amount)" path="onExhaustion.trueUp.cap.amount" />
              ) : (
                <>
                  <TextAt label="True-up cap (% of contract value)" path="onExhaustion.trueUp.cap.pct" />
                  <TextAt label="Contract value" path="onExhaustion.trueUp.cap.contractValue" optional hint="Blank: allotment fees and pack prices." />
                </>
              )}
              <SelectAt label="Cap applies to" path="onExhaustion.trueUp.capScope" options={[["term", "All true-ups of the term"], ["perTrueUp", "Each true-up"]]} optional="Default (the term)" />
            </div>
          )}
        </>
      )}
    </Section>
  );
}

function Pricing() {
  const ctx = useEd();
  const rp = ctx.value.ratePolicy as Obj | undefined;
  const d = ctx.value.discount as Obj | undefined;
  return (
    <Section title="Price of a credit" description="Rate pin or escalation cap, and the discount on the contract price.">
      <div className={grid}>
        <KindAt
          label="Rate policy"
          path="ratePolicy"
          allowNone="Default (list price)"
          options={[
            { value: "list", label: "List price, no protection", make: () => ({ kind: "list" }) },
            { value: "pinned", label: "Pinned for the term", make: () => ({ kind: "pinned" }) },
            { value: "capped", label: "Yearly increase capped", make: () => ({ kind: "capped", maxIncreasePctPerYear: "" }) },
          ]}
        />
        {rp?.kind === "pinned" && <TextAt label="Pinned price per credit" path="ratePolicy.pricePerCredit" optional hint="Blank: the list price at term start." />}
        {rp?.kind === "capped" && <TextAt label="Max increase per year (%)" path="ratePolicy.maxIncreasePctPerYear" />}
        <KindAt
          label="Discount"
          path="discount"
          allowNone="Default (none)"
          options={[
            { value: "none", label: "None", make: () => ({ kind: "none" }) },
            { value: "flat", label: "Flat %", make: () => ({ kind: "flat", pct: "" }) },
            { value: "committedPrice", label: "Committed price per credit", make: () => ({ kind: "committedPrice", pricePerCredit: "" }) },
            { value: "volumeTiers", label: "Volume tiers", make: () => ({ kind: "volumeTiers", tiers: [{ fromCredits: "0", pct: "0" }] }) },
          ]}
        />
        {d?.kind === "flat" && <TextAt label="Discount (%)" path="discount.pct" />}
        {d?.kind === "committedPrice" && <TextAt label="Committed price per credit" path="discount.pricePerCredit" />}
      </div>
      {d?.kind === "volumeTiers" && (
        <div className="space-y-2">
          {((d.tiers as Obj[] | undefined) ?? []).map((_, i) => (
            <div key={i} className="grid items-end gap-3 sm:grid-cols-3">
              <TextAt label={`Tier ${i + 1} from credits`} path={`discount.tiers.${i}.fromCredits`} />
              <TextAt label={`Tier ${i + 1} discount (%)`} path={`discount.tiers.${i}.pct`} />
              {!ctx.readOnly && (
                <Button type="button" variant="ghost" onClick={() => ctx.onChange(setIn(ctx.value, ["discount", "tiers", i], undefined))}>
                  Remove tier
                </Button>
              )}
            </div>
          ))}
          {!ctx.readOnly && (
            <Button type="button" variant="secondary" onClick={() => ctx.onChange(setIn(ctx.value, ["discount", "tiers"], [...((d.tiers as Obj[] | undefined) ?? []), { fromCredits: "", pct: "" }]))}>
              Add tier
            </Button>
          )}
        </div>
      )}
    </Section>
  );
}

function Ceiling() {
  const ctx = useEd();
  const c = ctx.value.ceiling as Obj | undefined;
  return (
    <Section title="Consumption ceiling" description="Most consumption per cycle; demand above it is throttled (unserved).">
      <Toggle label="Ceiling" path="ceiling" make={() => ({ cadence: "month", limit: { kind: "amount", amount: "" } })} />
      {c !== undefined && (
        <div className={grid}>
          <SelectAt label="Ceiling cadence" path="ceiling.cadence" options={[["month", "Per month"], ["quarter", "Per quarter"], ["year", "Per year"]]} />
          <KindAt label="Ceiling in" path="ceiling.limit" options={LIMIT_OPTIONS} />
          {getIn(c, ["limit", "kind"]) === "credits" ? <TextAt label="Ceiling (credits)" path="ceiling.limit.credits" /> : <TextAt label="Ceiling (amount)" path="ceiling.limit.amount" />}
        </div>
      )}
    </Section>
  );
}

function Alerts() {
  const ctx = useEd();
  const cur = ctx.value.alertThresholdsPct as unknown[] | undefined;
  const [text, setText] = useState(cur ? cur.join(", ") : "");
  const err = Object.entries(ctx.errors)
    .filter(([k]) => k.startsWith(`${ctx.prefix}alertThresholdsPct`))
    .map(([, v]) => v.join(" "))
    .join(" ");
  return (
    <Section title="Burn alerts" description="Percent of each allotment grant at which an alert fires (default 60, 70, 85, 100).">
      <label className="block max-w-md text-sm">
        <span className="font-medium text-slate-700">Alert thresholds (%)</span>
        <input
          disabled={ctx.readOnly}
          value={text}
          placeholder="60, 70, 85, 100"
          aria-invalid={err ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            const parts = e.target.value.split(",").map((s) => s.trim()).filter(Boolean);
            ctx.onChange(setIn(ctx.value, ["alertThresholdsPct"], parts.length ? parts.map((s) => (Number.isFinite(Number(s)) ? Number(s) : s)) : undefined));
          }}
          className={inputClass}
        />
        {err && <span className="mt-1 block text-xs text-red-600">{err}</span>}
      </label>
    </Section>
  );
}

function AdvancedJson() {
  const ctx = useEd();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [err, setErr] = useState<string | null>(null);
  return (
    <Section title="All clauses as JSON" description="The model document's clause set, including parts without a form (per-unit credits, environment multipliers, draw order).">
      <Button
        type="button"
        variant="secondary"
        onClick={() => {
          setText(JSON.stringify(ctx.value, null, 2));
          setErr(null);
          setOpen(!open);
        }}
      >
        {open ? "Hide JSON" : ctx.readOnly ? "Show JSON" : "Edit as JSON"}
      </Button>
      {open && (
        <div className="space-y-2">
          <textarea
            aria-label="Clauses JSON"
            readOnly={ctx.readOnly}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={14}
            className="block w-full rounded-md border-0 font-mono text-xs ring-1 ring-inset ring-slate-300"
          />
          {!ctx.readOnly && (
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                try {
                  const parsed: unknown = JSON.parse(text);
                  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("expected an object");
                  ctx.onChange(parsed as Obj);
                  setErr(null);
                } catch (e) {
                  setErr(`Not valid JSON: ${(e as Error).message}`);
                }
              }}
            >
              Apply JSON
            </Button>
          )}
          {err && <p className="text-xs text-red-600">{err}</p>}
        </div>
      )}
    </Section>
  );
}

export type ClausesSection = "allotments" | "packs" | "exhaustion" | "pricing" | "ceiling" | "alerts" | "json";

export function ClausesEditor({
  value,
  onChange,
  errors,
  prefix = "clauses.",
  readOnly,
  termStart,
  sections = ["allotments", "packs", "exhaustion", "pricing", "ceiling", "alerts", "json"],
}: {
  value: Obj;
  onChange: (next: Obj) => void;
  errors: Record<string, string[]>;
  prefix?: string;
  readOnly: boolean;
  termStart: string;
  sections?: ClausesSection[];
}) {
  const has = (s: ClausesSection) => sections.includes(s);
  // Errors no input shows (a field typed only in JSON) are listed so none goes unseen.
  const shown = /^(allotments|packs|onExhaustion|ratePolicy|discount|ceiling|alertThresholdsPct)\b/;
  const other = Object.entries(errors).filter(([k]) => k.startsWith(prefix) && !shown.test(k.slice(prefix.length)));
  return (
    <EditorCtx.Provider value={{ value, onChange, errors, prefix, readOnly }}>
      <div className="space-y-4">
        {has("allotments") && <Allotments termStart={termStart} />}
        {has("packs") && <Packs termStart={termStart} />}
        {has("exhaustion") && <Exhaustion />}
        {has("pricing") && <Pricing />}
        {has("ceiling") && <Ceiling />}
        {has("alerts") && <Alerts />}
        {other.length > 0 && (
          <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
            {other.map(([k, v]) => (
              <div key={k}>
                {k.slice(prefix.length)}: {v.join(" ")}
              </div>
            ))}
          </div>
        )}
        {has("json") && <AdvancedJson />}
      </div>
    </EditorCtx.Provider>
  );
}

/** Binds TextAt/IntAt inputs inside it to another JSON value (drivers), with its own error prefix. */
export function PathScope({ value, onChange, errors, prefix, readOnly, children }: { value: Obj; onChange: (next: Obj) => void; errors: Record<string, string[]>; prefix: string; readOnly: boolean; children: React.ReactNode }) {
  return <EditorCtx.Provider value={{ value, onChange, errors, prefix, readOnly }}>{children}</EditorCtx.Provider>;
}
