import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { DomainError } from "@/lib/services/errors";
import { requireActorOrRedirect } from "./actor";

/**
 * For server-rendered workspace pages: the caller's context in this workspace, resolved once per
 * request (layout and page share it). Not a member → the standard 404 page.
 */
export const getWorkspacePageCtx = cache(async (workspaceId: string): Promise<WorkspaceCtx> => {
  const actor = await requireActorOrRedirect(`/w/${workspaceId}`);
  try {
    const db = await getDb();
    return { ...(await resolveWorkspace({ db, actor }, workspaceId)), renderReads: { db, rows: new Map() } };
  } catch (e) {
    if (e instanceof DomainError && e.code === "not_found") notFound();
    throw e;
  }
});
