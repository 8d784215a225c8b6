"use client";
import { useActionState } from "react";
import { changePasswordAction, endOtherSessionsAction } from "@/app/account/actions";
import { PASSWORD_HINT } from "@/components/auth/password-hint";
import { ActionMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function ChangePasswordForm({ email, hasPassword }: { email: string; hasPassword: boolean }) {
  const [state, action] = useActionState(changePasswordAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="max-w-md space-y-4" noValidate key={state?.ok ? "done" : "form"}>
      {state && !fe && <ActionMessage state={state} />}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      {hasPassword ? (
        <Field label="Current password" name="current" type="password" autoComplete="current-password" required error={fe?.current} />
      ) : (
        <>
          <input type="hidden" name="current" value="" />
          <p className="text-sm text-slate-600">You sign in through single sign-on. A password lets you sign in with your e-mail too.</p>
        </>
      )}
      <Field label="New password" name="next" type="password" autoComplete="new-password" required hint={PASSWORD_HINT} error={fe?.next} />
      <Field label="New password again" name="confirm" type="password" autoComplete="new-password" required error={fe?.confirm} />
      <SubmitButton pendingText="Saving…">{hasPassword ? "Change password" : "Set a password"}</SubmitButton>
    </form>
  );
}

export function EndOtherSessionsForm() {
  const [state, action] = useActionState(endOtherSessionsAction, null);
  return (
    <form action={action} className="space-y-3">
      <ActionMessage state={state} />
      <SubmitButton variant="secondary" pendingText="Signing out…">
        Sign out every other browser
      </SubmitButton>
    </form>
  );
}
