"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createContractAction, updateContractAction } from "@/app/w/[workspaceId]/contracts/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export interface FixedLineValue {
  description: string;
  quantity: string;
  unitPrice: string;
  per: "month" | "year" | "term";
}

export interface ContractHeaderValue {
  name: string;
  vendorId: string;
  product: string;
  currency: string;
  termStart: string;
  termEnd: string;
  renewalDate: string;
  noticeDays: string;
  granularity: "month" | "week";
  fixedLines: FixedLineValue[];
}

export interface TemplateOption {
  id: string;
  label: string;
  currency: string;
  vendor: string;
  product: string;
}

export interface VersionOption {
  id: string;
  label: string;
  currency: string;
}

const NEW_VENDOR = "__new__";

type Props =
  | { mode: "create"; workspaceId: string; vendors: { id: string; name: string }[]; templates: TemplateOption[]; versions: VersionOption[]; initial: ContractHeaderValue }
  | { mode: "edit"; workspaceId: string; vendors: { id: string; name: string }[]; contractId: string; version: number; initial: ContractHeaderValue };

/** Header of a contract: vendor, product, term, renewal, notice, currency, fixed lines; on create, the rate card it starts on. */
export function ContractForm(props: Props) {
  const router = useRouter();
  const [v, setV] = useState<ContractHeaderValue>(props.initial);
  const [newVendor, setNewVendor] = useState("");
  const [source, setSource] = useState<"template" | "version">(props.mode === "create" && props.versions.length > 0 && props.templates.length === 0 ? "version" : "template");
  const [templateId, setTemplateId] = useState(props.mode === "create" ? (props.templates[0]?.id ?? "") : "");
  const [versionId, setVersionId] = useState(props.mode === "create" ? (props.versions[0]?.id ?? "") : "");
  const [state, setState] = useState<{ ok: boolean; text: string; fields?: Record<string, string[]> } | null>(null);
  const [pending, start] = useTransition();
  const set = <K extends keyof ContractHeaderValue>(k: K, value: ContractHeaderValue[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const err = (k: string) => state?.fields?.[k] ?? state?.fields?.[`fields.${k}`];

  function chooseTemplate(id: string) {
    setTemplateId(id);
    if (props.mode !== "create") return;
    const t = props.templates.find((x) => x.id === id);
    if (t) setV((prev) => ({ ...prev, currency: t.currency, product: prev.product || t.product }));
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setState(null);
    start(async () => {
      if (props.mode === "create") {
        const r = await createContractAction(props.workspaceId, {
          fields: v,
          ...(v.vendorId === NEW_VENDOR ? { newVendorName: newVendor } : {}),
          rateCard: source === "template" ? { kind: "template", templateId } : { kind: "version", versionId },
        });
        if (r.ok) router.push(`/w/${props.workspaceId}/contracts/${r.data}/terms?created=1`);
        else setState({ ok: false, text: r.error, ...(r.fieldErrors ? { fields: r.fieldErrors } : {}) });
      } else {
        const r = await updateContractAction(props.workspaceId, { contractId: props.contractId, version: props.version, fields: v });
        if (r.ok) {
          setState({ ok: true, text: "Saved." });
          router.refresh();
        } else setState({ ok: false, text: r.error, ...(r.fieldErrors ? { fields: r.fieldErrors } : {}) });
      }
    });
  }

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <In label="Contract name" value={v.name} onChange={(x) => set("name", x)} error={err("name")} placeholder="e.g. Acme Agentforce renewal" />
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Vendor</span>
          <select aria-label="Vendor" value={v.vendorId} onChange={(e) => set("vendorId", e.target.value)} className={selectClass}>
            {props.vendors.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
            {props.mode === "create" && <option value={NEW_VENDOR}>New vendor…</option>}
          </select>
          {err("vendorId") && <span className="mt-1 block text-xs text-red-600">{err("vendorId")?.join(" ")}</span>}
        </label>
        {v.vendorId === NEW_VENDOR && <In label="New vendor name" value={newVendor} onChange={setNewVendor} error={err("newVendorName") ?? err("name")} placeholder="e.g. Salesforce" />}
        <In label="Product" value={v.product} onChange={(x) => set("product", x)} error={err("product")} placeholder="e.g. Agentforce Flex Credits" />
        <In label="Currency" value={v.currency} onChange={(x) => set("currency", x.toUpperCase())} error={err("currency")} maxLength={3} />
        <In label="Term start" type="date" value={v.termStart} onChange={(x) => set("termStart", x)} error={err("termStart")} />
        <In label="Term end" type="date" value={v.termEnd} onChange={(x) => set("termEnd", x)} error={err("termEnd")} hint="Exclusive: the first day after the term." />
        <In label="Renewal date" type="date" value={v.renewalDate} onChange={(x) => set("renewalDate", x)} error={err("renewalDate")} />
        <In label="Notice period (days)" inputMode="numeric" value={v.noticeDays} onChange={(x) => set("noticeDays", x)} error={err("noticeDays")} />
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Periods</span>
          <select aria-label="Periods" value={v.granularity} onChange={(e) => set("granularity", e.target.value as "month" | "week")} className={selectClass}>
            <option value="month">Months</option>
            <option value="week">Weeks</option>
          </select>
        </label>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Fixed lines (seats × price)</legend>
        {v.fixedLines.length === 0 && <p className="text-sm text-slate-500">No fixed lines.</p>}
        {v.fixedLines.map((line, i) => {
          const upd = (patch: Partial<FixedLineValue>) => set("fixedLines", v.fixedLines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
          return (
            <div key={i} className="grid items-end gap-2 sm:grid-cols-[2fr_1fr_1fr_1fr_auto]">
              <In label={`Line ${i + 1} description`} value={line.description} onChange={(x) => upd({ description: x })} error={err(`fixedLines.${i}.description`)} />
              <In label="Quantity" inputMode="decimal" value={line.quantity} onChange={(x) => upd({ quantity: x })} error={err(`fixedLines.${i}.quantity`)} />
              <In label={`Unit price (${v.currency || "—"})`} inputMode="decimal" value={line.unitPrice} onChange={(x) => upd({ unitPrice: x })} error={err(`fixedLines.${i}.unitPrice`)} />
              <label className="block text-sm">
                <span className="font-medium text-slate-700">Per</span>
                <select aria-label="Per" value={line.per} onChange={(e) => upd({ per: e.target.value as FixedLineValue["per"] })} className={selectClass}>
                  <option value="month">month</option>
                  <option value="year">year</option>
                  <option value="term">term</option>
                </select>
              </label>
              <Button type="button" variant="ghost" onClick={() => set("fixedLines", v.fixedLines.filter((_, j) => j !== i))} aria-label={`Remove line ${i + 1}`}>
                Remove
              </Button>
            </div>
          );
        })}
        <Button type="button" variant="secondary" onClick={() => set("fixedLines", [...v.fixedLines, { description: "", quantity: "", unitPrice: "", per: "month" }])}>
          Add fixed line
        </Button>
      </fieldset>

      {props.mode === "create" && (
        <fieldset className="space-y-3 rounded-md p-4 ring-1 ring-slate-200">
          <legend className="px-1 text-sm font-medium text-slate-700">Rate card</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="source" checked={source === "template"} onChange={() => setSource("template")} />
            From a built-in template (creates this workspace&apos;s own rate card, version 1, locked to this contract)
          </label>
          {source === "template" && (
            <select aria-label="Template" value={templateId} onChange={(e) => chooseTemplate(e.target.value)} className={selectClass}>
              {props.templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          )}
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="source" checked={source === "version"} onChange={() => setSource("version")} disabled={props.versions.length === 0} />
            From an existing rate card version {props.versions.length === 0 && <span className="text-slate-500">(none yet)</span>}
          </label>
          {source === "version" && (
            <select aria-label="Rate card version" value={versionId} onChange={(e) => setVersionId(e.target.value)} className={selectClass}>
              {props.versions.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
            </select>
          )}
        </fieldset>
      )}

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : props.mode === "create" ? "Create contract" : "Save contract"}
        </Button>
      </div>
      {state && <Alert kind={state.ok ? "success" : "error"}>{state.text}</Alert>}
    </form>
  );
}

const selectClass = "mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

export function In({
  label,
  value,
  onChange,
  error,
  hint,
  ...rest
}: Omit<React.InputHTMLAttributes<HTMLInputElement>, "onChange" | "value"> & { label: string; value: string; onChange: (v: string) => void; error?: string[] | string | undefined; hint?: string }) {
  const msg = Array.isArray(error) ? error.join(" ") : error;
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <input
        {...rest}
        value={value}
        aria-invalid={msg ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-500 disabled:bg-slate-50 disabled:text-slate-500"
      />
      {msg ? <span className="mt-1 block text-xs text-red-600">{msg}</span> : hint ? <span className="mt-1 block text-xs text-slate-500">{hint}</span> : null}
    </label>
  );
}
