import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/signin-form";
import { getActor } from "@/lib/auth/actor";
import { oidcConfig } from "@/lib/auth/options";
import { safeCallbackPath } from "@/lib/auth/redirect";

export const metadata: Metadata = { title: "Sign in" };

// Codes next-auth puts in ?error= when a sign-in fails outside the credentials form.
const errorMessages: Record<string, string> = {
  AccessDenied: "Single sign-on was refused: your provider did not share a verified e-mail address.",
  OAuthSignin: "Could not reach the single sign-on provider. Try again.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  SessionRequired: "Sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const safeCallback = safeCallbackPath(callbackUrl);
  if (await getActor()) redirect(safeCallback);
  const sso = oidcConfig();
  return (
    <SignInForm
      callbackUrl={safeCallback}
      ssoName={sso?.name ?? null}
      initialError={error ? (errorMessages[error] ?? "Sign-in failed. Try again.") : null}
    />
  );
}
