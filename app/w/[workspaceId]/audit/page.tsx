import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { listAudit } from "@/lib/services/audit/list";
import { isUuid } from "@/lib/services/context";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { formatDateTime } from "@/components/format";

export const metadata: Metadata = { title: "Audit log" };

const PAGE = 50;

export default async function AuditPage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Promise<{ before?: string; beforeId?: string }> }) {
  const { workspaceId } = await params;
  const { before, beforeId } = await searchParams;
  const ctx = await getWorkspacePageCtx(workspaceId);
  if (ctx.role !== "owner") {
    return (
      <Card title="Audit log">
        <p className="text-sm text-slate-600">Only an owner of this workspace can read its audit log.</p>
      </Card>
    );
  }
  const cursor =
    before && beforeId && !Number.isNaN(Date.parse(before)) && isUuid(beforeId) ? { createdAt: new Date(before), id: beforeId } : undefined;
  const rows = await listAudit(ctx, { before: cursor, limit: PAGE });
  const last = rows.at(-1);
  return (
    <Card title="Audit log" description="Every change in this workspace: who, what and when. Newest first.">
      {rows.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <ScrollRegion>
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">When</th>
                <th scope="col" className="py-2 pr-4 font-medium">Who</th>
                <th scope="col" className="py-2 pr-4 font-medium">Action</th>
                <th scope="col" className="py-2 pr-4 font-medium">Target</th>
                <th scope="col" className="py-2 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} className="align-top">
                  <td className="whitespace-nowrap py-2 pr-4 tabular-nums text-slate-600">{formatDateTime(r.createdAt)}</td>
                  <td className="py-2 pr-4">{r.actorEmail ?? "deleted user"}</td>
                  <td className="py-2 pr-4 font-mono text-xs">{r.action}</td>
                  <td className="py-2 pr-4 text-slate-600">{r.targetType}</td>
                  <td className="max-w-md break-words py-2 font-mono text-xs text-slate-500">{r.details ? JSON.stringify(r.details) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {rows.length === PAGE && last && (
        <div className="mt-4 text-right">
          <Link href={`?before=${encodeURIComponent(last.createdAt.toISOString())}&beforeId=${last.id}`} className="text-sm font-semibold text-indigo-600 hover:underline">
            Older entries →
          </Link>
        </div>
      )}
    </Card>
  );
}
