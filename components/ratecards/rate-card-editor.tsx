"use client";
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, useTransition } from "react";
import { saveVersionAction } from "@/app/w/[workspaceId]/ratecards/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatNumber, formatUnitPrice } from "@/components/format";
import { record, redo, redoLabel, startHistory, undo, undoLabel, type History } from "@/components/ui/history";
import { ScrollRegion } from "@/components/ui/scroll-region";

export interface UnitRow {
  id: string;
  name: string;
  creditsPerUnit: string;
}

export type CreditPriceValue =
  | { kind: "direct"; pricePerCredit: string }
  | { kind: "pack"; packPrice: string; packCredits: string }
  | { kind: "unknown" };

export interface EditableVersion {
  id: string;
  versionNo: number;
  revision: number;
  locked: boolean;
  currency: string;
  effectiveFrom: string;
  source: string;
  units: UnitRow[];
  creditPrice: CreditPriceValue;
}

type Col = "id" | "name" | "creditsPerUnit";
const EDITABLE: Col[] = ["id", "name", "creditsPerUnit"];
const LABEL: Record<Col, string> = { id: "Unit id", name: "Name", creditsPerUnit: "Credits per unit" };

const helper = createColumnHelper<UnitRow>();

/**
 * The rate card as an editable grid: arrow keys move between cells, Enter (or typing) edits, Enter
 * commits, Escape cancels. Sorting and filtering only change the view; edits address the unit itself.
 */
