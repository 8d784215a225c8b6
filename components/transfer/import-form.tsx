"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";

interface Issue {
  path: string;
  message: string;
}

interface Report {
  vendors: { created: string[]; reused: string[] };
  rateCards: { name: string; versions: number }[];
  contracts: { id: string; name: string; vendor: string; scenarios: number; burnRows: number; duplicateBurnRows: number }[];
  ignored: string[];
}

type Outcome = { ok: true; message: string; data: Report } | { ok: false; error: string; issues?: Issue[] };

const MAX_BYTES = 10 * 1024 * 1024;

export function ImportForm({ workspaceId }: { workspaceId: string }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setOutcome({ ok: false, error: "The file is larger than 10 MB." });
      return;
    }
    setPending(true);
    setOutcome(null);
    try {
      const res = await fetch(`/w/${workspaceId}/transfer/import`, { method: "POST", headers: { "Content-Type": "application/json" }, body: await file.text() });
      const body = (await res.json().catch(() => null)) as Outcome | null;
      setOutcome(body ?? { ok: false, error: "The server did not answer. Try again." });
      if (body?.ok) router.refresh();
    } catch {
      setOutcome({ ok: false, error: "The upload did not reach the server. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      <div className="space-y-1">
        <label htmlFor="workspace-file" className="block text-sm font-medium text-slate-700">
          Workspace file
        </label>
        <input
          id="workspace-file"
          name="file"
          type="file"
          accept=".json,application/json"
          required
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setOutcome(null);
          }}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-slate-800 hover:file:bg-slate-200"
        />
        <p className="text-xs text-slate-500">A .workbench.json file exported from this app, up to 10 MB.</p>
      </div>
      <button type="submit" disabled={!file || pending} aria-busy={pending} className={buttonClass("primary")}>
        {pending ? "Importing…" : "Import"}
      </button>
      {outcome && !outcome.ok && (
        <Alert>
          <p>{outcome.error}</p>
          {outcome.issues && outcome.issues.length > 1 && (
            <ul className="mt-2 list-disc space-y-0.5 pl-5 font-mono text-xs" aria-label="Problems in the file">
              {outcome.issues.map((i, k) => (
                <li key={k}>
                  {i.path}: {i.message}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {outcome?.ok && (
        <Alert kind="success">
          <p>{outcome.message}</p>
          <ul className="mt-2 list-disc space-y-0.5 pl-5" aria-label="Imported contracts">
            {outcome.data.contracts.map((c) => (
              <li key={c.id}>
                <Link className="font-medium underline" href={`/w/${workspaceId}/contracts/${c.id}`}>
                  {c.name}
                </Link>{" "}
                ({c.vendor}): {c.scenarios} saved scenario{c.scenarios === 1 ? "" : "s"}, {c.burnRows} burn row{c.burnRows === 1 ? "" : "s"}
                {c.duplicateBurnRows ? `, ${c.duplicateBurnRows} duplicate row${c.duplicateBurnRows === 1 ? "" : "s"} skipped` : ""}
              </li>
            ))}
          </ul>
          {outcome.data.vendors.reused.length > 0 && <p className="mt-2">Reused vendors: {outcome.data.vendors.reused.join(", ")}.</p>}
          {outcome.data.ignored.length > 0 && <p className="mt-2 text-xs">Not stored: {outcome.data.ignored.join("; ")}.</p>}
        </Alert>
      )}
    </form>
  );
}
