"use client";

// Unexpected errors: the browser sees a generic message; the detail is in the server log
// (Next only sends a digest to the client in production).
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-500">
        We could not show this page. Try again; if it keeps happening, contact support
        {error.digest ? ` and quote reference ${error.digest}` : ""}.
      </p>
      <button onClick={reset} className="mt-6 rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
        Try again
      </button>
    </main>
  );
}
