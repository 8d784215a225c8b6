import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { getDb } from "@/lib/db/client";
import { RESET_LINK_DEAD, resetLinkAccount } from "@/lib/services/users/password";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const account = await resetLinkAccount(await getDb(), token);
  if (!account) {
    return (
      <div className="space-y-5">
        <h1 className="text-lg font-semibold">Choose a new password</h1>
        <Alert>{RESET_LINK_DEAD}</Alert>
        <p className="text-center text-sm">
          <Link href="/forgot" className="font-semibold text-indigo-600 hover:underline">
            Send a new link
          </Link>
        </p>
      </div>
    );
  }
  return <ResetPasswordForm token={token} email={account.email} />;
}
