import type { Metadata } from "next";
import { ImportForm } from "@/components/transfer/import-form";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { hasRole } from "@/lib/services/context";

export const metadata: Metadata = { title: "Export / import" };

export default async function TransferPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const canImport = hasRole(ctx.role, "editor");
  return (
    <div className="space-y-6">
      <Card
        title="Export this workspace"
        description="One JSON file: every vendor, and per contract the engine's model document (terms, rate card version, saved scenarios) with its observed burn rows. Each model runs as it is with npm run model."
      >
        {/* A plain link: the browser downloads the file the route handler names. */}
        <a href={`/api/w/${ctx.workspace.id}/export`} download className={buttonClass("secondary")}>
          Download export
        </a>
      </Card>
      <Card
        title="Import a workspace file"
        description="Adds the file's vendors (reusing those with the same name), rate cards, contracts, saved scenarios and burn rows to this workspace. The whole file is checked first; if anything is wrong, nothing is stored."
      >
        {canImport ? (
          <ImportForm workspaceId={ctx.workspace.id} />
        ) : (
          <p className="text-sm text-slate-600">Viewers can export this workspace but not import into it.</p>
        )}
      </Card>
    </div>
  );
}
