"use server";
import { headers } from "next/headers";
import { getDb } from "@/lib/db/client";
import { toActionError, type ActionResult } from "@/lib/actions/safe-action";
import { clientAddress } from "@/lib/auth/client-address";
import { throttleSignUp } from "@/lib/auth/throttle";
import { recordSecurityEvent } from "@/lib/services/security/log";
import { signUp, signUpInput } from "@/lib/services/users/sign-up";

export async function signUpAction(callbackUrl: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
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
    const { message } = await signUp(db, input, { callbackUrl });
    return { ok: true, data: undefined, message };
  } catch (e) {
    return toActionError(e);
  }
}
