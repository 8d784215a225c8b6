import { after } from "next/server";
import type { WorkspaceCtx } from "@/lib/services/context";
import { getForecast, listForecasts } from "@/lib/services/forecast/read";
import { enqueueForecast } from "@/lib/services/forecast/recompute";

// Pages read stored forecasts only. One whose inputs changed without a recomputation being asked
// for (or computed for an earlier day) is shown marked "recomputing", and asked for after the
// response is sent: idempotent, a recomputation already queued for the same inputs is not queued again.

function askLater(ctx: WorkspaceCtx, contractId: string) {
  after(() =>
    enqueueForecast(ctx.db, ctx.workspace.id, contractId).catch((e) => {
      console.error(`could not ask for the forecast of contract ${contractId}`, e);
    }),
  );
}

export async function forecastForPage(ctx: WorkspaceCtx, contractId: string) {
  const view = await getForecast(ctx, contractId);
  if (view.stale) askLater(ctx, contractId);
  return view;
}

export async function forecastsForPage(ctx: WorkspaceCtx) {
  const list = await listForecasts(ctx);
  for (const f of list) if (f.stale) askLater(ctx, f.contractId);
  return list;
}
