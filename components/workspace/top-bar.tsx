import Link from "next/link";
import type { Actor } from "@/lib/services/context";
import { SignOutButton } from "@/components/auth/sign-out-button";

export function TopBar({ actor, children }: { actor: Actor; children?: React.ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:flex-nowrap">
        <Link href="/w" className="shrink-0 text-sm font-bold tracking-tight text-indigo-700">
          Renewal Workbench
        </Link>
        {/* on a phone the workspace switcher takes a row of its own under the name and sign-out */}
        <div className="order-last w-full min-w-0 sm:order-none sm:w-auto sm:flex-1">{children}</div>
        <Link href="/account" className="ml-auto text-sm text-slate-600 underline-offset-2 hover:underline sm:max-w-xs sm:truncate" title={`${actor.email}: your account`}>
          <span className="sm:hidden">Account</span>
          <span className="hidden sm:inline">{actor.name}</span>
        </Link>
        <div className="shrink-0 whitespace-nowrap">
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
