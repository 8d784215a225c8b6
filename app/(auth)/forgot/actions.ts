"use server";
import { headers } from "next/headers";
import { getDb } from "@/lib/db/client";
import { toActionError, type ActionResult } from "@/lib/actions/safe-action";
import { clientAddress } from "@/lib/auth/client-address";
import { requestPasswordReset } from "@/lib/services/users/password";

export async function requestResetAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const ip = clientAddress(Object.fromEntries((await headers()).entries()));
    const message = await requestPasswordReset(await getDb(), form.get("email"), ip);
    return { ok: true, data: undefined, message };
  } catch (e) {
    return toActionError(e);
  }
}
