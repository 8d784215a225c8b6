"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { placeInFile } from "@/lib/services/transfer/where";

interface Issue {
  path: string;
  message: string;
}

interface Report {
  vendors: { created: string[]; reused: string[] };
  rateCards: { name: string; versions: number }[];
  contracts: { id: string; name: string; vendor: string; scenarios: number; burnRows: number; duplicateBurnRows: number; merged?: boolean }[];
  ignored: string[];
  mode?: Mode;
}

/** lib/services/transfer/receive.ts WorkspaceImportView, as the routes answer it */
export interface ImportView {
  id: string;
  status: "receiving" | "queued" | "running" | "succeeded" | "failed";
  stage: string;
  progressPct: number;
  contracts: number;
  burnRows: number;
  briefVersions: number;
  report: Report | null;
  message: string | null;
  error: string | null;
  issues: Issue[];
}

type Mode = "merge" | "copy";

type Phase = { kind: "idle" } | { kind: "uploading"; name: string } | { kind: "refused"; error: string; issues: Issue[] } | { kind: "import"; view: ImportView };

const POLL_MS = 1000;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * Sends the file as it is (it streams to the server, which checks its structure and stores it),
 * then follows the import job's progress until it has succeeded or failed.
 */
export function ImportForm({ workspaceId, limitMb, initial }: { workspaceId: string; limitMb: number; initial: ImportView | null }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>("merge");
  const [phase, setPhase] = useState<Phase>(initial ? { kind: "import", view: initial } : { kind: "idle" });
  const polling = useRef<number | null>(null);

  const pollId = phase.kind === "import" && (phase.view.status === "queued" || phase.view.status === "running") ? phase.view.id : null;
  useEffect(() => {
    if (!pollId) return;
    let stopped = false;
    const tick = async () => {
      try {
        const res = await fetch(`/api/w/${workspaceId}/import/${pollId}`, { cache: "no-store" });
        if (res.ok && !stopped) {
          const view = (await res.json()) as ImportView;
          setPhase({ kind: "import", view });
          if (view.status === "succeeded") router.refresh();
          if (view.status === "succeeded" || view.status === "failed") return;
        }
      } catch {
        // A missed poll: the next one asks again.
      }
      if (!stopped) polling.current = window.setTimeout(() => void tick(), POLL_MS);
    };
    polling.current = window.setTimeout(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      if (polling.current) window.clearTimeout(polling.current);
    };
  }, [pollId, workspaceId, router]);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!file) return;
    if (file.size > limitMb * 1024 * 1024) {
      setPhase({ kind: "refused", error: `The file is larger than ${limitMb} MB, the most an import accepts.`, issues: [] });
      return;
    }
    setPhase({ kind: "uploading", name: file.name });
    try {
      const res = await fetch(`/api/w/${workspaceId}/import?mode=${mode}`, { method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: file });
      const body = (await res.json().catch(() => null)) as (ImportView & { error?: string; fieldErrors?: Record<string, string[]> }) | null;
      if (res.status === 202 && body) setPhase({ kind: "import", view: body });
      else {
        const issues = Object.entries(body?.fieldErrors ?? {}).flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
        setPhase({ kind: "refused", error: body?.error ?? "The server did not answer. Try again.", issues });
      }
    } catch {
      setPhase({ kind: "refused", error: "The upload did not reach the server. Check your connection and try again.", issues: [] });
    }
  }

  const busy = phase.kind === "uploading" || pollId !== null;
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
          accept=".zip,.json,application/zip,application/json"
          required
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            if (!busy) setPhase({ kind: "idle" });
          }}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-slate-800 hover:file:bg-slate-200"
        />
        <p className="text-xs text-slate-500">A .workbench.zip archive exported from this app (or a .workbench.json file of earlier versions), up to {limitMb} MB.</p>
      </div>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-slate-700">Contracts this workspace already holds</legend>
        <p className="text-xs text-slate-500">A file exported from this workspace, or one imported here before, carries contracts that are here already.</p>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="radio" name="mode" value="merge" checked={mode === "merge"} onChange={() => setMode("merge")} disabled={busy} className="mt-1" />
          <span>
            <span className="font-medium">Merge</span> (recommended): keep them as they are here and add only the burn rows they lack; import the other contracts.
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="radio" name="mode" value="copy" checked={mode === "copy"} onChange={() => setMode("copy")} disabled={busy} className="mt-1" />
          <span>
            <span className="font-medium">Import as a copy</span>: every contract of the file is created again, named “… (copy)” where the name is taken.
          </span>
        </label>
      </fieldset>
      <button type="submit" disabled={!file || busy} aria-busy={busy} className={buttonClass("primary")}>
        {phase.kind === "uploading" ? "Sending the file…" : pollId ? "Importing…" : "Import"}
      </button>
      {phase.kind === "uploading" && (
        <p className="text-sm text-slate-600" aria-live="polite">
          Sending {phase.name} and checking its structure…
        </p>
      )}
      {phase.kind === "refused" && <Refusal error={phase.error} issues={phase.issues} />}
      {phase.kind === "import" && <ImportState workspaceId={workspaceId} view={phase.view} />}
    </form>
  );
}

