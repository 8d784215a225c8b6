"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function ContractSubnav({ base }: { base: string }) {
  const pathname = usePathname();
  const items = [
    { href: base, label: "Overview" },
    { href: `${base}/terms`, label: "Terms" },
    { href: `${base}/scenarios`, label: "Scenarios" },
    { href: `${base}/compare`, label: "Compare" },
    { href: `${base}/burn`, label: "Burn" },
    { href: `${base}/briefs`, label: "Briefs" },
  ];
  return (
    <nav aria-label="Contract" className="flex gap-1 overflow-x-auto rounded-lg bg-slate-100 p-1">
      {items.map((item) => {
        const active = item.href === base ? pathname === base : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-white text-indigo-700 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
