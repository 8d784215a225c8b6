// The boundary between server actions and service verbs: authenticate → resolve the workspace from
// the caller's membership → check the role → run the verb → map errors once.
import { z } from "zod";
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/schema/workspaces";
import { resolveWorkspace, type ActorCtx, type WorkspaceCtx } from "@/lib/services/context";
import { DomainError } from "@/lib/services/errors";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export const GENERIC_ERROR = "Something went wrong on our side. Try again; if it keeps happening, contact support.";

export function toActionError(e: unknown): { ok: false; error: string; fieldErrors?: Record<string, string[]> } {
  if (e instanceof DomainError) return { ok: false, error: e.message, fieldErrors: e.fieldErrors };
  if (e instanceof z.ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of e.issues) {
      const key = issue.path.join(".") || "_";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    const first = e.issues[0];
    return { ok: false, error: first ? `${first.path.join(".") || "Input"}: ${first.message}` : "Invalid input.", fieldErrors };
  }
  // Unexpected: the detail stays in the server log, the browser gets a generic sentence.
  console.error("unexpected error in server action", e);
  return { ok: false, error: GENERIC_ERROR };
}

export async function actorAction<T>(fn: (ctx: ActorCtx) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await getActor();
    if (!actor) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
    return { ok: true, data: await fn({ db: await getDb(), actor }) };
  } catch (e) {
    return toActionError(e);
  }
}

export async function workspaceAction<T>(
  workspaceId: unknown,
  atLeast: Role,
  fn: (ctx: WorkspaceCtx) => Promise<T>,
): Promise<ActionResult<T>> {
  return actorAction(async (ctx) => fn(await resolveWorkspace(ctx, String(workspaceId ?? ""), atLeast)));
}

/** FormData → plain object of its string fields, for zod to validate. */
export function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}
