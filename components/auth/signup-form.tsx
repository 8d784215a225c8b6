"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { signUpAction } from "@/app/(auth)/signup/actions";
import { ActionMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_HINT } from "./password-hint";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, setState] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  // Submitted by hand rather than as a form action, so a refused password keeps what was typed.
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    startTransition(async () => setState(await signUpAction(callbackUrl, null, form)));
  }
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">Create an account</h1>
      {state && !fe && <ActionMessage state={state} />}
      {!state?.ok && (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <Field label="Name" name="name" autoComplete="name" required error={fe?.name} />
          <Field label="E-mail" name="email" type="email" autoComplete="email" required error={fe?.email} />
          <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} hint={PASSWORD_HINT} error={fe?.password} />
          <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
            {pending ? "Creating account…" : "Create account"}
          </Button>
        </form>
      )}
      <p className="text-center text-sm text-slate-500">
        Already have an account?{" "}
        <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-semibold text-indigo-600 hover:underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
