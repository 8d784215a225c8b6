import type { Metadata } from "next";
import Link from "next/link";
import { BriefView } from "@/components/brief/BriefView";
import { BriefBuilderForm } from "@/components/briefs/brief-builder-form";
import { DeleteBriefButton, VersionPicker } from "@/components/briefs/brief-toolbar";
import { ExportLinks } from "@/components/briefs/export-links";
import { SharePanel } from "@/components/briefs/share-panel";
import { Card } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { day } from "@/lib/brief/format";
import { hasRole } from "@/lib/services/context";
import { getBriefOrThrow, getBriefVersion, listBriefShares } from "@/lib/services/briefs/read";
import { getContractOrThrow } from "@/lib/services/contracts/get";
import { listScenarios } from "@/lib/services/scenarios/list";
import { orNotFound } from "../../contracts/_lib/data";
import { CommentsPanel } from "@/components/briefs/comments-panel";
import { SignOffPanel } from "@/components/briefs/signoff-panel";
import { listBriefComments } from "@/lib/services/briefs/comments";
import { listBriefSignOffs } from "@/lib/services/briefs/signoff";
import { addCommentAction, createShareAction, deleteBriefAction, deleteCommentAction, newBriefVersionAction, revokeShareAction, signOffAction, withdrawSignOffAction } from "../actions";

/** "Agentforce renewal brief v2 · Brief · Renewal Workbench": the page names the brief and its version. */
export async function generateMetadata({ params, searchParams }: { params: Promise<{ workspaceId: string; briefId: string }>; searchParams: Promise<{ v?: string }> }): Promise<Metadata> {
  const [{ workspaceId, briefId }, { v }] = await Promise.all([params, searchParams]);
  try {
    const brief = await getBriefOrThrow(await getWorkspacePageCtx(workspaceId), briefId);
    return { title: `${brief.title} v${v && /^\d+$/.test(v) ? Number(v) : brief.latestVersion} · Brief` };
  } catch {
    return { title: "Brief" };
  }
}

