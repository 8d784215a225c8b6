"use client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatDate, formatMoney, formatNumber } from "@/components/format";
import { count } from "@/lib/brief/format";
import { ENVIRONMENT_LABEL } from "./format";
import type { UsageMapping } from "@/lib/import/mapping";
import type { ChargeCategory, GroupTotals } from "@/lib/import/types";
import type { BurnPreview, FileCheck } from "@/lib/services/burn/preview";
import type { BurnImportView } from "@/lib/services/burn/view";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** Bytes of a large CSV sent for the preview: enough for the header, the sample rows and format detection. */
const PREVIEW_BYTES = 64 * 1024;
/** Files up to this size are sent whole, so the preview's groups, totals and refused rows cover every row. */
const WHOLE_PREVIEW_BYTES = 32 * 1024 * 1024;

const FIELD_LABEL: Record<string, string> = {
  periodStart: "Period start (date)",
  periodEnd: "Period end",
  agent: "Agent",
  meteredUnit: "Metered unit / skill",
  environment: "Environment",
  actions: "Actions",
  credits: "Credits",
  cost: "Cost",
  currency: "Currency column",
  category: "Charge category",
  description: "Description / SKU (groups)",
};

const ORDER_LABEL: Record<string, string> = { ymd: "year-month-day", mdy: "month/day/year", dmy: "day/month/year" };

type Phase =
  | { kind: "idle" }
  | { kind: "previewing"; file: File }
  | { kind: "previewed"; file: File; result: BurnPreview }
  | { kind: "importing"; file: File; importId: string; progress: BurnImportView | null }
  | { kind: "done"; file: File; outcome: BurnImportView };

function formatOf(file: File): "csv" | "xlsx" {
  return /\.xlsx$/i.test(file.name) ? "xlsx" : "csv";
}

/** Whether the preview is sent the whole file: an XLSX always (a zip needs its end), a CSV up to 32 MB. */
function sentWhole(file: File): boolean {
  return formatOf(file) === "xlsx" || file.size <= WHOLE_PREVIEW_BYTES;
}

/** The whole file when it is small enough, else the first 64 KB of a CSV cut after its last complete line. */
async function headOf(file: File): Promise<Blob> {
  if (sentWhole(file)) return file;
  const bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const lastNewline = bytes.lastIndexOf(10);
  return new Blob([lastNewline > 0 ? bytes.subarray(0, lastNewline + 1) : bytes]);
}

async function readJson(res: Response): Promise<{ ok: true; body: unknown } | { ok: false; error: string }> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: a proxy's error page, a dropped connection
  }
  if (res.ok) return { ok: true, body };
  const error = body && typeof body === "object" && "error" in body ? String((body as { error: unknown }).error) : `The server answered ${res.status}. Try again.`;
  return { ok: false, error };
}

/** FOCUS files and recognised vendor exports are read by their header, without a column mapping. */
function readByHeader(p: BurnPreview["preview"]): boolean {
  return Boolean(p.focus || p.vendor || p.dataset);
}

function rowMessage(message: string): string {
  return message.replace(/^row \d+: /, "");
}

