import type { Metadata } from "next";
import { ApiReference } from "@/components/api/api-reference";
import { CreateApiTokenForm, RevokeApiTokenButton } from "@/components/api/api-tokens";
import { formatDate } from "@/components/format";
import { Card, EmptyState } from "@/components/ui/card";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { openApiDocument } from "@/lib/api/v1/openapi";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { listApiTokens } from "@/lib/services/api/tokens";

export const metadata: Metadata = { title: "API" };

const STATUS_STYLE = { active: "bg-emerald-50 text-emerald-800", expired: "bg-amber-50 text-amber-800", revoked: "bg-slate-100 text-slate-600" } as const;

export default async function ApiPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const tokens = await listApiTokens(ctx);
  const isOwner = ctx.role === "owner";
  const doc = openApiDocument() as unknown as Parameters<typeof ApiReference>[0]["doc"];
  return (
    <div className="space-y-6">
      <Card
        title="API tokens"
        description="Scripts and other tools reach this workspace through the REST API with a token: read tokens read contracts, forecasts and briefs; write tokens also push observed burn. A token is shown once, expires (365 days at most), and can be revoked at any time."
      >
        <div className="space-y-5">
          {isOwner ? (
            <CreateApiTokenForm workspaceId={ctx.workspace.id} />
          ) : (
            <p className="text-sm text-slate-600">Only an owner of this workspace can create or revoke API tokens.</p>
          )}
          {tokens.length === 0 ? (
            <EmptyState title="No API tokens yet" />
          ) : (
            <ScrollRegion>
              <table className="w-full text-left text-sm" aria-label="API tokens">
                <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Scope</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Created</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Expires</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Last used</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                    {isOwner && <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {tokens.map((t) => (
                    <tr key={t.id} data-testid="api-token-row">
                      <td className="py-2 pr-4">
                        <div className="font-medium text-slate-900">{t.name}</div>
                        <div className="font-mono text-xs text-slate-500">{t.prefix}…</div>
                      </td>
                      <td className="py-2 pr-4">{t.scope === "write" ? "Read and write" : "Read"}</td>
                      <td className="whitespace-nowrap py-2 pr-4">{formatDate(t.createdAt.slice(0, 10))}{t.createdByName ? ` by ${t.createdByName}` : ""}</td>
                      <td className="whitespace-nowrap py-2 pr-4">{formatDate(t.expiresAt.slice(0, 10))}</td>
                      <td className="whitespace-nowrap py-2 pr-4">{t.lastUsedAt ? formatDate(t.lastUsedAt.slice(0, 10)) : "Never"}</td>
                      <td className="py-2 pr-4">
                        <span className={`rounded-full px-2 py-0.5 text-xs capitalize ${STATUS_STYLE[t.status]}`}>{t.status}</span>
                      </td>
                      {isOwner && <td className="py-2">{t.status === "active" && <RevokeApiTokenButton workspaceId={ctx.workspace.id} tokenId={t.id} name={t.name} />}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </div>
      </Card>
      <Card title="API reference" description="Generated from the same schemas the API checks requests with.">
        <div className="space-y-4">
          <p className="text-sm text-slate-600">
            The OpenAPI 3.1 document: <a className="font-mono text-indigo-700 underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>. This workspace&apos;s id:{" "}
            <code className="break-all font-mono text-xs" data-testid="workspace-id">{ctx.workspace.id}</code>
          </p>
          <pre tabIndex={0} aria-label="Example request with curl" className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400">
            {`curl -H "Authorization: Bearer $TOKEN" \\\n  $ORIGIN/api/v1/workspaces/${ctx.workspace.id}/contracts`}
          </pre>
          <ApiReference doc={doc} />
        </div>
      </Card>
    </div>
  );
}
