// What a row is (FOCUS ChargeCategory, or a mapped category column), which unit names credits, and
// which quantities are counts of actions. Only Usage is consumption; everything else is kept and
// shown apart.
import type { ChargeCategory } from "@/lib/import/types";

/** FOCUS 1.0–1.3 ChargeCategory values, and spellings vendor exports use for the same. */
const CATEGORY_WORDS: Record<string, ChargeCategory> = {
  usage: "usage",
  consumption: "usage",
  usagecharge: "usage",
  purchase: "purchase",
  purchases: "purchase",
  fee: "purchase",
  subscription: "purchase",
  recurring: "purchase",
  onetime: "purchase",
  credit: "credit",
  credits: "credit",
  refund: "credit",
  promotion: "credit",
  promotionalcredit: "credit",
  adjustment: "adjustment",
  adjustments: "adjustment",
  rounding: "adjustment",
  tax: "tax",
  taxes: "tax",
  vat: "tax",
  gst: "tax",
};

/** The category of a ChargeCategory cell; null for a value that is not one (reported by the caller). */
export function categoryOf(text: string): ChargeCategory | null {
  return CATEGORY_WORDS[text.toLowerCase().replace(/[^a-z]/g, "")] ?? null;
}

export const CATEGORY_LABEL: Record<ChargeCategory, string> = {
  usage: "Usage",
  purchase: "Purchase",
  credit: "Credit",
  adjustment: "Adjustment",
  tax: "Tax",
  unusedCommitment: "Unused commitment",
  other: "Other",
};

/** Categories whose amounts may be negative: refunds, credits, corrections. */
export function allowsNegative(category: ChargeCategory, correction: boolean, focus: boolean): boolean {
  if (correction) return true;
  if (category === "credit" || category === "adjustment") return true;
  // FOCUS: "Positive or negative charges … including refunds" for Usage, Purchase and Tax alike;
  // a restated open period carries negations. A mapped export has no such convention.
  return focus;
}

// "Monthly unused fee", "End of contract unused fee", "Commitment shortfall", "Underutilization charge".
const UNUSED_COMMITMENT = /\bunused\b|\bshortfall\b|\bunder-?utili[sz]/i;

/**
 * A Usage row that bills an unmet commitment rather than consumption: FOCUS marks the unused part
 * of a commitment discount with CommitmentDiscountStatus "Unused", and books the unused fees of
 * spend agreements as Usage rows whose description alone says what they are.
 */
export function isUnusedCommitment(description: string | null, commitmentStatus: string | null): boolean {
  if (commitmentStatus !== null && commitmentStatus.toLowerCase() === "unused") return true;
  return description !== null && UNUSED_COMMITMENT.test(description);
}

/** A pricing or consumed unit that names credits ("Credits", "Flex Credits", "1K credits"). */
export function namesCredits(unit: string | null): boolean {
  return unit !== null && /\bcredits?\b/i.test(unit);
}

/** A unit naming a virtual currency bought upfront: credits or tokens (FOCUS's own example sells tokens). */
export function namesPrepaidUnits(unit: string | null): boolean {
  return unit !== null && /\b(credits?|tokens?)\b/i.test(unit);
}

// Units that count agent steps: an action, a request, a message, an execution… A quantity in any
// other unit (tokens, hours, GB, TB) stays a quantity of that unit.
const ACTION_WORDS = new Set([
  "action", "actions", "request", "requests", "execution", "executions", "call", "calls", "event", "events", "invocation",
  "invocations", "run", "runs", "operation", "operations", "message", "messages", "conversation", "conversations",
  "session", "sessions", "assist", "assists", "count", "each", "unit", "units", "task", "tasks", "query", "queries",
]);

const actionCache = new Map<string, boolean>();

/** True when a quantity in `unit` counts actions (no unit at all counts too: the column said "actions"). */
export function countsActions(unit: string | null): boolean {
  if (unit === null) return true;
  let v = actionCache.get(unit);
  if (v === undefined) {
    // "AgentAction" and "agent_action" name the same unit as "Agent action".
    const words = unit.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z]+/).filter((w) => w !== "");
    const last = words[words.length - 1];
    v = last !== undefined && ACTION_WORDS.has(last) && !words.some((w) => /^(token|tokens|hour|hours|gb|tb|mb|byte|bytes|gib|tib|minute|minutes|second|seconds)$/.test(w));
    if (actionCache.size < 10_000) actionCache.set(unit, v);
  }
  return v;
}
