import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/signup-form";
import { safeCallbackPath } from "@/lib/auth/redirect";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const safeCallback = safeCallbackPath(callbackUrl);
  return <SignUpForm callbackUrl={safeCallback} />;
}
