"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function WorkspaceNav({ workspaceId, isOwner }: { workspaceId: string; isOwner: boolean }) {
  const pathname = usePathname();
  const base = `/w/${workspaceId}`;
  const items = [
    { href: base, label: "Overview" },
    { href: `${base}/contracts`, label: "Contracts" },
    { href: `${base}/briefs`, label: "Briefs" },
    { href: `${base}/ratecards`, label: "Rate cards" },
    { href: `${base}/vendors`, label: "Vendors" },
    { href: `${base}/alerts`, label: "Alerts" },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/settings`, label: "Settings" },
    ...(isOwner ? [{ href: `${base}/audit`, label: "Audit log" }, { href: `${base}/security`, label: "Security" }] : []),
  ];
  return (
    <nav aria-label="Workspace" className="-mb-px flex gap-6 overflow-x-auto">
      {items.map((item) => {
        const active = item.href === base ? pathname === base : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 py-3 text-sm font-medium ${active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
