"use client";
import Link from "next/link";
import { useActionState } from "react";
import { resetPasswordAction } from "@/app/(auth)/reset/[token]/actions";
import { ActionMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_HINT } from "./password-hint";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction.bind(null, token), null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">Choose a new password</h1>
      <p className="text-sm text-slate-600">For {email}.</p>
      {state && !fe && <ActionMessage state={state} />}
      {state?.ok ? (
        <p className="text-center text-sm">
          <Link href="/signin" className="font-semibold text-indigo-600 hover:underline">
            Sign in
          </Link>
        </p>
      ) : (
        <form action={action} className="space-y-4" noValidate>
          {/* lets password managers file the new password under the right account */}
          <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
          <Field label="New password" name="password" type="password" autoComplete="new-password" required hint={PASSWORD_HINT} error={fe?.next} />
          <Field label="New password again" name="confirm" type="password" autoComplete="new-password" required error={fe?.confirm} />
          <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
            {pending ? "Saving…" : "Save the new password"}
          </Button>
        </form>
      )}
    </div>
  );
}
