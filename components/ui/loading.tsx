/** The skeleton shown by loading.tsx files while a page's data (and the engine's figures) load. */
export function PageLoading({ label = "Loading…", blocks = 2 }: { label?: string; blocks?: number }) {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">{label}</span>
      {Array.from({ length: blocks }, (_, i) => (
        <div key={i} className="animate-pulse rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <div className="h-4 w-1/3 rounded bg-slate-200" />
          <div className="mt-4 space-y-2">
            <div className="h-3 rounded bg-slate-100" />
            <div className="h-3 w-5/6 rounded bg-slate-100" />
            <div className="h-3 w-2/3 rounded bg-slate-100" />
          </div>
        </div>
      ))}
    </div>
  );
}
