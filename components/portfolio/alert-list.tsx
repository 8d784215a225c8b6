import Link from "next/link";
import { formatDate } from "@/components/format";
import type { PortfolioAlert } from "@/lib/services/portfolio/get";

function sentence(a: PortfolioAlert): string {
  const when = formatDate(a.date);
  switch (a.kind) {
    case "notice":
      return `Notice deadline on ${when}, in ${a.inDays} day${a.inDays === 1 ? "" : "s"}: decide before then whether to renew on these terms.`;
    case "exhaustion":
      return a.inDays <= 0 ? `The credits ran out on ${when}.` : `At this rate the credits run out on ${when}.`;
    case "crossed":
      return `Burn crossed ${a.thresholdPct}% of the ${a.allotmentId} allotment on ${when}.`;
    case "forecast":
      return a.thresholdPct === 100
        ? `At this rate the ${a.allotmentId} allotment runs out on ${when}.`
        : `At this rate burn reaches ${a.thresholdPct}% of the ${a.allotmentId} allotment on ${when}.`;
  }
}

const badge: Record<PortfolioAlert["kind"], string> = {
  notice: "bg-amber-100 text-amber-800",
  exhaustion: "bg-red-100 text-red-800",
  crossed: "bg-orange-100 text-orange-800",
  forecast: "bg-sky-100 text-sky-800",
};
const label: Record<PortfolioAlert["kind"], string> = { notice: "Notice", exhaustion: "Runs out", crossed: "Crossed", forecast: "Forecast" };

export function AlertList({ alerts, workspaceId }: { alerts: PortfolioAlert[]; workspaceId: string }) {
  if (alerts.length === 0) return <p className="text-sm text-slate-500">No alerts: no threshold crossed recently or forecast within a year, and no notice deadline close.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="alerts">
      {alerts.map((a, i) => (
        <li key={`${a.contractId}-${a.kind}-${a.date}-${i}`} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-baseline sm:gap-3">
          <span className={`w-20 shrink-0 rounded-full px-2 py-0.5 text-center text-xs font-semibold ${badge[a.kind]}`}>{label[a.kind]}</span>
          <Link href={`/w/${workspaceId}/contracts/${a.contractId}`} className="shrink-0 text-sm font-medium text-slate-900 hover:underline">
            {a.vendorName} · {a.contractName}
          </Link>
          <span className="text-sm text-slate-600">{sentence(a)}</span>
        </li>
      ))}
    </ul>
  );
}
