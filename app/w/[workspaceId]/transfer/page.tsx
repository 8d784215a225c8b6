import type { Metadata } from "next";
import { ImportForm, type ImportView } from "@/components/transfer/import-form";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { hasRole } from "@/lib/services/context";
import { TRANSFER_LIMITS } from "@/lib/services/transfer/archive";
import { latestWorkspaceImport } from "@/lib/services/transfer/receive";

export const metadata: Metadata = { title: "Export / import" };

export default async function TransferPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const canImport = hasRole(ctx.role, "editor");
  // An import still going on is shown again after a reload (its job runs whatever the page does).
  const latest = canImport ? await latestWorkspaceImport(ctx) : null;
  const ongoing = latest && (latest.status === "queued" || latest.status === "running") ? (latest as unknown as ImportView) : null;
  return (
    <div className="space-y-6">
      <Card
        title="Export this workspace"
        description="One .workbench.zip archive: workspace.json with every vendor and, per contract, the engine's model document (terms, rate card version, saved scenarios) and its briefs; each contract's observed burn rows as a part of their own (one JSON object a line). Each model runs as it is with npm run model. One export of a workspace runs at a time."
      >
        {/* A plain link: the browser downloads the file the route handler names. */}
        <a href={`/api/w/${ctx.workspace.id}/export`} download className={buttonClass("secondary")}>
          Download export
        </a>
      </Card>
      <Card
        title="Import a workspace file"
        description="Adds the file's vendors (reusing those with the same name), rate cards, contracts, saved scenarios, briefs and burn rows to this workspace. The file's structure is checked as it is sent; the import itself then runs in the background. If anything is wrong, nothing is stored."
      >
        {canImport ? (
          <ImportForm workspaceId={ctx.workspace.id} limitMb={Math.round(TRANSFER_LIMITS.fileBytes / 1024 / 1024)} initial={ongoing} />
        ) : (
          <p className="text-sm text-slate-600">Viewers can export this workspace but not import into it.</p>
        )}
      </Card>
    </div>
  );
}
