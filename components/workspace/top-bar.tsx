import Link from "next/link";
import type { Actor } from "@/lib/services/context";
import { SignOutButton } from "@/components/auth/sign-out-button";

export function TopBar({ actor, children }: { actor: Actor; children?: React.ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3 sm:gap-4">
        <Link href="/w" className="shrink-0 text-sm font-bold tracking-tight text-indigo-700">
          Renewal Workbench
        </Link>
        {/* min-w-0: the workspace menu shrinks on a phone instead of pushing Sign out off the screen */}
        <div className="min-w-0 flex-1">{children}</div>
        <span className="hidden text-sm text-slate-500 sm:inline" title={actor.email}>
          {actor.name}
        </span>
        <div className="shrink-0">
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
