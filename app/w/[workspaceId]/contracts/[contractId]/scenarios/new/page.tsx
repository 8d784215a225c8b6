import type { Metadata } from "next";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { BuilderPage } from "../builder-page";

export const metadata: Metadata = { title: "New scenario" };

export default async function NewScenarioPage({ params }: { params: Promise<{ workspaceId: string; contractId: string }> }) {
  const { workspaceId, contractId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  return <BuilderPage ctx={ctx} contractId={contractId} scenario={null} />;
}
