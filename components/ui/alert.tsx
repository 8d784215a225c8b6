export function Alert({ kind = "error", children }: { kind?: "error" | "success" | "info"; children: React.ReactNode }) {
  const style =
    kind === "error"
      ? "bg-red-50 text-red-800 ring-red-200"
      : kind === "success"
        ? "bg-emerald-50 text-emerald-800 ring-emerald-200"
        : "bg-sky-50 text-sky-800 ring-sky-200";
  return (
    <div role={kind === "error" ? "alert" : "status"} className={`rounded-md px-3 py-2 text-sm ring-1 ring-inset ${style}`}>
      {children}
    </div>
  );
}

/** Renders the outcome of a server action submitted through useActionState. */
export function ActionMessage({ state }: { state: { ok: boolean; error?: string; message?: string } | null }) {
  if (!state) return null;
  if (!state.ok && state.error) return <Alert>{state.error}</Alert>;
  if (state.ok && state.message) return <Alert kind="success">{state.message}</Alert>;
  return null;
}
