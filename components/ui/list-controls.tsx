// Search, filters, sortable headers and pages for lists whose state is in the URL: plain links and
// a GET form, so they work before any script has loaded and a view can be shared by its address.
import Link from "next/link";
import { formatNumber } from "@/components/format";
import { buttonClass } from "./button-class";

export interface ListFilter {
  name: string;
  label: string;
  value: string;
  /** the first option is "any" (empty value) */
  options: { value: string; label: string }[];
}

export function ListSearch({
  action,
  q,
  label,
  placeholder,
  filters = [],
  keep = {},
  clearHref,
  shown,
  total,
  noun,
  count,
}: {
  /** the list's path (the form's GET target) */
  action: string;
  q: string;
  label: string;
  placeholder?: string;
  filters?: ListFilter[];
  /** parameters the form carries along unchanged (sort, direction, tab) */
  keep?: Record<string, string | undefined>;
  clearHref: string;
  shown: number;
  total: number;
  noun: string;
  /** says how many are shown, instead of "n of m match" (a log paged by cursor knows no total) */
  count?: string;
}) {
  const filtered = q !== "" || filters.some((f) => f.value !== "");
  // one search form per list on a page: its fields' ids come from its label
  const id = `find-${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <form method="get" action={action} role="search" aria-label={label} className="mb-3 flex flex-wrap items-end gap-2">
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <div className="min-w-0 flex-1 basis-48">
        <label htmlFor={`${id}-q`} className="block text-xs font-medium text-slate-600">
          {label}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          name="q"
          defaultValue={q}
          maxLength={100}
          placeholder={placeholder}
          className="mt-1 block w-full rounded-md border-0 px-3 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
        />
      </div>
      {filters.map((f) => (
        <div key={f.name}>
          <label htmlFor={`${id}-${f.name}`} className="block text-xs font-medium text-slate-600">
            {f.label}
          </label>
          <select id={`${id}-${f.name}`} name={f.name} defaultValue={f.value} className="mt-1 block max-w-[16rem] rounded-md border-0 py-1.5 pl-2 pr-8 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600">
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <button type="submit" className={buttonClass("secondary", "px-3 py-1.5 text-sm")}>
        Apply
      </button>
      {filtered && (
        <Link href={clearHref} className="px-1 py-1.5 text-sm font-medium text-indigo-700 hover:underline">
          Clear
        </Link>
      )}
      <p className="basis-full text-xs text-slate-500" aria-live="polite" data-testid="list-count">
        {count ?? (filtered ? `${formatNumber(shown, 0)} of ${formatNumber(total, 0)} ${noun} match.` : `${formatNumber(total, 0)} ${noun}.`)}
      </p>
    </form>
  );
}

/** A column header that sorts the list by this column (again: the other way round). */
export function SortHeader({ label, href, state }: { label: string; href: string; state: "asc" | "desc" | null }) {
  return (
    <Link href={href} scroll={false} className="inline-flex items-center gap-1 uppercase hover:text-slate-800" aria-label={`${label}, sort ${state === "asc" ? "descending" : "ascending"}`}>
      {label}
      <span aria-hidden="true">{state === "asc" ? "▲" : state === "desc" ? "▼" : ""}</span>
    </Link>
  );
}

export const ariaSort = (state: "asc" | "desc" | null) => (state === "asc" ? "ascending" : state === "desc" ? "descending" : undefined);

export function Pager({ page, pageSize, total, href, label }: { page: number; pageSize: number; total: number; href: (page: number) => string; label: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label={label} className="mt-3 flex items-center justify-between gap-2 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className="font-medium text-indigo-700 hover:underline" scroll={false}>
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-500">
        {formatNumber(first, 0)}–{formatNumber(last, 0)} of {formatNumber(total, 0)} · page {formatNumber(Math.min(page, pages), 0)} of {formatNumber(pages, 0)}
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} className="font-medium text-indigo-700 hover:underline" scroll={false}>
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