export function RateCardEditor({ workspaceId, rateCardId, version, canEdit }: { workspaceId: string; rateCardId: string; version: EditableVersion; canEdit: boolean }) {
  const router = useRouter();
  // The grid's units with their undo history (Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y, and the buttons below it).
  const [history, setHistory] = useState<History<UnitRow[]>>(() => startHistory(version.units));
  const units = history.present;
  const change = (next: UnitRow[], label: string) => setHistory((h) => record(h, next, label));
  const [announce, setAnnounce] = useState("");
  const [price, setPrice] = useState<CreditPriceValue>(version.creditPrice);
  const [effectiveFrom, setEffectiveFrom] = useState(version.effectiveFrom);
  const [source, setSource] = useState(version.source);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filter, setFilter] = useState("");
  const [active, setActive] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<{ index: number; col: Col; value: string } | null>(null);
  const [result, setResult] = useState<{ kind: "error" | "success"; text: string; fields?: Record<string, string[]> } | null>(null);
  const [pending, start] = useTransition();
  const gridRef = useRef<HTMLTableElement>(null);
  // Set when a key (Enter, Tab, Escape) ends the edit: the input's blur that follows must not commit again.
  const closing = useRef(false);

  const dirty =
    JSON.stringify(units) !== JSON.stringify(version.units) ||
    JSON.stringify(price) !== JSON.stringify(version.creditPrice) ||
    effectiveFrom !== version.effectiveFrom ||
    source !== version.source;

  const columns = useMemo(
    () => [
      helper.accessor("id", { header: LABEL.id, sortingFn: "alphanumeric" }),
      helper.accessor("name", { header: LABEL.name, sortingFn: "alphanumeric" }),
      helper.accessor("creditsPerUnit", {
        header: LABEL.creditsPerUnit,
        sortingFn: (a, b) => Number(a.original.creditsPerUnit) - Number(b.original.creditsPerUnit),
      }),
    ],
    [],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the table instance is used in this component only
  const table = useReactTable({
    data: units,
    columns,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    globalFilterFn: "includesString",
  });
  const rows = table.getRowModel().rows;
  const colCount = EDITABLE.length + (canEdit ? 1 : 0);

  function focusCell(row: number, col: number) {
    const r = Math.max(0, Math.min(rows.length - 1, row));
    const c = Math.max(0, Math.min(colCount - 1, col));
    setActive({ row: r, col: c });
    // Focus at once, so that keys pressed in quick succession each start from the cell just reached;
    // again after the render, for a cell that was showing its input.
    const find = () => gridRef.current?.querySelector<HTMLElement>(`[data-cell="${r}:${c}"]`);
    find()?.focus();
    requestAnimationFrame(() => {
      const el = find();
      if (el && document.activeElement !== el && !el.contains(document.activeElement)) el.focus();
    });
  }

  function commit(next?: { row: number; col: number }) {
    if (!editing) return;
    const { index, col, value } = editing;
    const unit = units[index];
    const v = col === "creditsPerUnit" ? value.trim() : value;
    if (unit && unit[col] !== v) change(units.map((u, i) => (i === index ? { ...u, [col]: v } : u)), `${col === "name" ? "rename" : `change the ${LABEL[col].toLowerCase()} of`} “${unit.name}”${col === "name" ? ` to “${v}”` : ` to ${v === "" ? "empty" : v}`}`);
    setEditing(null);
    focusCell(next?.row ?? active.row, next?.col ?? active.col);
  }

  function stepHistory(dir: "undo" | "redo") {
    const label = dir === "undo" ? undoLabel(history) : redoLabel(history);
    if (!label) return;
    setEditing(null);
    setHistory((h) => (dir === "undo" ? undo(h) : redo(h)));
    setAnnounce(`${dir === "undo" ? "Undone" : "Redone"}: ${label}.`);
  }

  function onCellKey(e: React.KeyboardEvent, rowPos: number, colPos: number) {
    if (editing) return;
    const row = rows[rowPos];
    const col = EDITABLE[colPos];
    if (canEdit && (e.ctrlKey || e.metaKey) && !e.altKey && (e.key.toLowerCase() === "z" || e.key.toLowerCase() === "y")) {
      e.preventDefault();
      return stepHistory(e.key.toLowerCase() === "y" || e.shiftKey ? "redo" : "undo");
    }
    switch (e.key) {
      case "ArrowUp":
        e.preventDefault();
        return focusCell(rowPos - 1, colPos);
      case "ArrowDown":
        e.preventDefault();
        return focusCell(rowPos + 1, colPos);
      case "ArrowLeft":
        e.preventDefault();
        return focusCell(rowPos, colPos - 1);
      case "ArrowRight":
        e.preventDefault();
        return focusCell(rowPos, colPos + 1);
      case "Home":
        e.preventDefault();
        return focusCell(rowPos, 0);
      case "End":
        e.preventDefault();
        return focusCell(rowPos, colCount - 1);
      case "Enter":
      case "F2":
        if (canEdit && row && col) {
          e.preventDefault();
          setEditing({ index: row.index, col, value: String(row.original[col]) });
        }
        return;
      case "Delete":
        if (canEdit && row && colPos === EDITABLE.length) {
          e.preventDefault();
          removeUnit(row.index);
        }
        return;
      default:
        // Typing a character starts editing with that character, as in a spreadsheet.
        if (canEdit && row && col && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          setEditing({ index: row.index, col, value: e.key });
        }
    }
  }

  function addUnit() {
    let n = units.length + 1;
    while (units.some((u) => u.id === `unit-${n}`)) n += 1;
    const next = [...units, { id: `unit-${n}`, name: "New unit", creditsPerUnit: "0" }];
    change(next, `add the unit “unit-${n}”`);
    setFilter("");
    setSorting([]);
    setEditing({ index: next.length - 1, col: "name", value: "New unit" });
    setActive({ row: next.length - 1, col: 1 });
  }

  function removeUnit(index: number) {
    const unit = units[index];
    if (!unit) return;
    change(
      units.filter((_, i) => i !== index),
      `remove “${unit.name}”`,
    );
    setAnnounce(`Removed “${unit.name}”. Undo with Ctrl+Z.`);
    setEditing(null);
    focusCell(Math.min(active.row, units.length - 2), active.col);
  }

  function save() {
    setResult(null);
    start(async () => {
      const r = await saveVersionAction(workspaceId, {
        versionId: version.id,
        revision: version.revision,
        effectiveFrom,
        source,
        units,
        creditPrice: price,
      });
      if (!r.ok) {
        setResult({ kind: "error", text: r.error, ...(r.fieldErrors ? { fields: r.fieldErrors } : {}) });
        return;
      }
      if (r.data.created) {
        router.push(`/w/${workspaceId}/ratecards/${rateCardId}?v=${r.data.versionNo}&saved=new`);
      } else {
        setResult({ kind: "success", text: `Version ${r.data.versionNo} saved.` });
        router.refresh();
      }
    });
  }

  const fieldError = (key: string) => result?.fields?.[key]?.join(" ");
  const unitErrors = Object.entries(result?.fields ?? {}).filter(([k]) => k.startsWith("units"));

  return (
    <div className="space-y-5">
      {version.locked && canEdit && (
        <Alert kind="info">
          Version {version.versionNo} is locked: a contract or saved scenario uses it, so it never changes. Saving your edits creates version {version.versionNo + 1} as a draft.
        </Alert>
      )}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Filter units</span>
          <input
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="id or name"
            className="mt-1 block w-56 rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
          />
        </label>
        <p className="text-xs text-slate-500">
          {canEdit ? "Arrow keys move · Enter or typing edits · Enter saves the cell · Escape cancels · Delete on a row's last cell removes it · Ctrl+Z undoes, Ctrl+Shift+Z redoes" : "Arrow keys move between cells · read-only"}
        </p>
      </div>
      <ScrollRegion className="rounded-md ring-1 ring-slate-200">
        <table ref={gridRef} role="grid" aria-label={`Units of version ${version.versionNo}`} aria-rowcount={rows.length + 1} className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const dir = h.column.getIsSorted();
                  return (
                    <th key={h.id} scope="col" aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"} className={`px-3 py-2 font-medium ${h.column.id === "creditsPerUnit" ? "text-right" : ""}`}>
                      <button type="button" onClick={h.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 uppercase hover:text-slate-800">
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span aria-hidden>{dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}</span>
                      </button>
                    </th>
                  );
                })}
                {canEdit && (
                  <th scope="col" className="w-24 px-3 py-2 font-medium">
                    <span className="sr-only">Remove</span>
                  </th>
                )}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 && (
              <tr>
                <td colSpan={colCount} className="px-3 py-6 text-center text-slate-500">
                  {units.length === 0 ? "No units yet. Add the first one." : "No unit matches the filter."}
                </td>
              </tr>
            )}
            {rows.map((row, rowPos) => (
              <tr key={row.id} className="hover:bg-slate-50/60">
                {EDITABLE.map((col, colPos) => {
                  const isActive = active.row === rowPos && active.col === colPos;
                  const isEditing = editing?.index === row.index && editing.col === col;
                  const err = fieldError(`units.${row.index}.${col}`);
                  const value = row.original[col];
                  return (
                    <td
                      key={col}
                      role="gridcell"
                      data-cell={`${rowPos}:${colPos}`}
                      aria-label={`${LABEL[col]} of ${row.original.name}`}
                      aria-invalid={err ? true : undefined}
                      tabIndex={isActive && !isEditing ? 0 : -1}
                      onFocus={() => setActive({ row: rowPos, col: colPos })}
                      onClick={() => focusCell(rowPos, colPos)}
                      onDoubleClick={() => canEdit && setEditing({ index: row.index, col, value: String(value) })}
                      onKeyDown={(e) => onCellKey(e, rowPos, colPos)}
                      className={`px-3 py-1.5 outline-none ${col === "creditsPerUnit" ? "text-right tabular-nums" : ""} ${isActive ? "ring-2 ring-inset ring-indigo-500" : ""} ${err ? "bg-red-50" : ""}`}
                    >
                      {isEditing ? (
                        <input
                          autoFocus
                          aria-label={`Edit ${LABEL[col]}`}
                          value={editing.value}
                          inputMode={col === "creditsPerUnit" ? "decimal" : undefined}
                          onChange={(e) => setEditing({ ...editing, value: e.target.value })}
                          onFocus={() => {
                            closing.current = false;
                          }}
                          onBlur={() => {
                            if (closing.current) closing.current = false;
                            else commit();
                          }}
                          onKeyDown={(e) => {
                            if (e.key === "Enter") {
                              e.preventDefault();
                              closing.current = true;
                              commit({ row: rowPos + 1 < rows.length ? rowPos + 1 : rowPos, col: colPos });
                            } else if (e.key === "Escape") {
                              e.preventDefault();
                              closing.current = true;
                              setEditing(null);
                              focusCell(rowPos, colPos);
                            } else if (e.key === "Tab") {
                              e.preventDefault();
                              closing.current = true;
                              commit({ row: rowPos, col: e.shiftKey ? colPos - 1 : colPos + 1 });
                            }
                          }}
                          className={`w-full rounded border-0 px-1 py-0.5 text-sm ring-1 ring-indigo-400 ${col === "creditsPerUnit" ? "text-right" : ""}`}
                        />
                      ) : (
                        <span className={col === "id" ? "font-mono text-xs text-slate-600" : ""}>{value === "" ? <em className="text-slate-500">empty</em> : value}</span>
                      )}
                    </td>
                  );
                })}
                {canEdit && (
                  <td
                    role="gridcell"
                    data-cell={`${rowPos}:${EDITABLE.length}`}
                    tabIndex={active.row === rowPos && active.col === EDITABLE.length ? 0 : -1}
                    onKeyDown={(e) => onCellKey(e, rowPos, EDITABLE.length)}
                    className="px-3 py-1.5 text-right outline-none focus:ring-2 focus:ring-inset focus:ring-indigo-500"
                  >
                    <button type="button" tabIndex={-1} onClick={() => removeUnit(row.index)} className="text-xs font-semibold text-red-700 hover:underline" aria-label={`Remove ${row.original.name}`}>
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {unitErrors.length > 0 && (
        <Alert>
          {unitErrors.map(([k, v]) => (
            <div key={k}>
              {k}: {v.join(" ")}
            </div>
          ))}
        </Alert>
      )}
      {canEdit && (
        <div className="flex flex-wrap items-center gap-2">
          <Button type="button" variant="secondary" onClick={addUnit}>
            Add unit
          </Button>
          <Button type="button" variant="secondary" onClick={() => stepHistory("undo")} disabled={!undoLabel(history)} title={undoLabel(history) ? `Undo: ${undoLabel(history)} (Ctrl+Z)` : "Nothing to undo"}>
            Undo
          </Button>
          <Button type="button" variant="secondary" onClick={() => stepHistory("redo")} disabled={!redoLabel(history)} title={redoLabel(history) ? `Redo: ${redoLabel(history)} (Ctrl+Shift+Z)` : "Nothing to redo"}>
            Redo
          </Button>
          {undoLabel(history) && <span className="text-xs text-slate-500">Last change: {undoLabel(history)}</span>}
        </div>
      )}
      <p role="status" aria-live="polite" className="sr-only">
        {announce}
      </p>

      <fieldset className="grid gap-4 border-t border-slate-100 pt-4 sm:grid-cols-3" disabled={!canEdit}>
        <legend className="sr-only">Price of a credit and dates</legend>
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Price of a credit</span>
          <select aria-label="Price of a credit"
            value={price.kind}
            onChange={(e) => {
              const k = e.target.value as CreditPriceValue["kind"];
              setPrice(k === "direct" ? { kind: "direct", pricePerCredit: "" } : k === "pack" ? { kind: "pack", packPrice: "", packCredits: "" } : { kind: "unknown" });
            }}
            className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
          >
            <option value="direct">Direct: a price per credit</option>
            <option value="pack">Pack: a price for a number of credits</option>
            <option value="unknown">Unknown (unpinned: set in the contract)</option>
          </select>
        </label>
        {price.kind === "direct" && (
          <SmallField label={`Price per credit (${version.currency})`} value={price.pricePerCredit} error={fieldError("creditPrice.pricePerCredit")} onChange={(v) => setPrice({ kind: "direct", pricePerCredit: v })} />
        )}
        {price.kind === "pack" && (
          <>
            <SmallField label={`Pack price (${version.currency})`} value={price.packPrice} error={fieldError("creditPrice.packPrice")} onChange={(v) => setPrice({ ...price, packPrice: v })} />
            <SmallField label="Credits per pack" value={price.packCredits} error={fieldError("creditPrice.packCredits")} onChange={(v) => setPrice({ ...price, packCredits: v })} />
          </>
        )}
        {price.kind === "unknown" && (
          <p className="text-sm text-slate-500 sm:col-span-2">
            The vendor publishes no price per credit. Figures stay in credits (price unpinned) until a contract pins a price or sets a committed price.
          </p>
        )}
        <SmallField label="Effective from" type="date" value={effectiveFrom} error={fieldError("effectiveFrom")} onChange={setEffectiveFrom} />
        <label className="block text-sm sm:col-span-2">
          <span className="font-medium text-slate-700">Source</span>
          <input value={source} onChange={(e) => setSource(e.target.value)} className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300" />
        </label>
      </fieldset>
      {price.kind !== "unknown" && (
        <p className="text-sm text-slate-600" data-testid="price-per-credit">
          {price.kind === "direct" ? `${formatUnitPrice(price.pricePerCredit || null, version.currency)} per credit` : `${formatUnitPrice(price.packPrice || null, version.currency)} buys ${formatNumber(price.packCredits || null)} credits`}
        </p>
      )}

      {canEdit && (
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
          <Button type="button" onClick={save} disabled={pending || !dirty}>
            {pending ? "Saving…" : version.locked ? `Save as version ${version.versionNo + 1}` : "Save changes"}
          </Button>
          <Button
            type="button"
            variant="secondary"
            disabled={pending || !dirty}
            onClick={() => {
              change(version.units, "discard the unsaved changes");
              setPrice(version.creditPrice);
              setEffectiveFrom(version.effectiveFrom);
              setSource(version.source);
              setResult(null);
            }}
          >
            Discard changes
          </Button>
          {dirty && <span className="text-xs text-amber-700">Unsaved changes</span>}
        </div>
      )}
      {result && <Alert kind={result.kind}>{result.text}</Alert>}
    </div>
  );
}

function SmallField({ label, value, onChange, error, type = "text" }: { label: string; value: string; onChange: (v: string) => void; error?: string | undefined; type?: string }) {
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <input
        type={type}
        value={value}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 aria-[invalid=true]:ring-red-500"
      />
      {error && <span className="mt-1 block text-xs text-red-600">{error}</span>}
    </label>
  );
}
