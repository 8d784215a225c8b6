import { formatDateTime } from "@/components/format";
import { EmptyState } from "@/components/ui/card";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { SecurityEventRow } from "@/lib/services/security/log";

const WARN = new Set(["sign_in_failed", "sign_in_throttled", "sign_up_throttled", "access_denied", "password_reset_refused"]);

/** The security log as a table: when, what, who, from where, and a plain note. */
export function SecurityEventsTable({ rows, label, showWho = true }: { rows: SecurityEventRow[]; label: string; showWho?: boolean }) {
  if (rows.length === 0) return <EmptyState title="Nothing recorded yet">Sign-ins, password changes and refused access will appear here.</EmptyState>;
  return (
    <ScrollRegion>
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">When</th>
            <th scope="col" className="py-2 pr-4 font-medium">What</th>
            {showWho && <th scope="col" className="py-2 pr-4 font-medium">Account</th>}
            <th scope="col" className="py-2 pr-4 font-medium">From</th>
            <th scope="col" className="py-2 font-medium">Note</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} className="align-top" data-kind={r.kind}>
              <td className="py-2 pr-4 tabular-nums text-slate-600 sm:whitespace-nowrap">{formatDateTime(r.at)}</td>
              <td className={`py-2 pr-4 ${WARN.has(r.kind) ? "font-medium text-amber-800" : "text-slate-800"}`}>{r.label}</td>
              {showWho && <td className="break-all py-2 pr-4 text-slate-700">{r.who ? `${r.who} (${r.email})` : (r.email ?? "—")}</td>}
              <td className="whitespace-nowrap py-2 pr-4 text-slate-600">{r.address ?? "unknown"}</td>
              <td className="py-2 text-slate-600">{r.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
