// Alerts in words, the same in the inbox, the e-mail and the webhook's body. Pure.
import { ALERT_KINDS, type AlertKindDelivered } from "@/lib/db/schema/alerts";
import { day } from "@/lib/brief/format";
import { allotmentPhrase } from "@/lib/workbench/allotment-name";

export { ALERT_KINDS, type AlertKindDelivered };

export const KIND_LABEL: Record<AlertKindDelivered, string> = {
  crossed: "Threshold crossed",
  runOut: "Credits run out",
  notice: "Notice deadline",
};

export const KIND_DESCRIPTION: Record<AlertKindDelivered, string> = {
  crossed: "Burn crossed one of the contract's alert thresholds (a percentage of an allotment) in its current cycle.",
  runOut: "The forecast of record has the balance running out within the workspace's horizon (or already run out this term).",
  notice: "A contract's notice deadline (renewal date less the notice period) falls within the workspace's horizon.",
};

export interface AlertFacts {
  kind: AlertKindDelivered;
  date: string;
  thresholdPct: number | null;
  allotmentId: string | null;
  contractName: string;
  vendorName: string;
}

/** "Salesforce · Agentforce service estate: notice deadline on 3 Dec 2026 (11 days from 22 Nov 2026)." */
export function alertSentence(a: AlertFacts, foundFor?: string): string {
  const who = `${a.vendorName} · ${a.contractName}`;
  const inDays = foundFor ? Math.round((Date.parse(a.date) - Date.parse(foundFor)) / 86_400_000) : null;
  const rel = inDays === null ? "" : inDays === 0 ? " (today)" : inDays > 0 ? ` (in ${inDays} day${inDays === 1 ? "" : "s"})` : ` (${-inDays} day${inDays === -1 ? "" : "s"} ago)`;
  switch (a.kind) {
    case "notice":
      return `${who}: the notice deadline is ${day(a.date)}${rel}. Decide before then whether to renew on these terms.`;
    case "runOut":
      return inDays !== null && inDays <= 0
        ? `${who}: the balance ran out on ${day(a.date)}${rel}, by the forecast of record.`
        : `${who}: the balance runs out on ${day(a.date)}${rel}, by the forecast of record.`;
    case "crossed":
      return `${who}: burn crossed ${a.thresholdPct}% of ${allotmentPhrase(a.allotmentId)} on ${day(a.date)}${rel}.`;
  }
}
