"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function ConfirmEmailButton({ token, callbackUrl }: { token: string; callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function confirm() {
    setPending(true);
    setError(null);
    const res = await signIn("email-link", { token, redirect: false });
    if (!res || res.error) {
      setPending(false);
      setError(res?.error ?? "Sign-in is unavailable right now. Try again in a moment.");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }
  return (
    <div className="space-y-3">
      {error && <Alert>{error}</Alert>}
      <Button onClick={confirm} disabled={pending} aria-busy={pending} className="w-full">
        {pending ? "Confirming…" : "Confirm and sign in"}
      </Button>
    </div>
  );
}
