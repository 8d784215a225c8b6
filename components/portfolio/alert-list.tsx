import Link from "next/link";
import { relativeDay } from "@/components/forecast/when";
import { formatDate } from "@/components/format";
import { BASIS_LABEL } from "@/lib/services/forecast/types";
import type { PortfolioAlert } from "@/lib/services/portfolio/get";
import { allotmentPhrase } from "@/lib/workbench/allotment-name";

function sentence(a: PortfolioAlert, today: string): string {
  const when = `${formatDate(a.date)}, ${relativeDay(a.date, today)}`;
  const allotment = allotmentPhrase(a.allotmentId);
  switch (a.kind) {
    case "notice":
      return a.inDays === 0
        ? `The notice deadline is today, ${formatDate(a.date)}: decide now whether to renew on these terms.`
        : `Notice deadline on ${when}: decide before then whether to renew on these terms.`;
    case "noticePassed":
      return `The notice deadline passed on ${when}: the contract renews on its terms unless the vendor agrees otherwise.`;
    case "ranOut":
      return `The balance ran out on ${when}.`;
    case "runsOut":
      return `The balance runs out on ${when}.`;
    case "crossed":
      return `Burn crossed ${a.thresholdPct}% of ${allotment} on ${when}.`;
    case "willCross":
      return a.thresholdPct === 100 ? `Burn uses up ${allotment} on ${when}.` : `Burn reaches ${a.thresholdPct}% of ${allotment} on ${when}.`;
  }
}

const badge: Record<PortfolioAlert["kind"], string> = {
  ranOut: "bg-red-100 text-red-800",
  runsOut: "bg-red-50 text-red-700",
  notice: "bg-amber-100 text-amber-800",
  noticePassed: "bg-slate-200 text-slate-700",
  crossed: "bg-orange-100 text-orange-800",
  willCross: "bg-sky-100 text-sky-800",
};
const label: Record<PortfolioAlert["kind"], string> = { ranOut: "Ran out", runsOut: "Runs out", notice: "Notice", noticePassed: "Notice passed", crossed: "Crossed", willCross: "Ahead" };

/** Alerts, what needs action first; each says when, against today, and on which forecast basis. */
export function AlertList({ alerts, workspaceId, today }: { alerts: PortfolioAlert[]; workspaceId: string; today: string }) {
  if (alerts.length === 0) return <p className="text-sm text-slate-500">No alerts: no balance run out or running out within the term, no threshold crossed in a current cycle, and no notice deadline close.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="alerts">
      {alerts.map((a, i) => (
        <li key={`${a.contractId}-${a.kind}-${a.date}-${i}`} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-baseline sm:gap-3" data-kind={a.kind}>
          <span className={`w-24 shrink-0 rounded-full px-2 py-0.5 text-center text-xs font-semibold ${badge[a.kind]}`}>{label[a.kind]}</span>
          <Link href={`/w/${workspaceId}/contracts/${a.contractId}`} className="shrink-0 text-sm font-medium text-slate-900 hover:underline">
            {a.vendorName} · {a.contractName}
          </Link>
          <span className="text-sm text-slate-600">
            {sentence(a, today)}
            {a.basis && <span className="ml-1 text-xs text-slate-500">({BASIS_LABEL[a.basis].toLowerCase()})</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
