// What moved between two versions of one brief: the figures (recommendation, cost to serve per
// scenario at P50/P90, the saving, the day the credits run out, each ask's value) and the inputs
// that moved them, read from the two stored model documents (rate card version, burn through,
// observed burn, drivers, clauses, scenarios, seed, paths, horizon). Pure: no database.
import Decimal from "decimal.js";
import type { BriefSettings } from "@/lib/db/schema/briefs";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import { count, day, money, ROLE_LABELS } from "./format";
import type { BriefContent, ScenarioRole } from "./types";

export interface VersionSide {
  version: number;
  content: BriefContent;
  document: ModelDocumentInput;
  settings: BriefSettings;
}

export interface FigureChange {
  key: string;
  label: string;
  from: string;
  to: string;
  /** to − from, formatted, for money figures; null for text and dates */
  change: string | null;
}

export interface InputChange {
  /** what kind of input: "Rate card", "Burn", "Drivers", "Contract clauses", "Scenario …", "Simulation" */
  group: string;
  /** where in it, in words joined by " › " */
  what: string;
  from: string;
  to: string;
}

export interface BriefDiff {
  from: number;
  to: number;
  figures: FigureChange[];
  unchangedFigures: number;
  inputs: InputChange[];
  /** more input changes than listed (a long burn series, say) */
  moreInputs: number;
}

const MAX_INPUTS = 200;

function moneyChange(label: string, key: string, a: string | null | undefined, b: string | null | undefined, cur: string, out: FigureChange[]): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y || (x !== null && y !== null && new Decimal(x).eq(y))) return false;
  const change = x !== null && y !== null ? new Decimal(y).minus(x) : null;
  out.push({
    key,
    label,
    from: money(x, cur),
    to: money(y, cur),
    change: change === null ? null : `${change.isNegative() ? "−" : "+"}${money(change.abs().toFixed(), cur)}`,
  });
  return true;
}

function textChange(label: string, key: string, a: string, b: string, out: FigureChange[]): boolean {
  if (a === b) return false;
  out.push({ key, label, from: a, to: b, change: null });
  return true;
}

/** Figures of two versions side by side, only those that differ (and a count of those that do not). */
export function figureChanges(a: BriefContent, b: BriefContent): { changes: FigureChange[]; unchanged: number } {
  const cur = b.currency;
  const out: FigureChange[] = [];
  let same = 0;
  const tally = (changed: boolean) => {
    if (!changed) same += 1;
  };
  tally(textChange("Recommendation", "recommendation", a.summary.recommendation, b.summary.recommendation, out));
  tally(moneyChange("Saving, P50", "saving.p50", a.summary.atStakeP50, b.summary.atStakeP50, cur, out));
  tally(moneyChange("Saving, P90", "saving.p90", a.summary.atStakeP90, b.summary.atStakeP90, cur, out));
  const roles: ScenarioRole[] = ["vendor", "asks", "walkAway"];
  for (const role of roles) {
    const sa = a.scenarios.find((s) => s.role === role);
    const sb = b.scenarios.find((s) => s.role === role);
    if (!sa && !sb) continue;
    const name = ROLE_LABELS[role];
    if (sa && sb && sa.name !== sb.name) out.push({ key: `${role}.name`, label: `${name}: scenario`, from: sa.name, to: sb.name, change: null });
    tally(moneyChange(`${name}: cost to serve, P50`, `${role}.p50`, sa?.cost.p50, sb?.cost.p50, cur, out));
    tally(moneyChange(`${name}: cost to serve, P90`, `${role}.p90`, sa?.cost.p90, sb?.cost.p90, cur, out));
  }
  const runOut = (c: BriefContent) => (c.position ? (c.position.exhaustionDate ? day(c.position.exhaustionDate) : "Not within the term") : "No observed burn");
  tally(textChange("Credits run out (current terms, observed rate)", "runOut", runOut(a), runOut(b), out));
  const asks = new Map<string, { a?: BriefContent["asks"][number]; b?: BriefContent["asks"][number] }>();
  for (const x of a.asks) asks.set(x.id, { a: x });
  for (const x of b.asks) asks.set(x.id, { ...asks.get(x.id), b: x });
  for (const [id, { a: xa, b: xb }] of asks) {
    const name = (xb ?? xa)!.name;
    if (!xa || !xb) {
      out.push({ key: `ask.${id}`, label: `Ask “${name}”`, from: xa ? "asked" : "not asked", to: xb ? "asked" : "not asked", change: null });
      continue;
    }
    tally(moneyChange(`Ask “${name}”: saves alone, P50`, `ask.${id}.p50`, xa.savingP50, xb.savingP50, cur, out));
    tally(moneyChange(`Ask “${name}”: saves alone, P90`, `ask.${id}.p90`, xa.savingP90, xb.savingP90, cur, out));
  }
  return { changes: out, unchanged: same };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function show(v: unknown): string {
  if (v === undefined) return "not set";
  if (v === null) return "none";
  if (typeof v === "string") return /^-?\d+(\.\d+)?$/.test(v) ? count(v) : v;
  if (typeof v === "number") return count(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

/** Leaf-level differences of two JSON values, as paths in words. */
export function jsonChanges(a: unknown, b: unknown, path: string[] = [], out: { path: string[]; from: string; to: string }[] = []): { path: string[]; from: string; to: string }[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return out;
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) jsonChanges(a[k], b[k], [...path, k], out);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) jsonChanges(a[i], b[i], [...path, `#${i + 1}`], out);
    return out;
  }
  out.push({ path, from: show(a), to: show(b) });
  return out;
}

