"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function WorkspaceNav({ workspaceId, isOwner, unreadAlerts = 0 }: { workspaceId: string; isOwner: boolean; unreadAlerts?: number }) {
  const pathname = usePathname();
  const base = `/w/${workspaceId}`;
  const items = [
    { href: base, label: "Overview" },
    { href: `${base}/contracts`, label: "Contracts" },
    { href: `${base}/briefs`, label: "Briefs" },
    { href: `${base}/ratecards`, label: "Rate cards" },
    { href: `${base}/vendors`, label: "Vendors" },
    { href: `${base}/alerts`, label: "Alerts", badge: unreadAlerts > 0 ? unreadAlerts : undefined },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/settings`, label: "Settings" },
    { href: `${base}/api`, label: "API" },
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
            {"badge" in item && item.badge !== undefined && (
              <span className="ml-1.5 rounded-full bg-indigo-600 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="unread-alerts">
                {item.badge > 99 ? "99+" : item.badge}
                <span className="sr-only"> unread</span>
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
