"use server";
import { revalidatePath } from "next/cache";
import { formFields, workspaceAction, type ActionResult } from "@/lib/actions/safe-action";
import { createApiToken, revokeApiToken } from "@/lib/services/api/tokens";

/** A new API token; the token is in this answer only (only its hash is stored). Owners only. */
export async function createApiTokenAction(workspaceId: string, _prev: unknown, form: FormData): Promise<ActionResult<{ token: string; expiresAt: string }>> {
  const f = formFields(form);
  const result = await workspaceAction(workspaceId, "owner", async (ctx) => {
    const created = await createApiToken(ctx, { name: f.name ?? "", scope: (f.scope ?? "") as "read", expiresInDays: f.expiresInDays ?? "" });
    return { token: created.token, expiresAt: created.expiresAt };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/api`);
  return result.ok ? { ...result, message: "Token created. Copy it now: it is shown only once." } : result;
}

export async function revokeApiTokenAction(workspaceId: string, tokenId: string): Promise<ActionResult<null>> {
  const result = await workspaceAction(workspaceId, "owner", async (ctx) => {
    await revokeApiToken(ctx, tokenId);
    return null;
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/api`);
  return result.ok ? { ...result, message: "Token revoked: requests with it are refused from now on." } : result;
}
