import Link from "next/link";
import type { Actor } from "@/lib/services/context";
import { SignOutButton } from "@/components/auth/sign-out-button";

export function TopBar({ actor, children }: { actor: Actor; children?: React.ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
        <Link href="/w" className="text-sm font-bold tracking-tight text-indigo-700">
          Renewal Workbench
        </Link>
        <div className="flex-1">{children}</div>
        <span className="hidden text-sm text-slate-500 sm:inline" title={actor.email}>
          {actor.name}
        </span>
        <SignOutButton />
      </div>
    </header>
  );
}
