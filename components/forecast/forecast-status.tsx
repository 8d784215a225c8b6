import type { ForecastView } from "@/lib/services/forecast/read";
import { BASIS_LABEL } from "@/lib/services/forecast/types";
import { AutoRefresh } from "./auto-refresh";
import { computedAtText } from "./when";

/** Which demand the forecast rests on, when it was computed, and whether a newer one is on its way. */
export function ForecastStatus({ view }: { view: ForecastView }) {
  const r = view.result;
  return (
    <div className="space-y-1 text-sm text-slate-600" data-testid="forecast-status">
      <p>
        {r ? (
          <>
            Basis: <span className="font-medium text-slate-900" data-testid="forecast-basis">{BASIS_LABEL[r.basis]}</span>
            <span className="text-slate-500">{r.basisSource === "default" ? " (the default for this contract's data)" : " (chosen on the contract)"}</span>
          </>
        ) : (
          <span>No forecast of record yet.</span>
        )}
        {view.computedAt && <span className="text-slate-500"> · {r ? "computed" : "last checked"} {computedAtText(view.computedAt)}</span>}
        {view.recomputing && (
          <span className="ml-2 inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-800" data-testid="forecast-recomputing" role="status">
            <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-amber-500" aria-hidden />
            {view.state === "none" ? "Computing…" : "Recomputing: the figures below are the last stored"}
          </span>
        )}
      </p>
      {r?.basisNote && <p className="text-amber-800">{r.basisNote}</p>}
      {r?.observed?.partialPeriod && (
        <p className="text-xs text-slate-500">
          The burn of the period starting {r.observed.partialPeriod.start} runs only through {r.observed.partialPeriod.through}: it is left out until the period is complete.
        </p>
      )}
      {view.lastError && <p className="text-xs text-red-700">The last recomputation failed: {view.lastError}</p>}
      <AutoRefresh active={view.recomputing} />
    </div>
  );
}
