import { notFound } from "next/navigation";
import { cache } from "react";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { getContractOrThrow } from "@/lib/services/contracts/get";
import { DomainError } from "@/lib/services/errors";

/** Runs a service read; "not found" (including another workspace's row) becomes the 404 page. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof DomainError && e.code === "not_found") notFound();
    throw e;
  }
}

/** Runs an evaluation; a model the engine cannot compute is shown as a message, not an error page. */
export async function evaluationOrMessage<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    return { ok: true, value: await p };
  } catch (e) {
    if (e instanceof DomainError && e.code === "invalid") return { ok: false, message: e.message };
    if (e instanceof DomainError && e.code === "not_found") notFound();
    throw e;
  }
}

/**
 * The contract a page is about, read once per request (the layout, its title and the page share it);
 * another workspace's contract is the 404 page.
 */
export const getContractPage = cache(async (workspaceId: string, contractId: string) => {
  const ctx = await getWorkspacePageCtx(workspaceId);
  return { ctx, contract: await orNotFound(getContractOrThrow(ctx, contractId)) };
});
