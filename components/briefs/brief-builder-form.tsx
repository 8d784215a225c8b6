"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { briefComputedAction } from "@/app/w/[workspaceId]/briefs/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/safe-action";
import { day } from "@/lib/brief/format";
import type { BriefJobView } from "@/lib/services/briefs/job";

type Submit = (prev: ActionResult<{ jobId: string }> | null, form: FormData) => Promise<ActionResult<{ jobId: string }>>;
type JobState = BriefJobView & { result: { briefId: string; version: number } | null };

/**
 * Follows a brief job (computed off the request): its stage and progress, then opens the brief.
 * Polls the job's status; a failure comes back with the reason (and the fields it names).
 */
function useBriefJob(workspaceId: string, jobId: string | null) {
  const router = useRouter();
  const [job, setJob] = useState<JobState | null>(null);
  const [lost, setLost] = useState(false);
  useEffect(() => {
    if (!jobId) return;
    let stop = false;
    let misses = 0;
    const poll = async () => {
      while (!stop) {
        try {
          const res = await fetch(`/api/w/${workspaceId}/briefs/jobs/${jobId}`, { cache: "no-store" });
          if (!res.ok) throw new Error(String(res.status));
          const j = (await res.json()) as JobState;
          misses = 0;
          if (stop) return;
          setJob(j);
          if (j.status === "succeeded" && j.result) {
            await briefComputedAction(workspaceId);
            router.push(`/w/${workspaceId}/briefs/${j.result.briefId}?v=${j.result.version}`);
            return;
          }
          if (j.status === "failed") return;
        } catch {
          misses += 1;
          if (misses >= 5) {
            setLost(true);
            return;
          }
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [workspaceId, jobId, router]);
  return { job, lost };
}

export interface BuilderDefaults {
  vendor: string;
  asks: string;
  walkAway: string;
  horizonPeriods: number;
  unit: "months" | "weeks";
  /** the two places a horizon can start; renewal only when the contract has a renewal date */
  termStart: string;
  renewalDate: string | null;
  horizonStart?: "termStart" | "renewal";
  seed?: number;
  paths?: number;
}

/**
 * Picks the scenarios to set side by side, the horizon and the simulation; the server computes the
 * brief. `mode="version"` makes the next version of a brief (same fields, a note instead of a title).
 * The fields are controlled so that a refused submission keeps what was chosen.
 */
export function BriefBuilderForm({
  action,
  workspaceId,
  scenarios,
  defaults,
  mode = "create",
}: {
  action: Submit;
  workspaceId: string;
  scenarios: { id: string; name: string }[];
  defaults: BuilderDefaults;
  mode?: "create" | "version";
}) {
  const [state, formAction] = useActionState(action, null);
  const { job, lost } = useBriefJob(workspaceId, state?.ok ? state.data.jobId : null);
  const running = state?.ok === true && !lost && job?.status !== "failed";
  const [v, setV] = useState({
    vendorScenarioId: defaults.vendor,
    asksScenarioId: defaults.asks,
    walkAwayScenarioId: defaults.walkAway,
    // A version made at renewal for a contract that has since lost its renewal date starts at the term start.
    horizonStart: defaults.renewalDate ? (defaults.horizonStart ?? "termStart") : "termStart",
    horizonPeriods: String(defaults.horizonPeriods),
    paths: String(defaults.paths ?? 2000),
    seed: defaults.seed === undefined ? "" : String(defaults.seed),
    text: "",
  });
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [k]: e.target.value });
  const errors = state && !state.ok ? state.fieldErrors : job?.status === "failed" ? (job.fieldErrors ?? undefined) : undefined;
  const options = scenarios.map((s) => (
    <option key={s.id} value={s.id}>
      {s.name}
    </option>
  ));
  const scenarioErrors = [...(errors?.vendorScenarioId ?? []), ...(errors?.asksScenarioId ?? []), ...(errors?.walkAwayScenarioId ?? [])];
  return (
    <form action={formAction} className="space-y-4" aria-label={mode === "create" ? "Build a brief" : "New version"}>
      <div className="grid gap-3 sm:grid-cols-3">
        <Select label="Vendor's proposal" name="vendorScenarioId" value={v.vendorScenarioId} onChange={set("vendorScenarioId")} required>
          {options}
        </Select>
        <Select label="Our asks" name="asksScenarioId" value={v.asksScenarioId} onChange={set("asksScenarioId")} required>
          {options}
        </Select>
        <Select label="Walk-away" name="walkAwayScenarioId" value={v.walkAwayScenarioId} onChange={set("walkAwayScenarioId")}>
          <option value="">None</option>
          {options}
        </Select>
      </div>
      {scenarioErrors.length > 0 && (
        <p className="text-sm text-red-600" role="alert">
          {scenarioErrors.join(" ")}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-4">
        <Select label="Horizon starts" name="horizonStart" value={v.horizonStart} onChange={set("horizonStart")}>
          <option value="termStart">At the term start ({day(defaults.termStart)})</option>
          {defaults.renewalDate && <option value="renewal">At renewal ({day(defaults.renewalDate)}): the next term</option>}
        </Select>
        {mode === "create" ? (
          <Field label="Title (optional)" name="title" value={v.text} onChange={set("text")} placeholder="Vendor renewal: contract" error={errors?.title} />
        ) : (
          <Field label="Note (optional)" name="note" value={v.text} onChange={set("text")} maxLength={500} placeholder="e.g. November burn added" error={errors?.note} />
        )}
        <Field
          label={`Horizon (${defaults.unit})`}
          name="horizonPeriods"
          type="number"
          min={1}
          max={60}
          required
          value={v.horizonPeriods}
          onChange={set("horizonPeriods")}
          error={errors?.horizonPeriods}
          hint={v.horizonStart === "renewal" ? "From the renewal date; the estate past its ramp." : "From the contract's term start."}
        />
        <Field label="Simulated paths" name="paths" type="number" min={200} max={20000} step={100} value={v.paths} onChange={set("paths")} error={errors?.paths} hint="More paths: steadier P10/P90, slower." />
        <Field
          label="Seed (optional)"
          name="seed"
          type="number"
          min={0}
          value={v.seed}
          onChange={set("seed")}
          error={errors?.seed}
          hint={mode === "create" ? "Empty: a random seed, recorded with the brief." : "The previous version's seed: the same draws on today's data."}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant={mode === "create" ? "primary" : "secondary"} pendingText="Asking for the brief…" disabled={running}>
          {mode === "create" ? "Build brief" : "New version from today's data"}
        </SubmitButton>
        <p className="text-xs text-slate-500">
          {mode === "create"
            ? "The brief is a snapshot: it records the rate card version, the burn up to today, the drivers and the seed, and never changes."
            : "Earlier versions stay as they were."}
        </p>
      </div>
      {state && !state.ok && <Alert>{state.error}</Alert>}
      {running && (
        <div className="space-y-1" role="status" aria-live="polite" data-testid="brief-progress">
          <p className="text-sm text-slate-700">
            {job ? job.stage : "Waiting for a worker"}… {job?.status === "succeeded" ? "opening the brief." : ""}
          </p>
          <div className="h-2 w-full max-w-md overflow-hidden rounded-full bg-slate-100" aria-hidden>
            <div className="h-full rounded-full bg-indigo-600 transition-all" style={{ width: `${Math.max(5, job?.progressPct ?? 5)}%` }} />
          </div>
          <p className="text-xs text-slate-500">The brief is computed off this page: you may leave it; the brief appears under Briefs when it is ready.</p>
        </div>
      )}
      {job?.status === "failed" && <Alert>{job.error ?? "The brief could not be computed."}</Alert>}
      {lost && <Alert>Lost track of the brief being computed. Reload the page: it appears under Briefs when it is ready.</Alert>}
    </form>
  );
}