type Doc = Record<string, unknown>;

/** The inputs that differ between two versions' documents and settings. */
export function inputChanges(a: VersionSide, b: VersionSide): InputChange[] {
  const out: InputChange[] = [];
  const push = (group: string, changes: { path: string[]; from: string; to: string }[]) => {
    for (const c of changes) out.push({ group, what: c.path.join(" › ") || "—", from: c.from, to: c.to });
  };
  const ia = a.content.inputs;
  const ib = b.content.inputs;
  if (ia.rateCardVersion.id !== ib.rateCardVersion.id || ia.rateCardVersion.label !== ib.rateCardVersion.label) {
    out.push({ group: "Rate card", what: "version", from: ia.rateCardVersion.label, to: ib.rateCardVersion.label });
  }
  const da = a.document as unknown as Doc;
  const db = b.document as unknown as Doc;
  push("Rate card", jsonChanges(da.rateCards, db.rateCards).filter((c) => c.path.at(-1) !== "id"));
  if (ia.burnThrough !== ib.burnThrough) out.push({ group: "Burn", what: "observed through", from: day(ia.burnThrough), to: day(ib.burnThrough) });
  push("Burn", jsonChanges(da.observedBurn, db.observedBurn, ["observed burn"]));
  const ua = Array.isArray(da.usage) ? da.usage.length : 0;
  const ub = Array.isArray(db.usage) ? db.usage.length : 0;
  if (ua !== ub) out.push({ group: "Burn", what: "usage rows", from: count(ua), to: count(ub) });
  push("Drivers", jsonChanges(da.drivers, db.drivers));
  push("Per-user price", jsonChanges(da.perUser, db.perUser));
  push("Contract clauses", jsonChanges(da.contract, db.contract));
  push("Term", jsonChanges(da.term, db.term));
  // scenarios by role: which one was chosen, then what changed in it
  const byRole = (side: VersionSide, role: ScenarioRole) => {
    const id = role === "walkAway" ? side.settings.roles.walkAway : side.settings.roles[role];
    const list = (side.document as unknown as { scenarios?: { id: string; name: string }[] }).scenarios ?? [];
    return id ? list.find((s) => s.id === id) : undefined;
  };
  for (const role of ["vendor", "asks", "walkAway"] as const) {
    const sa = byRole(a, role);
    const sb = byRole(b, role);
    const group = ROLE_LABELS[role];
    if (!sa && !sb) continue;
    if (sa?.id !== sb?.id) out.push({ group, what: "scenario chosen", from: sa?.name ?? "none", to: sb?.name ?? "none" });
    else push(group, jsonChanges({ ...sa, id: undefined }, { ...sb, id: undefined }));
  }
  const sim = (label: string, x: unknown, y: unknown) => {
    if (x !== y) out.push({ group: "Simulation", what: label, from: show(x), to: show(y) });
  };
  if (a.settings.seed !== b.settings.seed) out.push({ group: "Simulation", what: "seed", from: String(a.settings.seed), to: String(b.settings.seed) });
  sim("paths", a.settings.paths, b.settings.paths);
  sim("horizon (periods)", a.settings.horizonPeriods, b.settings.horizonPeriods);
  sim("horizon starts", ia.horizonStart ? day(ia.horizonStart) : undefined, ib.horizonStart ? day(ib.horizonStart) : undefined);
  return out;
}

export function diffBriefVersions(a: VersionSide, b: VersionSide): BriefDiff {
  const { changes, unchanged } = figureChanges(a.content, b.content);
  const inputs = inputChanges(a, b);
  return { from: a.version, to: b.version, figures: changes, unchangedFigures: unchanged, inputs: inputs.slice(0, MAX_INPUTS), moreInputs: Math.max(0, inputs.length - MAX_INPUTS) };
}
