import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RateCardEditor, type CreditPriceValue } from "@/components/ratecards/rate-card-editor";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { templateById } from "@/lib/ratecards/templates";
import { hasRole } from "@/lib/services/context";
import { DomainError } from "@/lib/services/errors";
import { listRateCardVersions } from "@/lib/services/ratecards/list-versions";
import { diffRateCardVersions } from "@/lib/ratecards/diff";
import { RateCardVersionDiff } from "@/components/ratecards/version-diff";
import { formatDate } from "@/components/format";
import { getRateCardOrThrow } from "@/lib/services/ratecards/get";

export async function generateMetadata({ params }: { params: Promise<{ workspaceId: string; rateCardId: string }> }): Promise<Metadata> {
  const { workspaceId, rateCardId } = await params;
  try {
    const card = await getRateCardOrThrow(await getWorkspacePageCtx(workspaceId), rateCardId);
    return { title: `${card.name} · Rate card` };
  } catch {
    return { title: "Rate card" };
  }
}

export default async function RateCardPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string; rateCardId: string }>;
  searchParams: Promise<{ v?: string; saved?: string; from?: string; to?: string }>;
}) {
  const { workspaceId, rateCardId } = await params;
  const { v, saved, from: fromQ, to: toQ } = await searchParams;
  const ctx = await getWorkspacePageCtx(workspaceId);
  let data;
  try {
    data = await listRateCardVersions(ctx, rateCardId);
  } catch (e) {
    if (e instanceof DomainError && e.code === "not_found") notFound();
    throw e;
  }
  const { card, versions } = data;
  const latest = versions[0]!;
  const shown = versions.find((x) => String(x.versionNo) === v) ?? latest;
  const canEdit = hasRole(ctx.role, "editor");
  const template = card.templateId ? templateById(card.templateId) : undefined;
  const base = `/w/${ctx.workspace.id}/ratecards/${card.id}`;
  // Only the newest version can be edited: an older locked version has a successor already.
  const editable = canEdit && shown.id === latest.id;
  // the comparison: ?from=&to= (default: the shown version against the one before it)
  const byNo = (q: string | undefined) => versions.find((x) => String(x.versionNo) === q);
  const toV = byNo(toQ) ?? (shown.versionNo > 1 ? shown : versions.find((x) => x.versionNo === 2)) ?? shown;
  const fromV = byNo(fromQ) ?? versions.find((x) => x.versionNo < toV.versionNo) ?? versions.find((x) => x.id !== toV.id) ?? toV;
  const diff = versions.length > 1 ? diffRateCardVersions(fromV, toV) : null;
  return (
    <div className="space-y-6">
      <nav className="text-sm text-slate-500">
        <Link href={`/w/${ctx.workspace.id}/ratecards`} className="hover:underline">
          Rate cards
        </Link>{" "}
        / <span className="text-slate-800">{card.name}</span>
      </nav>
      {saved === "new" && (
        <Alert kind="success">
          The version you edited is locked, so your changes were saved as version {shown.versionNo}, a draft. Contracts and scenarios keep the version they use.
        </Alert>
      )}
      <Card
        title={`${card.name} — version ${shown.versionNo}`}
        description={`${shown.lockedAt ? `Locked since ${formatDate(shown.lockedAt.toISOString().slice(0, 10))}` : "Draft"} · effective ${formatDate(shown.effectiveFrom)}${shown.effectiveTo ? ` to ${formatDate(shown.effectiveTo)}` : ""} · ${shown.currency} · used by ${shown.usedByContracts} contract(s), ${shown.usedByScenarios} scenario(s)`}
      >
        {shown.id !== latest.id && (
          <div className="mb-4">
            <Alert kind="info">
              You are looking at an older version. <Link href={`${base}?v=${latest.versionNo}`} className="font-semibold underline">Open version {latest.versionNo}</Link> to edit.
            </Alert>
          </div>
        )}
        <RateCardEditor
          key={`${shown.id}:${shown.revision}`}
          workspaceId={ctx.workspace.id}
          rateCardId={card.id}
          canEdit={editable}
          version={{
            id: shown.id,
            versionNo: shown.versionNo,
            revision: shown.revision,
            locked: shown.lockedAt !== null,
            currency: shown.currency,
            effectiveFrom: shown.effectiveFrom,
            source: shown.source,
            units: shown.units.map((u) => ({ id: u.id, name: u.name, creditsPerUnit: String(u.creditsPerUnit) })),
            creditPrice: normalisePrice(shown.creditPrice),
          }}
        />
      </Card>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Version history" description="Every version stays readable; a locked one never changes.">
          <ol className="divide-y divide-slate-100 text-sm">
            {versions.map((x) => (
              <li key={x.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2">
                <Link href={`${base}?v=${x.versionNo}`} aria-current={x.id === shown.id ? "page" : undefined} className={`hover:underline ${x.id === shown.id ? "font-semibold text-slate-900" : "text-indigo-700"}`}>
                  Version {x.versionNo}
                </Link>
                <span className="text-xs text-slate-500">
                  {x.lockedAt ? "locked" : "draft"} · effective {formatDate(x.effectiveFrom)} · {x.units.length} unit(s) · created {formatDate(x.createdAt.toISOString().slice(0, 10))}
                </span>
              </li>
            ))}
          </ol>
        </Card>
        <Card title="Source" description={template ? "Started from a built-in template." : "Entered in this workspace."}>
          <p className="break-words text-sm text-slate-700">{shown.source || "—"}</p>
          {template && (
            <div className="mt-3 space-y-1 text-sm text-slate-600">
              <p>
                Template {template.vendor} {template.product}, effective {formatDate(template.effectiveFrom)}:{" "}
                <a href={template.source.url} target="_blank" rel="noreferrer noopener" className="text-indigo-700 underline">
                  {template.source.publisher}, {template.source.title}
                </a>
              </p>
              {template.creditPriceNote && <p className="text-xs text-slate-500">{template.creditPriceNote}</p>}
            </div>
          )}
        </Card>
      </div>
      {diff && (
        <Card title="What changed between versions" description="Units added or removed, credits per unit and the credit price, version against version.">
          <RateCardVersionDiff versions={versions.map((x) => x.versionNo)} from={fromV.versionNo} to={toV.versionNo} diff={diff} keep={v ? { v } : {}} />
        </Card>
      )}
    </div>
  );
}

function normalisePrice(p: { kind: string; pricePerCredit?: string | number; packPrice?: string | number; packCredits?: string | number }): CreditPriceValue {
  if (p.kind === "direct") return { kind: "direct", pricePerCredit: String(p.pricePerCredit ?? "") };
  if (p.kind === "pack") return { kind: "pack", packPrice: String(p.packPrice ?? ""), packCredits: String(p.packCredits ?? "") };
  return { kind: "unknown" };
}
