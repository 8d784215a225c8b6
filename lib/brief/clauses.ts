// Clause values of the model document in words, for a brief's asks: a short name ("Pin the price")
// and the clause as an advisor would write it in a term sheet.
import { count, money } from "./format";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));
const cadenceWord: Record<string, string> = { month: "monthly", quarter: "quarterly", year: "yearly", term: "for the term", once: "once" };
const per: Record<string, string> = { month: "month", quarter: "quarter", year: "year" };

function limit(l: unknown, currency: string, cadence: string): string {
  if (!isObj(l)) return "";
  const unit = per[cadence] ?? cadence;
  if (l.kind === "amount") return `${money(str(l.amount), currency)}/${unit}`;
  if (l.kind === "credits") return `${count(str(l.credits))} credits/${unit}`;
  return "";
}

function price(p: unknown, currency: string): string {
  if (!isObj(p)) return "the contract price";
  if (p.kind === "list") return "list price";
  if (p.kind === "fixed") return `${money(str(p.pricePerCredit), currency)} per credit`;
  return "the contract price";
}

function rollover(r: unknown): string {
  if (!isObj(r)) return "unused credits expire at the cycle's end";
  const parts = [`${str(r.sharePct)}% of unused credits roll over`];
  if (r.expiresAfterCycles !== undefined) parts.push(`for ${str(r.expiresAfterCycles)} cycle${r.expiresAfterCycles === 1 ? "" : "s"}`);
  if (isObj(r.cap)) parts.push(r.cap.kind === "credits" ? `up to ${count(str(r.cap.credits))} credits` : `up to ${str(r.cap.pct)}% of the grant`);
  return parts.join(" ");
}

function allotment(a: unknown, currency: string): string {
  if (!isObj(a)) return "";
  const cadence = cadenceWord[str(a.cadence)] ?? str(a.cadence);
  const kind = a.kind === "complimentary" ? "complimentary allotment" : "allocation";
  const size = isObj(a.size)
    ? a.size.kind === "fixed"
      ? `${count(str(a.size.credits))} credits`
      : a.size.kind === "fromAmount"
        ? `${money(str(a.size.amount), currency)} of credits`
        : `${count(str(a.size.creditsPerHead))} credits per head`
    : "";
  const fee = a.feePerCycle !== undefined ? ` for ${money(str(a.feePerCycle), currency)}` : "";
  return `${cadence[0]?.toUpperCase() ?? ""}${cadence.slice(1)} ${kind} of ${size}${fee}; ${rollover(a.rollover)}`;
}

/** A clause of the document's `clauses` object by key, in words. */
export function describeClause(key: string, value: unknown, currency: string): { name: string; clause: string } {
  const v = isObj(value) ? value : {};
  switch (key) {
    case "ratePolicy":
      if (v.kind === "pinned") return { name: "Pin the price per credit", clause: v.pricePerCredit !== undefined ? `Price per credit pinned at ${money(str(v.pricePerCredit), currency)} for the term.` : "Price per credit pinned for the term." };
      if (v.kind === "capped") return { name: "Cap price increases", clause: `List price increases capped at ${str(v.maxIncreasePctPerYear)}% a year.` };
      return { name: "Rate policy", clause: "Credits at the list price in force." };
    case "discount":
      if (v.kind === "flat") return { name: `${str(v.pct)}% off every credit`, clause: `A flat ${str(v.pct)}% discount on the price per credit.` };
      if (v.kind === "committedPrice") return { name: "Committed price per credit", clause: `Committed price of ${money(str(v.pricePerCredit), currency)} per credit.` };
      if (v.kind === "volumeTiers" && Array.isArray(v.tiers)) {
        const tiers = v.tiers.filter(isObj).map((t) => `${str(t.pct)}% from ${count(str(t.fromCredits))} credits`);
        return { name: "Volume discount tiers", clause: `Volume discount: ${tiers.join(", ")}.` };
      }
      return { name: "No discount", clause: "No discount." };
    case "allotments": {
      const list = Array.isArray(value) ? value : [];
      return { name: list.length === 1 ? "Right-size the allotment" : "Allotments", clause: `${list.map((a) => allotment(a, currency)).join(". ")}.` };
    }
    case "onExhaustion": {
      if (v.kind === "pause") return { name: "Pause at exhaustion", clause: "Agents pause when the balance runs out; nothing is bought automatically." };
      if (v.kind === "autoPack" && isObj(v.pack)) {
        return { name: "Automatic packs", clause: `Packs of ${count(str(v.pack.packCredits))} credits${v.pack.packPrice !== undefined ? ` at ${money(str(v.pack.packPrice), currency)}` : ""} bought when the balance runs out.` };
      }
      if (v.kind === "overage" && isObj(v.overage)) {
        const o = v.overage;
        const cap = isObj(o.cap) ? `, capped at ${limit(o.cap.limit, currency, str(o.cap.cadence))}` : "";
        const above = isObj(o.cap) ? (o.aboveCap === "preApproved" ? "; above the cap served and billed" : "; anything above the cap needs written pre-approval") : "";
        return { name: isObj(o.cap) ? "Cap overage" : "Overage terms", clause: `Usage beyond the allotment billed at ${price(o.price, currency)}${cap}${above}.` };
      }
      if (v.kind === "trueUp" && isObj(v.trueUp)) {
        const t = v.trueUp;
        const cap = isObj(t.cap) ? (t.cap.kind === "amount" ? `, capped at ${money(str(t.cap.amount), currency)}` : `, capped at ${str(t.cap.pct)}% of contract value`) : "";
        const when = isObj(t.schedule) && t.schedule.kind === "everyNPeriods" ? `every ${str(t.schedule.n)} periods` : "at term end";
        return { name: isObj(t.cap) ? "Cap the true-up" : "True-up terms", clause: `Consumption above the allotment trued up ${when} at ${price(t.price, currency)}${cap}.` };
      }
      return { name: "Exhaustion terms", clause: "What happens when the balance runs out." };
    }
    case "ceiling": {
      const c = v as Obj;
      return { name: "Consumption ceiling", clause: `Consumption ceiling of ${limit(c.limit, currency, str(c.cadence))}; demand above it is not served.` };
    }
    case "creditsPerUnit": {
      const entries = Object.entries(v).map(([unit, credits]) => `${unit} = ${count(str(credits))} credits`);
      return { name: "Negotiated credits per unit", clause: `Credits per unit fixed in the contract: ${entries.join(", ")}.` };
    }
    case "environmentMultipliers":
      return { name: "Sandbox usage rate", clause: `Non-production usage metered at ${str(v.nonProduction ?? 1)}× and production at ${str(v.production ?? 1)}×.` };
    case "alertThresholdsPct":
      return { name: "Consumption alerts in writing", clause: `Contractual consumption reporting with alerts at ${(Array.isArray(value) ? value : []).map((x) => `${str(x)}%`).join(", ")} of each allotment.` };
    case "packs":
      return { name: "Scheduled packs", clause: `${(Array.isArray(value) ? value : []).length} scheduled pack purchase(s).` };
    case "drawOrder":
      return { name: "Draw order", clause: `Credits drawn in the order ${(Array.isArray(value) ? value : []).map(str).join(", ")}.` };
    case "termStart":
      return { name: "Contract start", clause: `Contract start moved to ${str(value)}.` };
    default:
      return { name: key, clause: JSON.stringify(value) };
  }
}
