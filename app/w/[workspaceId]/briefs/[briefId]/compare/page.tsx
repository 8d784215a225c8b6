import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { day } from "@/lib/brief/format";
import { compareBriefVersions } from "@/lib/services/briefs/compare";
import { getBriefOrThrow, getBriefVersion } from "@/lib/services/briefs/read";
import { DomainError } from "@/lib/services/errors";
import { orNotFound } from "../../../contracts/_lib/data";

export async function generateMetadata({ params }: { params: Promise<{ workspaceId: string; briefId: string }> }): Promise<Metadata> {
  const { workspaceId, briefId } = await params;
  try {
    const brief = await getBriefOrThrow(await getWorkspacePageCtx(workspaceId), briefId);
    return { title: `Compare versions · ${brief.title}` };
  } catch {
    return { title: "Compare brief versions" };
  }
}

const num = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

/** Two versions of one brief: the figures that moved, and the inputs that moved them. */
export default async function CompareBriefVersionsPage({ params, searchParams }: { params: Promise<{ workspaceId: string; briefId: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const { workspaceId, briefId } = await params;
  const q = await searchParams;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const { brief, versions } = await orNotFound(getBriefVersion(ctx, briefId));
  const to = num(q.to) ?? brief.latestVersion;
  const from = num(q.from) ?? Math.max(1, to - 1);
  let diff: Awaited<ReturnType<typeof compareBriefVersions>> | null = null;
  let error: string | null = null;
  if (versions.length < 2) error = "This brief has one version: make a new version to compare it with.";
  else {
    try {
      diff = await compareBriefVersions(ctx, brief.id, from, to);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      error = e.message;
    }
  }
  const base = `/w/${ctx.workspace.id}/briefs/${brief.id}`;
  const label = (v: (typeof versions)[number]) => `v${v.version} · ${day(v.createdAt.toISOString().slice(0, 10))}${v.burnThrough ? ` · burn to ${day(v.burnThrough)}` : ""}`;
  const select = "mt-1 block w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";
  return (
    <div className="space-y-6">
      <nav className="text-sm text-slate-500">
        <Link href={`/w/${ctx.workspace.id}/briefs`} className="hover:underline">
          Briefs
        </Link>{" "}
        /{" "}
        <Link href={base} className="hover:underline">
          {brief.title}
        </Link>{" "}
        / Compare versions
      </nav>
      <Card title="Compare two versions" description="The figures that moved between two versions of this brief, and the inputs of their stored model documents that moved them.">
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Choose the versions">
          <label className="min-w-0 flex-1 text-sm text-slate-700 sm:flex-none">
            <span className="block font-medium">From</span>
            <select aria-label="From" name="from" defaultValue={String(from)} className={select}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {label(v)}
                </option>
              ))}
            </select>
          </label>
          <label className="min-w-0 flex-1 text-sm text-slate-700 sm:flex-none">
            <span className="block font-medium">To</span>
            <select aria-label="To" name="to" defaultValue={String(to)} className={select}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {label(v)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            Compare
          </button>
        </form>
      </Card>
      {error && <Alert>{error}</Alert>}
      {diff && (
        <>
          <Card title={`Figures that moved, v${diff.from} → v${diff.to}`} description={diff.unchangedFigures > 0 ? `${diff.unchangedFigures} other figures are the same in both versions.` : undefined}>
            {diff.figures.length === 0 ? (
              <p className="text-sm text-slate-500" data-testid="diff-no-figures">
                No figure moved.
              </p>
            ) : (
              <ScrollRegion>
                <table className="w-full text-left text-sm" data-testid="diff-figures">
                  <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="py-2 pr-4 font-medium">Figure</th>
                      <th scope="col" className="py-2 pr-4 font-medium">v{diff.from}</th>
                      <th scope="col" className="py-2 pr-4 font-medium">v{diff.to}</th>
                      <th scope="col" className="py-2 text-right font-medium">Change</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {diff.figures.map((f) => (
                      <tr key={f.key} className="align-top">
                        <th scope="row" className="py-2 pr-4 font-medium text-slate-800">
                          {f.label}
                        </th>
                        <td className={`py-2 pr-4 ${f.change ? "whitespace-nowrap tabular-nums" : "min-w-[14rem]"}`}>{f.from}</td>
                        <td className={`py-2 pr-4 ${f.change ? "whitespace-nowrap tabular-nums" : "min-w-[14rem]"}`}>{f.to}</td>
                        <td className="whitespace-nowrap py-2 text-right font-medium tabular-nums">{f.change ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
          </Card>
          <Card title="Inputs that moved them" description="Differences between the two versions' stored model documents and settings.">
            {diff.inputs.length === 0 ? (
              <p className="text-sm text-slate-500" data-testid="diff-no-inputs">
                The two versions were computed from the same inputs.
              </p>
            ) : (
              <ScrollRegion>
                <table className="w-full text-left text-sm" data-testid="diff-inputs">
                  <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="py-2 pr-4 font-medium">Input</th>
                      <th scope="col" className="py-2 pr-4 font-medium">What</th>
                      <th scope="col" className="py-2 pr-4 font-medium">v{diff.from}</th>
                      <th scope="col" className="py-2 font-medium">v{diff.to}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {diff.inputs.map((c, i) => (
                      <tr key={i} className="align-top">
                        <td className="whitespace-nowrap py-2 pr-4 font-medium text-slate-800">{c.group}</td>
                        <td className="py-2 pr-4 text-slate-600">{c.what}</td>
                        <td className="break-all py-2 pr-4 tabular-nums">{c.from}</td>
                        <td className="break-all py-2 tabular-nums">{c.to}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
            {diff.moreInputs > 0 && <p className="mt-2 text-sm text-slate-500">…and {diff.moreInputs} more differences not listed.</p>}
          </Card>
        </>
      )}
    </div>
  );
}
