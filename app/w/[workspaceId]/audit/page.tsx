import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { AUDIT_KINDS, auditNames, listAudit, type AuditKind } from "@/lib/services/audit/list";
import { listMembers } from "@/lib/services/members/list";
import { listHref, parseListParams, pickParam, type SearchParams } from "@/lib/services/list-params";
import { ListSearch } from "@/components/ui/list-controls";
import { describeAudit } from "@/components/audit/describe";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { formatDateTime } from "@/components/format";

export const metadata: Metadata = { title: "Audit log" };

const PAGE = 50;

export default async function AuditPage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Promise<SearchParams> }) {
  const { workspaceId } = await params;
  const raw = await searchParams;
  const before = typeof raw.before === "string" ? raw.before : undefined;
  const after = typeof raw.after === "string" ? raw.after : undefined;
  const { q } = parseListParams(raw, ["seq"] as const, { sort: "seq", dir: "desc" });
  const kind = pickParam(raw, "kind", Object.keys(AUDIT_KINDS) as AuditKind[]);
  const actor = typeof raw.actor === "string" ? raw.actor : "";
  const ctx = await getWorkspacePageCtx(workspaceId);
  if (ctx.role !== "owner") {
    return (
      <Card title="Audit log">
        <p className="text-sm text-slate-600">Only an owner of this workspace can read its audit log.</p>
      </Card>
    );
  }
  const seqOf = (v: string | undefined) => (v && /^\d{1,15}$/.test(v) ? Number(v) : undefined);
  const cursor = seqOf(before);
  const newerThan = cursor === undefined ? seqOf(after) : undefined;
  const [rows, members] = await Promise.all([listAudit(ctx, { before: cursor, after: newerThan, limit: PAGE, q, kind, actorId: actor || undefined }), listMembers(ctx)]);
  const first = rows[0];
  // Older entries exist below a full page, and always below a page reached by "newer"; newer ones
  // above any page reached by "older", and above a full page reached by "newer".
  const hasOlder = rows.length > 0 && (newerThan !== undefined || rows.length === PAGE);
  const hasNewer = rows.length > 0 && (cursor !== undefined || (newerThan !== undefined && rows.length === PAGE));
  const base = `/w/${ctx.workspace.id}/audit`;
  const current = { q, kind, actor };
  const filtered = q !== "" || kind !== undefined || actor !== "";
  const names = await auditNames(ctx, rows);
  const name = (id: unknown) => (typeof id === "string" ? names.get(id) : undefined);
  const last = rows.at(-1);
  return (
    <Card title="Audit log" description="Every change in this workspace: who, what and when. Newest first.">
      <ListSearch
        action={base}
        q={q}
        label="Find entries"
        placeholder="Who, or what was done"
        filters={[
          { name: "kind", label: "About", value: kind ?? "", options: [{ value: "", label: "Anything" }, ...Object.entries(AUDIT_KINDS).map(([value, k]) => ({ value, label: k.label }))] },
          { name: "actor", label: "By", value: actor, options: [{ value: "", label: "Anyone" }, ...members.map((m) => ({ value: m.userId, label: m.name || m.email }))] },
        ]}
        clearHref={base}
        shown={rows.length}
        total={rows.length}
        noun="entries"
        count={`${rows.length}${filtered ? " matching" : ""} ${rows.length === 1 ? "entry" : "entries"} on this page${cursor === undefined && newerThan === undefined ? ", newest first" : ", older ones"}.`}
      />
      {rows.length === 0 ? (
        <EmptyState title={filtered ? "No entry matches" : "Nothing recorded yet"} />
      ) : (
        <ScrollRegion>
          <table className="w-full text-left text-sm" aria-label="Audit log entries">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">When</th>
                <th scope="col" className="py-2 font-medium">What happened</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} className="align-top">
                  <td className="py-2 pr-4 tabular-nums text-slate-600 sm:whitespace-nowrap">{formatDateTime(r.createdAt)}</td>
                  <td className="py-2 text-slate-800" data-action={r.action}>
                    {describeAudit(r, r.actorName ?? r.actorEmail ?? "A deleted user", name)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {(hasOlder || hasNewer) && (
        <nav aria-label="Pages of the audit log" className="mt-4 flex flex-wrap justify-between gap-3 text-sm font-semibold">
          <span>
            {hasNewer && (
              <Link href={listHref(base, current, { after: first!.seq })} className="text-indigo-600 hover:underline">
                ← Newer entries
              </Link>
            )}
          </span>
          <span>
            {hasOlder && (
              <Link href={listHref(base, current, { before: last!.seq })} className="text-indigo-600 hover:underline">
                Older entries →
              </Link>
            )}
          </span>
        </nav>
      )}
    </Card>
  );
}
