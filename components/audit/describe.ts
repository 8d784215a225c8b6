// The audit log in sentences: "Dana changed the alert thresholds of “Agentforce service estate”."
// Pure presentation: the names of what entries point at come from lib/services/audit/list.ts.
import { formatDate, formatNumber } from "@/components/format";
import { BASIS_LABEL } from "@/lib/services/forecast/types";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown> | null;
}

/** Current names by id (contracts, scenarios, briefs, rate cards, vendors, people); deleted ones are absent. */
export type NameLookup = (id: unknown) => string | undefined;

/** What a part of a contract's terms is called, for "changed the … of". */
const TERM_PARTS: Record<string, string> = {
  "clauses.termStart": "the contract start",
  "clauses.ratePolicy": "the price policy",
  "clauses.discount": "the discount",
  "clauses.creditsPerUnit": "the credits per unit",
  "clauses.environmentMultipliers": "the sandbox pricing",
  "clauses.allotments": "the allotments",
  "clauses.packs": "the credit packs",
  "clauses.drawOrder": "the order credits are drawn in",
  "clauses.ceiling": "the spending ceiling",
  "clauses.onExhaustion": "what happens when the credits run out",
  "clauses.alertThresholdsPct": "the alert thresholds",
  drivers: "the demand drivers",
  "drivers.start": "the drivers' start",
  "drivers.licensedSeats": "the licensed seats",
  "drivers.activationPctByMonth": "the activation schedule",
  "drivers.units": "the actions per unit",
  "drivers.ramp": "the ramp",
  "drivers.monthlyGrowthPct": "the monthly growth",
  "drivers.nonProductionPct": "the non-production share",
  "drivers.unitMultipliers": "the unit mix",
  rateCardVersion: "the rate card version",
  fixedLines: "the fixed lines",
};

