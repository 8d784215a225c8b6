import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { getScenarioOrThrow } from "@/lib/services/scenarios/get";
import { orNotFound } from "../../../_lib/data";
import { BuilderPage } from "../builder-page";

export const metadata: Metadata = { title: "Scenario" };

export default async function ScenarioPage({ params, searchParams }: { params: Promise<{ workspaceId: string; contractId: string; scenarioId: string }>; searchParams: Promise<{ saved?: string; copied?: string }> }) {
  const { workspaceId, contractId, scenarioId } = await params;
  const { saved, copied } = await searchParams;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const scenario = await orNotFound(getScenarioOrThrow(ctx, scenarioId));
  if (scenario.contractId !== contractId) notFound();
  return <BuilderPage key={`${scenario.id}:${scenario.version}`} ctx={ctx} contractId={contractId} scenario={scenario} savedNotice={saved === "1"} copiedNotice={copied === "1"} />;
}
