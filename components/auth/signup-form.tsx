"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { signUpAction } from "@/app/(auth)/signup/actions";
import type { ActionResult } from "@/lib/actions/safe-action";
import { ActionMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_HINT } from "./password-hint";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [state, setState] = useState<ActionResult<{ email: string }> | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password") ?? "");
    startTransition(async () => {
      const result = await signUpAction(null, form);
      setState(result);
      if (!result.ok) return;
      // The account exists: sign in with what was just typed (the password never comes back from the server).
      const res = await signIn("credentials", { email: result.data.email, password, redirect: false });
      router.replace(res?.ok ? callbackUrl : "/signin");
      router.refresh();
    });
  }

  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">Create an account</h1>
      {state && !state.ok && !fe && <ActionMessage state={state} />}
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field label="Name" name="name" autoComplete="name" required error={fe?.name} />
        <Field label="E-mail" name="email" type="email" autoComplete="email" required error={fe?.email} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} hint={PASSWORD_HINT} error={fe?.password} />
        <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
          {pending ? "Creating account…" : "Create account"}
        </Button>
      </form>
      <p className="text-center text-sm text-slate-500">
        Already have an account?{" "}
        <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-semibold text-indigo-600 hover:underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
