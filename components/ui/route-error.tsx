"use client";

// A section's error boundary: a plain sentence, never the raw error (its digest is in the server log).
export function RouteError({ error, reset, what }: { error: Error & { digest?: string }; reset: () => void; what: string }) {
  return (
    <div role="alert" className="rounded-lg bg-white p-8 text-center shadow-sm ring-1 ring-red-200">
      <h2 className="text-base font-semibold text-slate-900">We could not show {what}</h2>
      <p className="mt-2 text-sm text-slate-500">
        Try again; if it keeps happening, contact support{error.digest ? ` and quote reference ${error.digest}` : ""}.
      </p>
      <button onClick={reset} className="mt-4 rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
        Try again
      </button>
    </div>
  );
}
