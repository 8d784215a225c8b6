"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { applyCommitmentTermsAction, previewCommitmentTermsAction } from "@/app/w/[workspaceId]/contracts/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import type { CommitmentSetPreview } from "@/lib/services/focus/import-terms";

const MAX_BYTES = 900 * 1024;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Reads a FOCUS Contract Commitment file (ours or another tool's) and takes one of its sets of terms
 * as this contract's allotments, packs and fixed lines, after showing what would change.
 */
export function CommitmentImport({ workspaceId, contractId, version }: { workspaceId: string; contractId: string; version: number }) {
  const router = useRouter();
  const inputId = useId();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [sets, setSets] = useState<CommitmentSetPreview[] | null>(null);
  const [chosen, setChosen] = useState<string>("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();

  const read = (f: File | undefined) => {
    setSets(null);
    setMessage(null);
    setFile(null);
    if (!f) return;
    if (f.size > MAX_BYTES) {
      setMessage({ ok: false, text: `${f.name} is over 900 KB; a Contract Commitment dataset of one contract is far smaller.` });
      return;
    }
    start(async () => {
      const text = await f.text();
      const result = await previewCommitmentTermsAction(workspaceId, contractId, text);
      if (!result.ok) {
        setMessage({ ok: false, text: `${f.name}: ${result.error}` });
        return;
      }
      setFile({ name: f.name, text });
      setSets(result.data);
      setChosen(result.data.find((s) => !s.refusal && s.status !== "Proposed")?.name ?? result.data.find((s) => !s.refusal)?.name ?? "");
    });
  };

  const apply = async () => {
    if (!file || !chosen) return;
    const result = await applyCommitmentTermsAction(workspaceId, { contractId, version, set: chosen, fileName: file.name }, file.text);
    if (result.ok) {
      setMessage({ ok: true, text: result.message ?? "Terms taken." });
      setSets(null);
      setFile(null);
      router.refresh();
    } else setMessage({ ok: false, text: result.error });
  };

  const selected = sets?.find((s) => s.name === chosen);
  return (
    <div className="mt-4 space-y-3 border-t border-slate-100 pt-4">
      <div>
        <label htmlFor={inputId} className="text-sm font-medium text-slate-900">
          Take terms from a FOCUS Contract Commitment file
        </label>
        <p className="mt-1 text-sm text-slate-500">
          A file this page downloaded reads back exactly; another tool’s is read from its FOCUS columns (credits, cost and periods; no rollover). You see what would change before anything is saved.
        </p>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={pending}
          onChange={(e) => read(e.currentTarget.files?.[0])}
          className="mt-2 block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
          data-testid="commitment-file"
        />
      </div>
      {pending && !sets && <p className="text-sm text-slate-500" role="status">Reading the file…</p>}
      {message && <Alert kind={message.ok ? "success" : "error"}>{message.text}</Alert>}
      {sets && file && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-900">Sets of terms in {file.name}</legend>
          {sets.map((s) => (
            <label key={s.name} className={`flex gap-3 rounded-md p-3 ring-1 ${s.name === chosen ? "bg-sky-50 ring-sky-300" : "ring-slate-200"} ${s.refusal ? "opacity-70" : ""}`}>
              <input type="radio" name="commitment-set" value={s.name} checked={s.name === chosen} disabled={!!s.refusal} onChange={() => setChosen(s.name)} className="mt-1" />
              <span className="min-w-0 text-sm">
                <span className="font-medium text-slate-900">{s.name}</span>
                {s.status && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{s.status}</span>}
                <span className="block text-slate-600">
                  {plural(s.allotments, "allotment")}, {plural(s.packs, "pack")}, {plural(s.fixedLines, "fixed line")}
                  {s.currency ? ` · ${s.currency}` : ""}
                  {s.refusal ? "" : s.changes.length ? ` · would change the ${s.changes.join(", ")}` : " · the same as this contract's"}
                </span>
                {s.refusal && <span className="block text-red-700">{s.refusal}</span>}
                {s.notes.map((n) => (
                  <span key={n} className="block text-slate-500">
                    {n}
                  </span>
                ))}
              </span>
            </label>
          ))}
          <div className="flex flex-wrap gap-2 pt-1">
            <ConfirmButton
              label="Take these terms"
              title={`Replace the allotments, packs and fixed lines with “${chosen}”?`}
              confirmLabel="Replace them"
              pendingLabel="Saving…"
              variant="primary"
              confirmVariant="primary"
              disabled={!selected || !!selected.refusal || selected.changes.length === 0}
              onConfirm={apply}
            >
              <p className="text-sm text-slate-600">
                {selected?.changes.length ? `This changes the ${selected.changes.join(", ")} of this contract. ` : ""}
                The rest of the terms (draw order, what happens at exhaustion, discounts, drivers) stays as it is. The audit log records the file and the set; the previous terms can be typed back from the log if needed.
              </p>
            </ConfirmButton>
            <Button type="button" variant="secondary" onClick={() => { setSets(null); setFile(null); setMessage(null); }}>
              Cancel
            </Button>
          </div>
        </fieldset>
      )}
    </div>
  );
}
