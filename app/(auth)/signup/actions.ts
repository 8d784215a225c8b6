"use server";
import { getDb } from "@/lib/db/client";
import { toActionError, type ActionResult } from "@/lib/actions/safe-action";
import { signUp, signUpInput } from "@/lib/services/users/sign-up";

export async function signUpAction(_prev: ActionResult<{ email: string }> | null, form: FormData): Promise<ActionResult<{ email: string }>> {
  try {
    const input = signUpInput.parse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
    const user = await signUp(await getDb(), input);
    return { ok: true, data: { email: user.email } };
  } catch (e) {
    return toActionError(e);
  }
}