export function BurnImporter({ workspaceId, contractId, vendorName, currency }: { workspaceId: string; contractId: string; vendorName: string; currency: string }) {
  const router = useRouter();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [mapping, setMapping] = useState<UsageMapping | null>(null);
  const [remember, setRemember] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const base = `/api/w/${workspaceId}/contracts/${contractId}/imports`;

  async function preview(file: File, withMapping: UsageMapping | null) {
    setError(null);
    // A changed mapping re-reads the file with the current preview left in place (no jump).
    const again = withMapping !== null && phase.kind === "previewed";
    if (again) setRefreshing(true);
    else setPhase({ kind: "previewing", file });
    try {
      const params = new URLSearchParams({ format: formatOf(file) });
      if (sentWhole(file)) params.set("whole", "1");
      if (withMapping) params.set("mapping", JSON.stringify(withMapping));
      const res = await fetch(`${base}/preview?${params}`, { method: "POST", body: await headOf(file), headers: { "Content-Type": "application/octet-stream" } });
      const answer = await readJson(res);
      if (!answer.ok) {
        setError(answer.error);
        setPhase({ kind: "idle" });
        return;
      }
      const result = answer.body as BurnPreview;
      setMapping(result.preview.mapping);
      setPhase({ kind: "previewed", file, result });
    } catch {
      setError("The preview could not be loaded. Check your connection and try again.");
      setPhase({ kind: "idle" });
    } finally {
      setRefreshing(false);
    }
  }

  function changeMapping(next: UsageMapping) {
    setMapping(next);
    if (phase.kind === "previewed") void preview(phase.file, next);
  }

  async function startImport(file: File) {
    setError(null);
    const importId = crypto.randomUUID();
    setPhase({ kind: "importing", file, importId, progress: null });
    const params = new URLSearchParams({ importId, name: file.name, format: formatOf(file), remember: remember ? "1" : "0" });
    if (mapping && phase.kind === "previewed") {
      // A file read by its header needs no columns: only the groups left out go with it.
      const p = phase.result.preview;
      params.set("mapping", JSON.stringify(readByHeader(p) ? { columns: {}, excludeGroups: mapping.excludeGroups ?? [] } : mapping));
    }
    try {
      const res = await fetch(`${base}?${params}`, { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
      const answer = await readJson(res);
      if (!answer.ok) {
        setError(answer.error);
        setPhase({ kind: "idle" });
        return;
      }
      setPhase({ kind: "done", file, outcome: answer.body as BurnImportView });
      router.refresh();
    } catch {
      // The connection dropped: the server discards a partial upload, but ask it what happened.
      const res = await fetch(`${base}/${importId}`).catch(() => null);
      const answer = res ? await readJson(res) : null;
      if (answer?.ok) setPhase({ kind: "done", file, outcome: answer.body as BurnImportView });
      else {
        setError("The upload was interrupted; nothing was stored. Try again.");
        setPhase({ kind: "idle" });
      }
    }
  }

  // Progress lives in the database: poll it while the upload runs (any app instance can answer).
  const importingId = phase.kind === "importing" ? phase.importId : null;
  useEffect(() => {
    if (!importingId) return;
    let stopped = false;
    const tick = async () => {
      const res = await fetch(`${base}/${importingId}`, { cache: "no-store" }).catch(() => null);
      if (stopped || !res?.ok) return;
      const view = (await res.json()) as BurnImportView;
      if (!stopped) setPhase((p) => (p.kind === "importing" && p.importId === importingId ? { ...p, progress: view } : p));
    };
    const timer = setInterval(() => void tick(), 500);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [importingId, base]);

  function reset() {
    setPhase({ kind: "idle" });
    setMapping(null);
    setError(null);
    if (fileInput.current) fileInput.current.value = "";
  }

  const busy = phase.kind === "previewing" || phase.kind === "importing" || refreshing;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
            Usage file (CSV or XLSX)
          </label>
          <input
            ref={fileInput}
            id={inputId}
            type="file"
            accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void preview(file, null);
            }}
            className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-indigo-700 hover:file:bg-indigo-100"
          />
        </div>
        {phase.kind !== "idle" && !busy && (
          <Button type="button" variant="ghost" onClick={reset}>
            {phase.kind === "done" ? "Import another file" : "Cancel"}
          </Button>
        )}
      </div>
      {error && <Alert>{error}</Alert>}
      {phase.kind === "previewing" && <p className="text-sm text-slate-500" role="status">Reading the start of {phase.file.name}…</p>}
      {refreshing && (
        <p className="text-sm text-slate-500" role="status">
          Reading the file again with the new choices…
        </p>
      )}
      {phase.kind === "previewed" && mapping && (
        <PreviewPanel
          file={phase.file}
          result={phase.result}
          mapping={mapping}
          onMapping={changeMapping}
          remember={remember}
          onRemember={setRemember}
          vendorName={vendorName}
          currency={currency}
          refreshing={refreshing}
          onImport={() => void startImport(phase.file)}
        />
      )}
      {phase.kind === "importing" && <ProgressPanel file={phase.file} progress={phase.progress} />}
      {phase.kind === "done" && <OutcomePanel outcome={phase.outcome} />}
    </div>
  );
}

