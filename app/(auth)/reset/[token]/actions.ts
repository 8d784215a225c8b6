"use server";
import { headers } from "next/headers";
import { getDb } from "@/lib/db/client";
import { toActionError, type ActionResult } from "@/lib/actions/safe-action";
import { clientAddress } from "@/lib/auth/client-address";
import { resetPassword } from "@/lib/services/users/password";

export async function resetPasswordAction(token: string, _prev: ActionResult<{ email: string }> | null, form: FormData): Promise<ActionResult<{ email: string }>> {
  try {
    const ip = clientAddress(Object.fromEntries((await headers()).entries()));
    const done = await resetPassword(
      await getDb(),
      { token, password: String(form.get("password") ?? ""), confirm: String(form.get("confirm") ?? "") },
      ip,
    );
    return { ok: true, data: done, message: "Your password is changed, and every browser signed in to your account was signed out. Sign in with the new password." };
  } catch (e) {
    return toActionError(e);
  }
}
