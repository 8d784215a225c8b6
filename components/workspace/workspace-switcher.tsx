"use client";
import { useRouter } from "next/navigation";

export function WorkspaceSwitcher({ current, workspaces }: { current: string; workspaces: { id: string; name: string }[] }) {
  const router = useRouter();
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm">
      <span className="sr-only">Switch workspace</span>
      <select aria-label="Switch workspace"
        value={current}
        onChange={(e) => router.push(e.target.value === "__all" ? "/w" : `/w/${e.target.value}`)}
        className="w-full min-w-0 truncate sm:max-w-56 rounded-md border-0 bg-slate-50 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
        <option value="__all">All workspaces…</option>
      </select>
    </label>
  );
}
