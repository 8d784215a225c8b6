"use client";
import Link from "next/link";
import { useActionState } from "react";
import { requestResetAction } from "@/app/(auth)/forgot/actions";
import { ActionMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(requestResetAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">Forgot your password?</h1>
      <p className="text-sm text-slate-600">Enter the e-mail address of your account. We will send it a link to choose a new password.</p>
      {state && !fe && <ActionMessage state={state} />}
      {!state?.ok && (
        <form action={action} className="space-y-4" noValidate>
          <Field label="E-mail" name="email" type="email" autoComplete="email" required autoFocus error={fe?.email} />
          <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
            {pending ? "Sending…" : "Send the link"}
          </Button>
        </form>
      )}
      <p className="text-center text-sm text-slate-500">
        <Link href="/signin" className="font-semibold text-indigo-600 hover:underline">
          Back to sign-in
        </Link>
      </p>
    </div>
  );
}