export default async function BriefPage({ params, searchParams }: { params: Promise<{ workspaceId: string; briefId: string }>; searchParams: Promise<{ v?: string }> }) {
  const { workspaceId, briefId } = await params;
  const { v } = await searchParams;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const wanted = v && /^\d+$/.test(v) ? Number(v) : undefined;
  const { brief, version, versions } = await orNotFound(getBriefVersion(ctx, briefId, wanted));
  const canEdit = hasRole(ctx.role, "editor");
  const shares = canEdit ? await listBriefShares(ctx, brief.id) : [];
  const [contract, scenarios] = canEdit ? await Promise.all([getContractOrThrow(ctx, brief.contractId), listScenarios(ctx, brief.contractId)]) : [null, []];
  const settings = version.settings;
  const base = `/w/${ctx.workspace.id}/briefs/${brief.id}`;
  const [signOffs, comments] = await Promise.all([listBriefSignOffs(ctx, brief.id, version.version), listBriefComments(ctx, brief.id, version.version)]);
  const content = { ...version.content, signOffs: signOffs.map((s) => ({ name: s.name, signedAt: s.createdAt.toISOString(), note: s.note })) };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4 print:hidden">
        <div>
          <nav className="text-sm text-slate-500">
            <Link href={`/w/${ctx.workspace.id}/briefs`} className="hover:underline">
              Briefs
            </Link>{" "}
            /{" "}
            <Link href={`/w/${ctx.workspace.id}/contracts/${brief.contractId}/briefs`} className="hover:underline">
              {content.contractName}
            </Link>
          </nav>
          <p className="mt-1 text-sm text-slate-600" data-testid="brief-version-line">
            Version {version.version} of {brief.latestVersion} · prepared {day(content.preparedOn)}
            {content.preparedBy ? ` by ${content.preparedBy}` : ""}
            {version.note ? ` · ${version.note}` : ""}
            {version.version !== brief.latestVersion && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">Not the latest version</span>}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {versions.length > 1 && (
            <Link href={`${base}/compare?from=${version.version === 1 ? 1 : version.version - 1}&to=${version.version === 1 ? 2 : version.version}`} className="text-sm text-indigo-700 hover:underline">
              Compare versions
            </Link>
          )}
          <VersionPicker
          base={base}
          current={version.version}
          versions={versions.map((x) => ({ version: x.version, label: `v${x.version} · ${day(x.createdAt.toISOString().slice(0, 10))}${x.burnThrough ? ` · burn to ${day(x.burnThrough)}` : ""}` }))}
        />
        </div>
      </div>
      <Card title="Export" description="The same figures in every format; file names carry the vendor and the date.">
        <ExportLinks query={`/api/w/${ctx.workspace.id}/briefs/${brief.id}/export?version=${version.version}&format=`} />
      </Card>
      <Card title="Sign-off" description="An owner or editor approves this version: who and when is recorded, audited and printed on every export of it.">
        <SignOffPanel
          version={version.version}
          canSign={canEdit}
          rows={signOffs.map((s) => ({ id: s.id, name: s.name, note: s.note, at: s.createdAt.toISOString(), mine: s.userId === ctx.actor.id }))}
          signOff={signOffAction.bind(null, ctx.workspace.id, brief.id, version.version)}
          withdraw={withdrawSignOffAction.bind(null, ctx.workspace.id, brief.id, version.version)}
        />
      </Card>
      <BriefView content={content} />
      <Card title="Comments" description="Notes on this version for the people of the workspace; never shown on a share link.">
        <CommentsPanel
          version={version.version}
          rows={comments.map((c) => ({ id: c.id, author: c.authorName ?? "Former member", body: c.body, at: c.createdAt.toISOString(), mine: c.authorId !== null && c.authorId === ctx.actor.id }))}
          add={addCommentAction.bind(null, ctx.workspace.id, brief.id, version.version)}
          remove={deleteCommentAction.bind(null, ctx.workspace.id, brief.id)}
        />
      </Card>
      <Card title="Share" description="A read-only link to this version for people outside the workspace. It shows the brief and nothing else, until it expires or you revoke it.">
        {canEdit ? (
          <SharePanel
            canEdit={canEdit}
            version={version.version}
            shares={shares.map((s) => ({ id: s.id, version: s.version, expiresAt: s.expiresAt.toISOString(), revokedAt: s.revokedAt?.toISOString() ?? null, lastViewedAt: s.lastViewedAt?.toISOString() ?? null, kind: s.kind }))}
            create={createShareAction.bind(null, ctx.workspace.id, brief.id, version.version)}
            revoke={revokeShareAction.bind(null, ctx.workspace.id, brief.id)}
          />
        ) : (
          <p className="text-sm text-slate-500">Viewers read and download briefs; editors of the workspace create and revoke share links.</p>
        )}
      </Card>
      {canEdit && contract && (
        <Card title="New version" description="A version never changes. Make a new one to take in new burn, a changed rate card or edited scenarios, with these settings or new ones.">
          <BriefBuilderForm
            mode="version"
            action={newBriefVersionAction.bind(null, ctx.workspace.id, brief.id)}
            workspaceId={ctx.workspace.id}
            scenarios={scenarios.map((s) => ({ id: s.id, name: s.name }))}
            defaults={{
              vendor: settings.roles.vendor,
              asks: settings.roles.asks,
              walkAway: settings.roles.walkAway ?? "",
              horizonPeriods: settings.horizonPeriods,
              unit: contract.granularity === "week" ? "weeks" : "months",
              termStart: contract.termStart,
              renewalDate: contract.renewalDate,
              ...(settings.horizonStart ? { horizonStart: settings.horizonStart } : {}),
              seed: settings.seed,
              paths: settings.paths,
            }}
          />
          <div className="mt-6 flex justify-end border-t border-slate-100 pt-4">
            <DeleteBriefButton action={deleteBriefAction.bind(null, ctx.workspace.id, brief.id)} title={brief.title} />
          </div>
        </Card>
      )}
    </div>
  );
}
