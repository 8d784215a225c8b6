"use server";
import { headers } from "next/headers";
import { actorAction, formFields, type ActionResult } from "@/lib/actions/safe-action";
import { clientAddress } from "@/lib/auth/client-address";
import { currentSessionId } from "@/lib/auth/actor";
import { changePassword, changePasswordInput, endMyOtherSessions } from "@/lib/services/users/password";

export async function changePasswordAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actorAction(async (ctx) => {
    const input = changePasswordInput.parse(formFields(form));
    const address = clientAddress(Object.fromEntries((await headers()).entries()));
    const { endedSessions } = await changePassword(ctx, input, { sessionId: await currentSessionId(), address });
    return endedSessions;
  }).then((r) => (r.ok ? { ok: true as const, data: undefined, message: `Password changed. ${ended(r.data)}` } : r));
}

export async function endOtherSessionsAction(): Promise<ActionResult> {
  return actorAction(async (ctx) => {
    const ended = await endMyOtherSessions(ctx, await currentSessionId());
    return ended;
  }).then((r) => (r.ok ? { ok: true as const, data: undefined, message: ended(r.data) } : r));
}

const ended = (n: number) => (n === 0 ? "No other browser was signed in." : `Signed out ${n} other browser${n === 1 ? "" : "s"}.`);
