"use server";
import { headers } from "next/headers";
import { getDb } from "@/lib/db/client";
import { toActionError, type ActionResult } from "@/lib/actions/safe-action";
import { clientAddress } from "@/lib/auth/client-address";
import { throttleSignUp } from "@/lib/auth/throttle";
import { recordSecurityEvent } from "@/lib/services/security/log";
import { signUp, signUpInput } from "@/lib/services/users/sign-up";

export async function signUpAction(_prev: ActionResult<{ email: string }> | null, form: FormData): Promise<ActionResult<{ email: string }>> {
  try {
    const input = signUpInput.parse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
    const db = await getDb();
    // Throttled before the password is hashed, like sign-in.
    const address = clientAddress(Object.fromEntries((await headers()).entries()));
    const refused = await throttleSignUp(db, address);
    if (refused) {
      await recordSecurityEvent(db, { kind: "sign_up_throttled", email: input.email, address });
      return { ok: false, error: refused };
    }
    const user = await signUp(db, input);
    return { ok: true, data: { email: user.email } };
  } catch (e) {
    return toActionError(e);
  }
}