function Refusal({ error, issues }: { error: string; issues: Issue[] }) {
  return (
    <Alert>
      <p>{error}</p>
      {issues.length > 1 && (
        <ul className="mt-2 list-disc space-y-0.5 pl-5 text-xs" aria-label="Problems in the file">
          {issues.map((i, k) => (
            <li key={k}>
              <span title={i.path} className="underline decoration-dotted underline-offset-2">
                {placeInFile(i.path)}
              </span>
              : {i.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

function ImportState({ workspaceId, view }: { workspaceId: string; view: ImportView }) {
  if (view.status === "failed") return <Refusal error={view.error ?? "The import failed. Nothing was stored."} issues={view.issues} />;
  if (view.status === "succeeded" && view.report) {
    const report = view.report;
    return (
      <Alert kind="success">
        <p>{view.message}</p>
        <ul className="mt-2 list-disc space-y-0.5 pl-5" aria-label="Imported contracts">
          {report.contracts.map((c) => (
            <li key={c.id}>
              <Link className="font-medium underline" href={`/w/${workspaceId}/contracts/${c.id}`}>
                {c.name}
              </Link>{" "}
              ({c.vendor}):{" "}
              {c.merged ? `already here, kept as it is; ${plural(c.burnRows, "new burn row")} added` : `${plural(c.scenarios, "saved scenario")}, ${plural(c.burnRows, "burn row")}`}
              {c.duplicateBurnRows ? `, ${plural(c.duplicateBurnRows, c.merged ? "row it had" : "duplicate row", c.merged ? "rows it had" : "duplicate rows")} skipped` : ""}
            </li>
          ))}
        </ul>
        {report.vendors.reused.length > 0 && <p className="mt-2">Reused vendors: {report.vendors.reused.join(", ")}.</p>}
        {report.ignored.length > 0 && <p className="mt-2 text-xs">Not stored: {report.ignored.join("; ")}.</p>}
        <p className="mt-2 text-xs">The contracts&apos; forecasts are being computed in the background; their pages show them as they are ready.</p>
      </Alert>
    );
  }
  const pct = Math.max(0, Math.min(100, view.progressPct));
  return (
    <div className="space-y-2 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200" data-testid="transfer-import-progress">
      <p className="text-sm font-medium text-slate-800">
        The file&apos;s structure is valid: {plural(view.contracts, "contract")}, {plural(view.burnRows, "burn row")}, {plural(view.briefVersions, "brief version")}. Importing in the background…
      </p>
      <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200">
        <div className="h-full rounded-full bg-indigo-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-slate-600" aria-live="polite">
        {view.stage} · {pct}%. You can leave this page; the import goes on, and all of it or nothing is stored.
      </p>
    </div>
  );
}
