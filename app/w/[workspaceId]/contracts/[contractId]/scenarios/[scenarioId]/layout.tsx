import { notFound } from "next/navigation";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { getScenarioOrThrow } from "@/lib/services/scenarios/get";
import { orNotFound } from "../../../_lib/data";

// The scenario is looked up here, outside the page's loading boundary (loading.tsx beside this
// file), so that a scenario that does not exist answers 404 before anything is streamed.
export default async function ScenarioLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspaceId: string; contractId: string; scenarioId: string }> }) {
  const { workspaceId, contractId, scenarioId } = await params;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const scenario = await orNotFound(getScenarioOrThrow(ctx, scenarioId));
  if (scenario.contractId !== contractId) notFound();
  return children;
}