function words(key: string): string {
  const last = key.split(".").at(-1) ?? key;
  return `the ${last.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const q = (name: unknown) => (typeof name === "string" && name !== "" ? `“${name}”` : "");
const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && v !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);
const count = (n: unknown, one: string, many = `${one}s`) => {
  const v = num(n) ?? 0;
  return `${formatNumber(v)} ${v === 1 ? one : many}`;
};
const day = (iso: unknown) => (typeof iso === "string" ? formatDate(iso.slice(0, 10)) : "");

const API_DENIALS: Record<string, string> = {
  expired: "it has expired",
  revoked: "it was revoked",
  creator_not_member: "its creator is no longer a member",
  scope: "a read-only token (or a viewer's) tried to write",
  other_workspace: "it asked for another workspace",
  rate_limited: "too many requests in a minute",
};

/** One sentence, starting with the person, for one audit entry. */
export function describeAudit(entry: AuditEntry, who: string, name: NameLookup): string {
  const d = entry.details ?? {};
  const target = name(entry.targetId);
  const contractOf = (fallback?: unknown) => q(name(d.contractId) ?? name(entry.targetId) ?? str(fallback)) || "a deleted contract";
  const card = q(name(d.rateCardId) ?? name(entry.targetId)) || "a rate card";
  const role = (r: unknown) => (r === "owner" ? "an owner" : r === "editor" ? "an editor" : r === "viewer" ? "a viewer" : String(r ?? "a member"));
  switch (entry.action) {
    case "workspace.create":
      return `${who} created the workspace ${q(d.name)}.`;
    case "workspace.rename":
      return `${who} renamed the workspace from ${q(d.from)} to ${q(d.to)}.`;
    case "workspace.export":
      return `${who} exported the workspace.`;
    case "workspace.import":
      return `${who} imported the workspace file of ${q(d.from) || "another workspace"}${d.mode === "copy" ? " as a copy" : ""}: ${list([count(d.contracts, "new contract", "new contracts"), ...(num(d.contractsMerged) ? [`${count(d.contractsMerged, "contract")} already here merged`] : []), count(d.scenarios, "scenario"), count(d.burnRows, "burn row"), count(d.briefs, "brief")])}.`;
    case "vendor.create":
      return `${who} added the vendor ${q(d.name)}${d.via === "import" ? " (from a workspace file)" : ""}.`;
    case "vendor.update": {
      const from = (d.from ?? {}) as Record<string, unknown>;
      const to = (d.to ?? {}) as Record<string, unknown>;
      return from.name !== to.name ? `${who} renamed the vendor ${q(from.name)} to ${q(to.name)}.` : `${who} changed the product of the vendor ${q(to.name)} to ${q(to.product) || "none"}.`;
    }
    case "vendor.delete":
      return `${who} deleted the vendor ${q(d.name)}.`;
    case "contract.create":
      return `${who} created the contract ${q(d.name)} with ${q(d.vendor) || "a vendor"}${d.via === "import" ? " (from a workspace file)" : ""}.`;
    case "contract.update":
      return `${who} changed the details of ${contractOf(d.name)}.`;
    case "contract.delete":
      return `${who} deleted the contract ${q(d.name)} with its scenarios, burn and briefs.`;
    case "contract.terms.update": {
      const parts = Array.isArray(d.changed) ? (d.changed as unknown[]).filter((p): p is string => typeof p === "string") : [];
      const what = parts.length ? list(parts.map((p) => TERM_PARTS[p] ?? words(p))) : "nothing in the terms";
      const source = typeof d.source === "object" && d.source !== null ? (d.source as Record<string, unknown>) : null;
      const from = source ? ` from ${q(source.set)} in the FOCUS file ${q(source.file)}` : "";
      return `${who} changed ${what} of ${contractOf()}${from}.`;
    }
    case "contract.forecast_basis.update": {
      const to = str(d.to);
      return `${who} set the forecast basis of ${contractOf()} to ${to && to in BASIS_LABEL ? `“${BASIS_LABEL[to as keyof typeof BASIS_LABEL]}”` : "the default for its data"}.`;
    }
    case "scenario.create":
      return `${who} saved the scenario ${q(d.name)} on ${contractOf()}${d.via === "import" ? " (from a workspace file)" : ""}.`;
    case "scenario.update":
      return `${who} changed the scenario ${q(d.name)} on ${contractOf()}.`;
    case "scenario.delete":
      return `${who} deleted the scenario ${q(d.name)} from ${contractOf()}.`;
    case "ratecard.create":
      return `${who} created the rate card ${q(d.name)}${d.templateId ? " from a built-in template" : ""}.`;
    case "ratecard.version.create":
      return `${who} started version ${d.versionNo ?? "?"} of ${card}${num(d.from) ? ` from version ${d.from}` : ""}.`;
    case "ratecard.version.update":
      return `${who} edited draft version ${d.versionNo ?? "?"} of ${card}.`;
    case "ratecard.version.lock":
      return `${who} locked version ${d.versionNo ?? "?"} of ${card}: a contract or scenario now uses it.`;
    case "ratecard.version.discard":
      return `${who} discarded draft version ${d.versionNo ?? "?"} of ${card}.`;
    case "burn.import": {
      const stored = count(d.inserted ?? d.rows, "row");
      const dup = num(d.alreadyStored) ? `; ${count(d.alreadyStored, "row")} already stored` : "";
      return `${who} imported ${q(d.fileName) || "a usage file"} into ${contractOf()}: ${stored} of burn${dup}.`;
    }
    case "burn.import.rollback":
      return `${who} rolled back the import of ${q(d.fileName) || "a usage file"} on ${contractOf()}: ${count(d.rowsRemoved, "row")} removed, ${count(d.rowsRestored, "row")} restored.`;
    case "burn.add":
      return `${who} added a burn row for ${day(d.periodStart)} to ${contractOf()}${num(d.credits) !== undefined ? `: ${formatNumber(num(d.credits)!, 6)} credits` : ""}.`;
    case "burn.delete":
      return `${who} deleted the burn row of ${day(d.periodStart)} from ${contractOf()}${num(d.credits) !== undefined ? ` (${formatNumber(num(d.credits)!, 6)} credits)` : ""}.`;
    case "burn.purchase.record":
      return `${who} recorded a purchase of ${num(d.credits) !== undefined ? `${formatNumber(num(d.credits)!, 6)} credits` : "credits"} on ${contractOf()} as ${d.as === "pack" ? "a pack" : "an allotment"}.`;
    case "brief.create":
      return `${who} built the brief ${q(name(entry.targetId) ?? d.title)} on ${contractOf()}.`;
    case "brief.version.create":
      return `${who} built version ${d.version ?? "?"} of the brief ${q(target) || "(since deleted)"}.`;
    case "brief.delete":
      return `${who} deleted the brief ${q(d.title)} with its versions and links.`;
    case "brief.share.create":
      return `${who} created a${d.kind === "vendorSafe" ? " vendor-safe" : d.kind === "internal" ? "n internal" : ""} read-only link to version ${d.version ?? "?"} of the brief ${q(target) || "(since deleted)"}${d.expiresAt ? `, until ${day(d.expiresAt)}` : ""}.`;
    case "brief.signoff":
      return `${who} signed off version ${d.version ?? "?"} of the brief ${q(target) || "(since deleted)"}${str(d.note) ? `: ${q(d.note)}` : ""}.`;
    case "brief.signoff.withdraw":
      return `${who} withdrew their sign-off of version ${d.version ?? "?"} of the brief ${q(target) || "(since deleted)"}.`;
    case "brief.comment.add":
      return `${who} commented on version ${d.version ?? "?"} of the brief ${q(target) || "(since deleted)"}.`;
    case "brief.comment.delete":
      return `${who} deleted their comment on a brief.`;
    case "brief.share.revoke":
      return `${who} revoked a read-only link to a brief.`;
    case "invitation.create":
      return `${who} invited ${str(d.email) ?? "someone"} as ${role(d.role)}${d.expiresAt ? `, the link valid until ${day(d.expiresAt)}` : ""}.`;
    case "invitation.accept":
      return `${who} accepted the invitation and joined as ${role(d.role)}.`;
    case "invitation.revoke":
      return `${who} revoked the invitation of ${str(d.email) ?? "someone"}.`;
    case "member.role_change":
      return `${who} changed the role of ${target ?? "a former member"} from ${d.from} to ${d.to}.`;
    case "member.remove":
      return `${who} removed ${target ?? "a former member"} (${d.role}) from the workspace.`;
    case "member.leave":
      return `${who} left the workspace.`;
    case "api.token.create":
      return `${who} created the ${d.scope === "write" ? "read-and-write" : "read-only"} API token ${q(d.name)}${d.expiresAt ? `, valid until ${day(d.expiresAt)}` : ""}.`;
    case "api.token.revoke":
      return `${who} revoked the API token ${q(d.name)}.`;
    case "api.token.denied":
      return `The API token ${q(d.name)} of ${who} was refused: ${API_DENIALS[str(d.reason) ?? ""] ?? "refused"}${str(d.path) ? ` (${str(d.method) ?? "GET"} ${str(d.path)})` : ""}.`;
    case "alerts.settings.update": {
      const c = (d.changed ?? {}) as Record<string, { from?: unknown; to?: unknown } | string>;
      const parts: string[] = [];
      const h = c.horizonDays as { from?: unknown; to?: unknown } | undefined;
      if (h) parts.push(`the alert horizon from ${count(h.from, "day")} to ${count(h.to, "day")}`);
      const u = c.webhookUrl as { from?: unknown; to?: unknown } | undefined;
      if (u) parts.push(u.to ? (u.from ? "the webhook address" : "a webhook") : "the webhook (removed)");
      if (c.webhookSecret && !(u && !u.to)) parts.push("the webhook secret");
      return parts.length ? `${who} changed ${list(parts)}.` : `${who} saved the alert settings unchanged.`;
    }
    case "alerts.preferences.update":
      return `${who} changed which alerts they receive.`;
    case "alerts.unsubscribe": {
      const kinds: Record<string, string> = { crossed: "threshold crossed", runOut: "credits run out", notice: "notice deadline" };
      return `${who} turned off e-mails about “${kinds[str(d.kind) ?? ""] ?? str(d.kind) ?? "some"}” alerts, from the link in an alert e-mail.`;
    }
    default:
      return `${who}: ${entry.action.replace(/[._]/g, " ")}.`;
  }
}