function ProgressPanel({ file, progress }: { file: File; progress: BurnImportView | null }) {
  const fraction = progress?.fraction ?? 0;
  const pct = Math.round(fraction * 100);
  return (
    <div className="space-y-2 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200" data-testid="import-progress">
      <p className="text-sm font-medium text-slate-800">Importing {file.name}…</p>
      <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200">
        <div className="h-full rounded-full bg-indigo-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-slate-600" aria-live="polite">
        {progress ? `${formatNumber(progress.rowsRead, 0)} rows read · ${pct}%` : "Starting…"}
        {pct >= 100 ? " · storing the rows" : ""}
      </p>
    </div>
  );
}

function OutcomePanel({ outcome }: { outcome: BurnImportView }) {
  if (outcome.status === "succeeded") {
    return (
      <Alert kind="success">
        <span data-testid="import-outcome">
          Imported {outcome.fileName}: {formatNumber(outcome.rowsInserted, 0)} {outcome.rowsInserted === 1 ? "row" : "rows"} added
          {outcome.rowsDuplicate > 0 ? `; ${formatNumber(outcome.rowsDuplicate, 0)} ${outcome.rowsDuplicate === 1 ? "row" : "rows"} already stored, not counted twice` : ""}.
        </span>
      </Alert>
    );
  }
  const rowErrors = outcome.errors.filter((e) => e.row > 0);
  const fileErrors = outcome.errors.filter((e) => e.row === 0);
  const more = outcome.errorCount - outcome.errors.length;
  return (
    <div role="alert" className="space-y-2 rounded-md bg-red-50 p-4 text-sm text-red-800 ring-1 ring-inset ring-red-200" data-testid="import-outcome">
      <p className="font-semibold">
        Nothing was stored from {outcome.fileName}.
        {rowErrors.length > 0 ? ` ${outcome.errorCount} ${outcome.errorCount === 1 ? "problem" : "problems"} to fix; the import is all or nothing:` : ""}
      </p>
      {fileErrors.map((e, i) => (
        <p key={i}>{e.message}</p>
      ))}
      {rowErrors.length > 0 && (
        <div tabIndex={0} className="max-h-64 overflow-auto rounded bg-white ring-1 ring-red-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
          <table className="w-full text-left text-sm" aria-label="Bad rows">
            <thead className="sticky top-0 bg-red-50 text-xs uppercase text-red-700">
              <tr>
                <th scope="col" className="px-3 py-1.5">Row</th>
                <th scope="col" className="px-3 py-1.5">Reason</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-red-50 text-slate-800">
              {rowErrors.map((e, i) => (
                <tr key={i}>
                  <th scope="row" className="px-3 py-1.5 font-medium tabular-nums">
                    Row {e.row}
                  </th>
                  <td className="px-3 py-1.5 break-words">{rowMessage(e.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more > 0 && <p>…and {formatNumber(more, 0)} more.</p>}
    </div>
  );
}

function PreviewPanel({
  file,
  result,
  mapping,
  onMapping,
  remember,
  onRemember,
  vendorName,
  currency,
  refreshing,
  onImport,
}: {
  file: File;
  result: BurnPreview;
  mapping: UsageMapping;
  onMapping: (m: UsageMapping) => void;
  remember: boolean;
  onRemember: (v: boolean) => void;
  vendorName: string;
  currency: string;
  refreshing: boolean;
  onImport: () => void;
}) {
  const p = result.preview;
  const id = useId();
  if (p.fileError) return <Alert>{p.fileError}</Alert>;
  const columns = mapping.columns ?? {};
  const setColumn = (field: string, header: string) => {
    const next: Record<string, string> = { ...(columns as Record<string, string>) };
    if (header) next[field] = header;
    else delete next[field];
    onMapping({ ...mapping, columns: next });
  };
  const blocked = Boolean(p.mappingProblem);
  return (
    <div className="space-y-4" data-testid="import-preview">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm break-words sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">File</dt>
          <dd className="truncate text-slate-800" title={file.name}>
            {file.name} · {p.format.toUpperCase()}
            {p.delimiter ? ` · delimiter ${p.delimiter === "\t" ? "tab" : `"${p.delimiter}"`}` : ""}
            {p.sheetName ? ` · sheet ${p.sheetName}` : ""}
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Kind</dt>
          <dd className="text-slate-800" data-testid="preview-kind">
            {p.focus
              ? `FinOps FOCUS ${p.focus.version}${p.dataset === "ContractCommitment" ? " (Contract Commitment dataset)" : ""}: no mapping needed`
              : p.vendor
                ? `${p.vendor.name} export: no mapping needed`
                : result.mappingSource === "remembered" ? `Mapped with ${vendorName}'s remembered mapping` : "Usage export: map the columns"}
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Dates</dt>
          <dd className="text-slate-800" data-testid="preview-dates" title={p.dates.reason}>
            {p.dates.patterns.length ? p.dates.patterns.join(", ") : "none seen"}, read {ORDER_LABEL[p.dates.order]} ({p.dates.confidence})
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Numbers</dt>
          <dd className="text-slate-800" data-testid="preview-numbers" title={p.numbers.reason}>
            decimal &quot;{p.numbers.decimalSeparator}&quot;
            {p.numbers.thousandsSeparator ? `, thousands "${p.numbers.thousandsSeparator === " " ? "space" : p.numbers.thousandsSeparator}"` : ""}
            {p.numbers.currencySymbols.length ? `, ${p.numbers.currencySymbols.join(" ")} removed` : ""} ({p.numbers.confidence})
          </dd>
        </div>
      </dl>

      {!readByHeader(p) && (
        <fieldset className="rounded-md p-4 ring-1 ring-slate-200">
          <legend className="px-1 text-sm font-semibold text-slate-900">Column mapping</legend>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {result.fields.map((field) => (
              <div key={field} className="space-y-1">
                <label htmlFor={`${id}-${field}`} className="block text-xs font-medium text-slate-700">
                  {FIELD_LABEL[field] ?? field}
                </label>
                <select
                  id={`${id}-${field}`}
                  value={(columns as Record<string, string | undefined>)[field] ?? ""}
                  onChange={(e) => setColumn(field, e.target.value)}
                  className="block w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
                >
                  <option value="">— not in the file —</option>
                  {p.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <div className="space-y-1">
              <label htmlFor={`${id}-order`} className="block text-xs font-medium text-slate-700">
                Date order
              </label>
              <select
                id={`${id}-order`}
                value={mapping.dateOrder ?? "auto"}
                onChange={(e) => onMapping({ ...mapping, dateOrder: e.target.value as UsageMapping["dateOrder"] })}
                className="block w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300"
              >
                <option value="auto">Detect</option>
                <option value="ymd">Year-month-day</option>
                <option value="mdy">Month/day/year</option>
                <option value="dmy">Day/month/year</option>
              </select>
            </div>
            <div className="space-y-1">
              <label htmlFor={`${id}-decimal`} className="block text-xs font-medium text-slate-700">
                Decimal separator
              </label>
              <select
                id={`${id}-decimal`}
                value={mapping.decimalSeparator ?? "auto"}
                onChange={(e) => onMapping({ ...mapping, decimalSeparator: e.target.value as UsageMapping["decimalSeparator"] })}
                className="block w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300"
              >
                <option value="auto">Detect</option>
                <option value=".">Point (1,234.5)</option>
                <option value=",">Comma (1.234,5)</option>
              </select>
            </div>
          </div>
          <label className="mt-3 flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={remember} onChange={(e) => onRemember(e.target.checked)} className="rounded border-slate-300" />
            Remember this mapping for {vendorName}
          </label>
        </fieldset>
      )}

      {p.mappingProblem && <Alert>{p.mappingProblem}</Alert>}
      {/* The check of the whole file lists every refused row; the first rows' problems would repeat them. */}
      {p.issues.length > 0 && !result.check?.wholeFile && (
        <Alert>
          Problems in the first rows (the import will refuse the file until they are fixed):
          <ul className="mt-1 list-disc pl-5">
            {p.issues.slice(0, 5).map((i, k) => (
              <li key={k}>{i.message}</li>
            ))}
          </ul>
        </Alert>
      )}

      <div>
        <p className="mb-1 text-xs text-slate-500">
          {p.normalised.length === 0 ? "The rows will show here as they will be stored once the mapping is complete." : `The first ${p.normalised.length} rows as they will be stored:`}
        </p>
        <div tabIndex={0} className="max-h-72 overflow-auto rounded-md ring-1 ring-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
          <table className="w-full min-w-[44rem] text-left text-xs tabular-nums" aria-label="Preview of the rows to import">
            <thead className="sticky top-0 bg-slate-50 uppercase tracking-wide text-slate-500">
              <tr>
                {["Row", "Period", "Agent", "Unit", "Environment", "Actions", "Credits", "Cost"].map((h) => (
                  <th key={h} scope="col" className="px-2 py-1.5 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {p.normalised.map((r) => (
                <tr key={r.sourceRow}>
                  <td className="px-2 py-1 text-slate-500">{r.sourceRow}</td>
                  <td className="whitespace-nowrap px-2 py-1">{formatDate(r.periodStart)}</td>
                  <td className="max-w-[12rem] truncate px-2 py-1" title={r.agent ?? ""}>{r.agent ?? "—"}</td>
                  <td className="max-w-[14rem] truncate px-2 py-1" title={r.meteredUnit ?? ""}>{r.meteredUnit ?? "—"}</td>
                  <td className="px-2 py-1">{r.environment ? (ENVIRONMENT_LABEL[r.environment] ?? r.environment) : "—"}</td>
                  <td className="px-2 py-1">{count(r.actions)}</td>
                  <td className="px-2 py-1">{count(r.credits)}</td>
                  <td className="px-2 py-1">{r.cost === null ? "—" : r.currency ? formatMoney(r.cost, r.currency) : count(r.cost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600">The file as written ({p.headers.length} columns)</summary>
        <div tabIndex={0} className="mt-2 max-h-72 overflow-auto rounded-md ring-1 ring-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
          <table className="w-max text-left text-xs" aria-label="Raw rows of the file">
            <thead className="sticky top-0 bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1.5">Row</th>
                {p.columns.map((c) => (
                  <th key={c.index} scope="col" className="max-w-[12rem] truncate px-2 py-1.5 font-medium" title={`${c.name}: ${c.kind}`}>
                    {c.name}
                    <span className="ml-1 font-normal text-slate-500">{c.kind}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {p.rows.map((r) => (
                <tr key={r.row}>
                  <td className="px-2 py-1 text-slate-500">{r.row}</td>
                  {r.cells.map((c, i) => (
                    <td key={i} className="max-w-[12rem] truncate px-2 py-1" title={c ?? ""}>
                      {c ?? ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>

      {result.check && (
        <FileCheckPanel
          check={result.check}
          currency={result.check.currency ?? currency}
          excludeGroups={mapping.excludeGroups ?? []}
          onExclude={(excludeGroups) => onMapping(readByHeader(p) ? { columns: {}, excludeGroups } : { ...mapping, excludeGroups })}
        />
      )}
      {result.check && readByHeader(p) && (result.check.totals?.groups.some((g) => g.category === "usage") ?? false) && (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={remember} onChange={(e) => onRemember(e.target.checked)} className="rounded border-slate-300" />
          Remember the groups left out for {vendorName}
        </label>
      )}

      <Button type="button" onClick={onImport} disabled={blocked || refreshing}>
        Import {file.name}
      </Button>
    </div>
  );
}

const CATEGORY_LABEL: Record<ChargeCategory, string> = {
  usage: "Usage",
  unusedCommitment: "Unused commitment",
  purchase: "Purchases",
  credit: "Credits",
  adjustment: "Adjustments",
  tax: "Tax",
  other: "Other charges",
};
const CATEGORY_ORDER: ChargeCategory[] = ["usage", "unusedCommitment", "purchase", "credit", "adjustment", "tax", "other"];

/** "November 2026 (AWS, billing account 42)" → ["November 2026", "AWS, billing account 42"] */
function splitScopeLabel(label: string): [string, string | null] {
  const at = label.indexOf(" (");
  return at < 0 ? [label, null] : [label.slice(0, at), label.slice(at + 2, -1)];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n, 0)} ${n === 1 ? one : many}`;
}

/**
 * What the import would store, read from the rows sent: consumption, the groups by category and
 * description (usage groups can be left out), rows spread over periods, the billing periods the
 * file restates and the rows it would refuse.
 */
function FileCheckPanel({ check, currency, excludeGroups, onExclude }: { check: FileCheck; currency: string; excludeGroups: readonly string[]; onExclude: (groups: string[]) => void }) {
  const money = (v: string | null) => (v === null ? "—" : formatMoney(v, currency));
  const figure = (f: { credits: string | null; cost: string | null }) => (f.cost !== null ? money(f.cost) : f.credits !== null ? `${formatNumber(f.credits, 4)} credits` : "nothing");
  const totals = check.totals;
  const groups = totals ? [...totals.groups].sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category)) : [];
  const showBilled = groups.some((g) => g.billedCost !== null && g.billedCost !== g.cost);
  const toggle = (g: GroupTotals, leaveOut: boolean) => {
    const key = g.key;
    const next = excludeGroups.filter((k) => k !== key);
    onExclude(leaveOut ? [...next, key] : next);
  };
  const rowErrors = check.errors.filter((e) => e.row > 0);
  return (
    <section className="space-y-3" aria-label="What the import would store" data-testid="import-check">
      {!check.wholeFile && (
        <p className="text-xs text-slate-500">Figures of the first {formatNumber(check.rowCount, 0)} rows sent for the preview; the import reads the whole file.</p>
      )}
      {check.fileError && <Alert>{check.fileError}</Alert>}
      {!check.importable && rowErrors.length > 0 && (
        <Alert>
          The import would refuse the file ({plural(rowErrors.length + check.omittedErrorCount, "problem")}):
          <ul className="mt-1 list-disc pl-5">
            {rowErrors.slice(0, 8).map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
          {rowErrors.length + check.omittedErrorCount > 8 && <p className="mt-1">…and {formatNumber(rowErrors.length + check.omittedErrorCount - 8, 0)} more.</p>}
        </Alert>
      )}
      {check.warnings.length > 0 && (
        <details className="text-sm text-slate-700" data-testid="check-warnings">
          <summary className="cursor-pointer text-slate-600">
            {plural(check.warnings.length, "note")} on the file (the import goes ahead)
          </summary>
          <ul className="mt-1 list-disc space-y-0.5 break-words pl-5 text-xs">
            {check.warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </details>
      )}
      {totals && (
        <p className="text-sm text-slate-800" data-testid="check-consumption">
          <span className="font-semibold">{check.importable ? "Burn from this file:" : "Burn from the rows that read (the file is refused as it stands):"}</span> {plural(totals.consumption.rows, "row")}
          {totals.consumption.credits !== null ? `, ${formatNumber(totals.consumption.credits, 4)} credits` : ""}
          {totals.consumption.actions !== null ? `, ${formatNumber(totals.consumption.actions, 4)} actions` : ""}
          {totals.consumption.cost !== null ? `, ${money(totals.consumption.cost)}` : ""}
          {totals.consumption.billedCost !== null && totals.consumption.billedCost !== totals.consumption.cost ? ` (billed ${money(totals.consumption.billedCost)})` : ""}.
          {groups.some((g) => g.category !== "usage" || g.excluded) ? " Rows kept apart are stored and shown apart, never counted as burn." : ""}
        </p>
      )}
      {check.spreadRowCount > 0 && (
        <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-800 ring-1 ring-inset ring-sky-200" data-testid="check-spread">
          {check.spreadRowCount === 1 ? "1 row covers" : `${formatNumber(check.spreadRowCount, 0)} rows cover`} several {totals?.granularity === "week" ? "weeks" : "months"}:{" "}
          {check.spreadRowCount === 1 ? "it is" : "they are"} spread over them by days.
        </p>
      )}
      {check.restatements.map((r) => {
        const [month, who] = splitScopeLabel(r.label);
        return (
          <p key={r.scope} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" data-testid="check-restatement">
            <span className="font-semibold">
              Replaces {plural(r.rowsReplaced, "row")} of {month}, {figure(r.before)} → {figure(r.after)}
            </span>
            {who ? ` (${who})` : ""}: the file restates a billing period already imported
            {r.rowsKept > 0 ? `; ${plural(r.rowsKept, "row")} it repeats unchanged stay` : ""}.
          </p>
        );
      })}
      {check.corrections.map((c) => (
        <p key={c.month} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" data-testid="check-correction">
          <span className="font-semibold">
            Corrects {c.label}: {plural(c.rows, "correction row")}, {figure(c.before)} → {figure(c.after)}
          </span>
          .
        </p>
      ))}
      {groups.length > 0 && (
        <ScrollRegion className="rounded-md ring-1 ring-slate-200">
          {/* Three columns, figures stacked in one, so that a phone shows every group whole. */}
          <table className="w-full text-left text-sm tabular-nums" aria-label="Rows by category and description">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Group</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{showBilled ? "Credits · effective cost · billed" : "Credits · cost"}</th>
                <th scope="col" className="px-3 py-2 font-medium">Counted as</th>
              </tr>
            </thead>
            {CATEGORY_ORDER.filter((cat) => groups.some((g) => g.category === cat)).map((cat) => (
              <tbody key={cat} className="divide-y divide-slate-100 border-t border-slate-200">
                <tr className="bg-slate-50/60">
                  <th scope="rowgroup" colSpan={3} className="px-3 py-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
                    {CATEGORY_LABEL[cat]}
                  </th>
                </tr>
                {groups
                  .filter((g) => g.category === cat)
                  .map((g) => {
                    const units = Object.entries(g.quantities);
                    const differs = g.billedCost !== null && g.billedCost !== g.cost;
                    const leftOut = excludeGroups.includes(g.key);
                    const name = g.label || "(no description)";
                    return (
                      <tr key={g.key} data-testid="check-group" className={`align-top ${leftOut || g.category !== "usage" ? "text-slate-500" : "text-slate-800"}`}>
                        <th scope="row" className="px-3 py-1.5 text-left font-medium">
                          <span className="block break-words">{name}</span>
                          <span className="block text-xs font-normal text-slate-500">
                            {plural(g.rows, "row")}
                            {units.map(([u, q]) => ` · ${formatNumber(q, 4)} ${u}`).join("")}
                            {g.from ? ` · ${formatDate(g.from)}${g.until && g.until !== g.from ? ` – ${formatDate(g.until)}` : ""}` : ""}
                          </span>
                        </th>
                        <td className="px-3 py-1.5 text-right">
                          {g.creditsBought !== null ? (
                            <span className="block whitespace-nowrap">{formatNumber(g.creditsBought, 4)} bought</span>
                          ) : g.credits !== null ? (
                            <span className="block whitespace-nowrap">{formatNumber(g.credits, 4)} credits</span>
                          ) : null}
                          {g.cost !== null && <span className="block whitespace-nowrap">{money(g.cost)}</span>}
                          {differs && <span className="block whitespace-nowrap text-xs font-medium text-slate-700">billed {money(g.billedCost)}</span>}
                          {g.credits === null && g.creditsBought === null && g.cost === null && "—"}
                        </td>
                        <td className="px-3 py-1.5">
                          {g.category === "usage" ? (
                            <label className="inline-flex items-center gap-2 whitespace-nowrap">
                              <input type="checkbox" checked={leftOut} onChange={(e) => toggle(g, e.target.checked)} aria-label={`Leave out ${name}`} className="rounded border-slate-300" />
                              {leftOut ? "left out" : "burn"}
                            </label>
                          ) : (
                            <span className="whitespace-nowrap">kept apart</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            ))}
          </table>
        </ScrollRegion>
      )}
      {groups.some((g) => g.category === "usage") && (
        <p className="text-xs text-slate-500">
          Tick a usage group to leave it out of the burn (a monthly unused fee, a support plan): its rows are kept and shown apart.
          {showBilled ? " Cost is the effective cost (purchases amortised); the billed cost is what the invoice says." : ""}
        </p>
      )}
    </section>
  );
}
