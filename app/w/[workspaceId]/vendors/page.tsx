import type { Metadata } from "next";
import { VendorList } from "@/components/vendors/vendor-list";
import { Card } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { hasRole } from "@/lib/services/context";
import { listVendors } from "@/lib/services/vendors/list";

export const metadata: Metadata = { title: "Vendors" };

export default async function VendorsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const vendors = await listVendors(ctx);
  const canEdit = hasRole(ctx.role, "editor");
  return (
    <Card title="Vendors" description="The vendors whose consumption-priced AI agents this workspace tracks.">
      <VendorList
        workspaceId={ctx.workspace.id}
        canEdit={canEdit}
        vendors={vendors.map((v) => ({ id: v.id, name: v.name, product: v.product, notes: v.notes, version: v.version, updatedAt: v.updatedAt.toISOString() }))}
      />
    </Card>
  );
}
