import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmEmailButton } from "@/components/auth/confirm-email-button";
import { Alert } from "@/components/ui/alert";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { getDb } from "@/lib/db/client";
import { liveLink } from "@/lib/services/users/account-links";
import { VERIFY_LINK_DEAD } from "@/lib/services/users/sign-up";

export const metadata: Metadata = { title: "Confirm your e-mail", referrer: "no-referrer" };

// Opening the page spends nothing (mail scanners open links too); the button does.
export default async function ConfirmEmailPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ callbackUrl?: string }> }) {
  const { token } = await params;
  const { callbackUrl } = await searchParams;
  const link = await liveLink(await getDb(), token, "verify", new Date());
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">Confirm your e-mail</h1>
      {link ? (
        <>
          <p className="text-sm text-slate-600">
            Finish creating the account of <span className="font-medium text-slate-900">{link.email}</span>.
          </p>
          <ConfirmEmailButton token={token} callbackUrl={safeCallbackPath(callbackUrl)} />
        </>
      ) : (
        <>
          <Alert>{VERIFY_LINK_DEAD}</Alert>
          <p className="text-center text-sm">
            <Link href="/signin" className="font-semibold text-indigo-600 hover:underline">
              Sign in
            </Link>{" "}
            ·{" "}
            <Link href="/signup" className="font-semibold text-indigo-600 hover:underline">
              Sign up again
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
