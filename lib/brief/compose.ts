// From the engine's result for a brief's document to the brief's content (lib/brief/types.ts).
// Every figure is read from the result; the only arithmetic here is on dates (days of runway) and
// the total of the ledger's overage credits column. Every comparison is on cost to serve: what the
// terms bill plus what the demand they leave unserved would cost, so pausing agents never reads as
// money saved; and every scenario is read on the vendor's percentile paths (pairedBy), so a column
// of the brief is one demand.
// Sentences quote the figures with the shared formatters so the screen and exports agree.
import Decimal from "decimal.js";
import { addDays, daysBetween } from "@/lib/engine/calendar";
import type { ModelResult } from "@/lib/engine/model/evaluate";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import { OBSERVED_RATE_SCENARIO, PACKAGE_ASK_ID, rolesInOrder, type BriefOptions, type BriefRoles } from "./document";
import { AUTHORITY_LABELS, ROLE_LABELS, count, day, money, percent, wholeCount } from "./format";
import type { Authority, BriefAsk, BriefContent, BriefLedger, BriefRisk, BriefScenario, CostPercentiles, ForecastPoint, ScenarioRole, TimelineEvent, UnservedAt } from "./types";

/** What the brief states about itself and its contract, beside the engine's result. */
export interface BriefMeta extends Pick<BriefContent, "title" | "vendor" | "contractName" | "currency" | "preparedOn" | "preparedBy" | "version"> {
  renewalDate: string | null;
  noticeDays: number | null;
  rateCardVersion: BriefContent["inputs"]["rateCardVersion"];
  /** a trailing period of burn left out because its rows do not cover it to the end */
  partialPeriod?: { start: string; through: string } | null;
}

type Analysis = NonNullable<ModelResult["analysis"]>;
type McScenario = NonNullable<Analysis["monteCarlo"]>["scenarios"][number];

const at = <T extends { pct: number }>(list: readonly T[] | undefined, pct: number): T | undefined => list?.find((p) => p.pct === pct);

type McPath = McScenario["totalCost"][number];

/** A figure of a scenario's percentile paths at P10, P50 and P90. */
function pick<T>(mc: McScenario | undefined, f: (p: McPath) => T): { p10: T | null; p50: T | null; p90: T | null } {
  const of = (pct: number) => {
    const p = at(mc?.totalCost, pct);
    return p ? f(p) : null;
  };
  return { p10: of(10), p50: of(50), p90: of(90) };
}

/** Cost to serve on each percentile path: what scenarios are compared on. */
function percentilesOf(mc: McScenario | undefined): CostPercentiles {
  const c = pick(mc, (p) => p.costToServe);
  return { p10: c.p10 ?? null, p50: c.p50 ?? null, p90: c.p90 ?? null };
}

function billedOf(mc: McScenario | undefined): CostPercentiles {
  const c = pick(mc, (p) => p.totalCost);
  return { p10: c.p10 ?? null, p50: c.p50 ?? null, p90: c.p90 ?? null };
}

function unservedOf(mc: McScenario | undefined): NonNullable<BriefScenario["unserved"]> {
  return pick(mc, (p): UnservedAt => ({ credits: p.unservedCredits, actions: p.unservedActions, cost: p.unservedCost }));
}

/** Why a path's demand went unserved, in words: the largest reason. */
function unservedReason(p: McPath | undefined): string {
  if (!p) return "left unserved";
  const r = p.unservedByReason;
  const largest = (Object.entries(r) as [keyof typeof r, string][]).sort((a, b) => new Decimal(b[1]).cmp(a[1]))[0]?.[0];
  return largest === "overageCap" ? "paused above the overage cap unless pre-approved" : largest === "ceiling" ? "held back at the consumption ceiling" : "paused when the credits run out";
}

const sameDecimal = (x: string | null | undefined, y: string | null | undefined) => x != null && y != null && new Decimal(x).eq(y);
const within = (x: string | null, lo: string | null, hi: string | null) => x !== null && lo !== null && hi !== null && new Decimal(x).gte(lo) && new Decimal(x).lte(hi);

const RISK_TITLES: Record<BriefRisk["kind"], string> = {
  runaway: "Runaway agent",
  nonProduction: "Testing in production",
  spike: "One-off spike",
  acceleration: "Acceleration after go-live",
};

function isPositive(s: string | null | undefined): boolean {
  return s !== null && s !== undefined && !s.startsWith("-") && /[1-9]/.test(s);
}

function driverText(v: unknown): string {
  if (typeof v === "number" || typeof v === "string") return count(v);
  if (v && typeof v === "object" && "outcomes" in v) {
    const o = (v as { outcomes: { value: unknown; probabilityPct: unknown }[] }).outcomes;
    return o.map((x) => `${count(String(x.value))} (${String(x.probabilityPct)}% likely)`).join(" or ");
  }
  if (v && typeof v === "object" && "likely" in v) {
    const r = v as { low?: unknown; likely: unknown; high?: unknown };
    return `${count(String(r.likely))} (range ${count(String(r.low ?? r.likely))}–${count(String(r.high ?? r.likely))})`;
  }
  if (Array.isArray(v)) return v.map(driverText).join(", ");
  return JSON.stringify(v);
}

/** How the asks are valued, in the words of the asks table (lib/engine/analysis/asks.ts ASK_RULE in plain words). */
export const ASK_VALUES =
  "Each ask is priced on the same demand as the vendor's terms, at P50 and at P90, as the cost of serving all of that demand, so an ask never looks cheaper by leaving agents paused. " +
  "“Saves alone” is the vendor's terms' cost less their cost with only this ask added; “lost if dropped” is the package's cost with this ask taken out less the package's cost. " +
  "When asks cover the same cost, the two differ and the overlap line shows by how much. " +
  "Authority follows the ask's own saving as a share of the vendor's cost: account executive up to 7 %, deal desk up to 15 %, VP up to 25 %, above VP beyond that.";

function assumptionsOf(doc: ModelDocumentInput, result: ModelResult, options: BriefOptions, meta: BriefMeta, roles: BriefRoles): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const version = doc.rateCards[0]?.versions.find((v) => v.id === meta.rateCardVersion.id) ?? doc.rateCards[0]?.versions[0];
  if (version) {
    const units = version.units.map((u) => `${u.name ?? u.id} = ${count(String(u.creditsPerUnit))} credits`).join("; ");
    const cp = version.creditPrice as { kind: string; packPrice?: unknown; packCredits?: unknown; pricePerCredit?: unknown };
    const priceText =
      cp.kind === "pack"
        ? `${money(String(cp.packPrice), meta.currency)} per pack of ${count(String(cp.packCredits))} credits`
        : cp.kind === "direct"
          ? `${money(String(cp.pricePerCredit), meta.currency)} per credit`
          : "no published price per credit";
    out.push({ label: "Rate card", value: `${meta.rateCardVersion.label}, effective ${day(meta.rateCardVersion.effectiveFrom)}: ${units}; ${priceText}.` });
  }
  const d = doc.drivers as Record<string, unknown> | undefined;
  if (options.startsOn && options.startsOn === doc.term.start) {
    const goLive = typeof d?.start === "string" ? ` on ${day(d.start)}` : "";
    out.push({
      label: "Horizon",
      value: `The renewal term from ${day(doc.term.start)}, with its own contract years and the current clauses' dates moved with it; the drivers count from go-live${goLive}, so the estate is past its activation ramp. The current position is read on the current term.`,
    });
  }
  if (d) {
    const names: Record<string, string> = {
      licensedSeats: "Licensed seats",
      activationPctByMonth: "Active share of seats by month (%)",
      activationPct: "Active share of seats (%)",
      monthlyGrowthPct: "Monthly growth (%)",
      nonProductionPct: "Non-production share (%)",
    };
    for (const [key, value] of Object.entries(d)) {
      if (key === "units" && Array.isArray(value)) {
        for (const u of value as Record<string, unknown>[]) {
          const rate = Object.entries(u).filter(([k]) => k !== "unit");
          out.push({ label: `Driver: ${String(u.unit)}`, value: rate.map(([k, v]) => `${k.replace(/([A-Z])/g, " $1").toLowerCase()} ${driverText(v)}`).join("; ") });
        }
      } else if (names[key]) {
        out.push({ label: names[key]!, value: driverText(value) });
      }
    }
  }
  if (result.observedBurn) out.push({ label: "Observed burn trend", value: result.observedBurn.fit.explanation });
  if (meta.partialPeriod) {
    out.push({
      label: "Partial period left out",
      value: `Burn of the period starting ${day(meta.partialPeriod.start)} covers only up to ${day(meta.partialPeriod.through)}; it is left out of the trend and the diagnostics, where it would read as a drop in burn.`,
    });
  }
  const mc = result.analysis?.monteCarlo;
  out.push({
    label: "Uncertainty",
    value: `${count(options.paths)} Monte Carlo paths, seed ${options.seed}, triangular ranges on the drivers; P10/P50/P90 are the demand paths at those ranks of the vendor's cost to serve, every scenario re-run on them in the exact ledger.${mc ? "" : " (not run)"}`,
  });
  const rule = result.scenarios[0]?.summary.unservedRule;
  if (rule) out.push({ label: "Unserved demand", value: rule });
  // In the brief's own words (its columns: saves alone, lost if dropped, overlap); the engine's rule
  // with its terms (add-alone, remove-alone) stays in the stored result.
  if (result.analysis?.asks) out.push({ label: "Ask values", value: ASK_VALUES });
  const th = result.analysis?.diagnostics?.thresholds;
  if (th) {
    out.push({
      label: "Burn diagnostics",
      value: `An agent is a runaway at ${th.runawayFactor}× its own median for ${th.runawayMinPeriods} period${th.runawayMinPeriods === 1 ? "" : "s"} (and ${th.peerGrowthFactor}× its peers' growth); a spike is one period at ${th.spikeFactor}× the agent's other periods; non-production usage is reported from ${th.nonProductionSharePct}% of all credits; acceleration is the last ${th.accelerationWindow} periods ${th.accelerationPct}% above the ${th.accelerationWindow} before. Money at the list price per credit.`,
    });
  }
  const perUser = doc.perUser as { users?: unknown; pricePerUserPerMonth?: unknown } | undefined;
  if (perUser?.pricePerUserPerMonth !== undefined) {
    out.push({ label: "Per-user alternative", value: `${typeof perUser.users === "number" ? `${count(perUser.users)} users` : "headcount schedule"} at ${money(String(perUser.pricePerUserPerMonth), meta.currency)} per user per month.` });
  }
  const scenarioNames = rolesInOrder(roles).map(({ role, id }) => `${ROLE_LABELS[role]}: ${result.scenarios.find((s) => s.id === id)?.name ?? id}`);
  out.push({ label: "Scenarios", value: scenarioNames.join("; ") });
  out.push({ label: "Rounding", value: "Money is rounded half-up to the cent once per ledger row component; totals are sums of rows." });
  return out;
}

/** Composes the brief from its document and the engine's result for it. */
export function composeBrief(
  doc: ModelDocumentInput,
  result: ModelResult,
  roles: BriefRoles,
  options: BriefOptions,
  meta: BriefMeta,
  /** the current term's evaluation when the horizon starts later (lib/brief/document.ts buildPositionDocument) */
  positionResult: ModelResult | null = null,
): BriefContent {
  const cur = meta.currency;
  const mcScenarios = result.analysis?.monteCarlo?.scenarios ?? [];
  const mcOf = (id: string | null) => (id ? mcScenarios.find((s) => s.id === id) : undefined);
  const order = rolesInOrder(roles);
  const periods = result.term.periods;
  const horizonStart = periods[0]?.start ?? result.term.start;
  const horizonEnd = periods.at(-1)?.end ?? result.term.start;

  const scenarios: BriefScenario[] = order.map(({ role, id }) => {
    const s = result.scenarios.find((x) => x.id === id)!;
    const mc = mcOf(id);
    const cost = percentilesOf(mc);
    const likelyCost = s.summary.costToServe;
    const inBand = within(likelyCost, cost.p10, cost.p90);
    return {
      role,
      id,
      name: s.name,
      description: s.description ?? null,
      totalCost: s.summary.totalCost,
      cost,
      billed: billedOf(mc),
      unserved: unservedOf(mc),
      likely: {
        costToServe: likelyCost,
        inBand,
        note:
          inBand || likelyCost === null || cost.p10 === null
            ? null
            : `The forecast at every driver's likely value (${money(likelyCost, meta.currency)}) lies outside the P10–P90 band: it puts every driver at its most likely value at once, which few simulated paths do. Negotiate on the band.`,
      },
      overageP50: at(mc?.overage, 50)?.value ?? null,
      trueUpP50: at(mc?.trueUp, 50)?.value ?? null,
      demandCredits: s.summary.demandCredits,
      unservedCredits: s.summary.unservedCredits,
      exhaustionDate: s.summary.exhaustion?.date ?? null,
      exhaustionProbabilityPct: mc ? mc.exhaustion.probabilityPct : null,
      priceUnpinned: s.summary.priceUnpinned,
    };
  });
  const byRole = (role: ScenarioRole) => scenarios.find((s) => s.role === role);
  const vendor = byRole("vendor")!;
  const asksScenario = byRole("asks")!;
  const walk = byRole("walkAway") ?? null;

  // ── asks ──
  const valuation = result.analysis?.asks;
  const askDocs = doc.analysis?.asks?.asks ?? [];
  const point50 = at(valuation?.points, 50);
  const point90 = at(valuation?.points, 90);
  const asks: BriefAsk[] = (valuation?.asks ?? [])
    .slice()
    .sort((a, b) => a.rank - b.rank)
    .map((a) => {
      const s50 = at(a.addAlone, 50)?.saving ?? null;
      const s90 = at(a.addAlone, 90)?.saving ?? null;
      const r50 = at(a.removeAlone, 50)?.saving ?? null;
      const r90 = at(a.removeAlone, 90)?.saving ?? null;
      // The engine reads the level the ask's own saving needs where that saving is the largest share
      // of the vendor's cost (an ask that only pays off on heavy usage still needs that authority).
      const authority = a.authority as Authority;
      const pct = a.authorityAtPct === 50 ? a.savingPctOfVendorTotal : null;
      let justification: string;
      const negative = (x: string | null) => x !== null && x.startsWith("-") && /[1-9]/.test(x);
      const abs = (x: string | null) => (x !== null && x.startsWith("-") ? x.slice(1) : x);
      // What dropping it does: gives up a saving, or saves money when the ask costs more in the package.
      const dropping = r50 === null ? "" : negative(r50) ? `; dropping it from the package saves ${money(abs(r50), cur)} at P50` : `; dropping it from the package gives up ${money(r50, cur)} at P50`;
      const heavy = negative(s90) ? ` but costs ${money(abs(s90), cur)} more at P90` : ` and ${money(s90, cur)} at P90`;
      if (s50 === null) {
        justification = "Its value is unknown: the rate card gives no price per credit.";
      } else if (isPositive(s50) && r50 !== null && !isPositive(r50) && !negative(r50)) {
        // worth something alone, nothing once the other asks are in: say why the columns differ
        justification = `On its own it saves ${money(s50, cur)} at P50${heavy}, but once the other asks are in it adds nothing more: they already cover what it saves. Trade it away first.`;
      } else if (!isPositive(s50) && isPositive(r50)) {
        justification = `On its own it saves nothing at P50, but with the other asks it is worth ${money(r50, cur)}: it makes them work, so keep it in the package.`;
      } else if (isPositive(s50)) {
        justification = `On its own it saves ${money(s50, cur)} at P50${heavy}${pct !== null ? ` (${percent(pct)} of the vendor's P50 cost)` : ""}${dropping}.`;
      } else if (negative(s50)) {
        justification = `On its own it costs ${money(abs(s50), cur)} more at P50; keep it only if the package needs it${dropping}.`;
      } else if (isPositive(s90)) {
        justification = `Saves nothing at P50 but ${money(s90, cur)} at P90: it is insurance against heavy usage.`;
      } else if (negative(s90)) {
        justification = `Saves nothing at P50 and costs ${money(abs(s90), cur)} more at P90: insurance the vendor sells, not one to ask for.`;
      } else {
        justification = "Costs the vendor nothing at these forecasts: ask for it in writing.";
      }
      return {
        rank: a.rank,
        id: a.id,
        name: a.name,
        clause: askDocs.find((d) => d.id === a.id)?.description ?? "",
        savingP50: s50,
        savingP90: s90,
        removeAloneP50: r50,
        savingPctOfVendorP50: pct,
        authority,
        authorityLabel: AUTHORITY_LABELS[authority],
        authorityShare: { pct: a.authorityAtPct, sharePct: a.savingPctOfVendorTotal },
        removeAloneP90: r90,
        justification,
      };
    });
  const packageAuthority = (point50?.packageAuthority ?? "unknown") as Authority;
  const asksPackage = valuation
    ? {
        savingP50: point50?.totalSaving ?? null,
        savingP90: point90?.totalSaving ?? null,
        authority: packageAuthority,
        authorityLabel: AUTHORITY_LABELS[packageAuthority],
        sums: {
          aloneP50: point50?.sumAddAlone ?? null,
          aloneP90: point90?.sumAddAlone ?? null,
          removeP50: point50?.sumRemoveAlone ?? null,
          removeP90: point90?.sumRemoveAlone ?? null,
          overlapAloneP50: point50?.overlapAlone ?? null,
          overlapAloneP90: point90?.overlapAlone ?? null,
          overlapRemoveP50: point50?.overlapRemove ?? null,
          overlapRemoveP90: point90?.overlapRemove ?? null,
        },
        columns: [
          { label: "Saves alone", meaning: "What the vendor's terms cost to serve, less what they cost with this one ask added, on the demand at the vendor's P50 (or P90)." },
          { label: "Lost if dropped", meaning: "What the package with every ask costs, less what it costs with this one ask taken out, on the same demand." },
          { label: "Overlap", meaning: "Package saving less the column's sum: negative when asks cover the same cost (together they save less than one at a time), positive when they reinforce each other." },
          { label: "Authority", meaning: "Who at the vendor can grant the ask's own saving: account executive up to 7 % of the deal, deal desk up to 15 %, VP up to 25 %, beyond VP above; read where that share is largest." },
        ],
      }
    : null;

  // ── current position ──
  let position: BriefContent["position"] = null;
  const current = positionResult ?? result;
  const ob = current.observedBurn;
  if (ob && ob.observed.length > 0) {
    const lastObserved = ob.observed.at(-1)!;
    const asOf = addDays(lastObserved.end, -1);
    const observedRate = current.scenarios.find((s) => s.id === OBSERVED_RATE_SCENARIO.id);
    // The balance where the observations end: only when a ledger period ends on the same day
    // (otherwise a row's closing balance would be stated for a date it does not describe).
    const row = observedRate?.rows.find((r) => r.period.end === lastObserved.end);
    const exhaustionDate = observedRate?.summary.exhaustion?.date ?? null;
    const runwayText = exhaustionDate
      ? exhaustionDate <= asOf
        ? `At the observed rate the credits already ran out on ${day(exhaustionDate)}.`
        : `At the observed rate the credits run out on ${day(exhaustionDate)}, ${count(daysBetween(asOf, exhaustionDate))} days after ${day(asOf)}.`
      : positionResult
        ? `At the observed rate the balance lasts to the end of the current term (${day(addDays(current.term.periods.at(-1)?.end ?? horizonEnd, -1))}).`
        : `At the observed rate the balance lasts to the end of the horizon (${day(addDays(horizonEnd, -1))}).`;
    position = {
      asOf,
      quantity: ob.quantity,
      observed: ob.observed.map((o) => ({ label: o.label, start: o.start, value: o.value })),
      trend: ob.fit.explanation,
      balanceCredits: row ? row.credits.closing : null,
      exhaustionDate,
      runway: runwayText,
    };
  }

  // ── forecast band: cumulative cost per role ──
  const bandOf = (id: string | null) => mcOf(id)?.band;
  const vb = bandOf(roles.vendor);
  const ab = bandOf(roles.asks);
  const wb = bandOf(roles.walkAway);
  const band = (p: { cumulativeCost: { pct: number; value: string | null }[] } | undefined): CostPercentiles => ({
    p10: at(p?.cumulativeCost, 10)?.value ?? null,
    p50: at(p?.cumulativeCost, 50)?.value ?? null,
    p90: at(p?.cumulativeCost, 90)?.value ?? null,
  });
  const forecastPoints: ForecastPoint[] = periods.map((p, i) => ({
    label: p.label,
    start: p.start,
    vendor: band(vb?.[i]),
    asks: band(ab?.[i]),
    walkAway: wb ? band(wb[i]) : null,
  }));

  // ── walk-away ──
  const alt = result.analysis?.alternatives;
  const pu = alt?.perUser ?? null;
  const packs = alt?.packsAtList ?? null;
  const perUser = pu
    ? {
        users: pu.users,
        pricePerUserPerMonth: pu.pricePerUserPerMonth,
        totalCost: pu.totalCost,
        listPricePerAction: pu.listPricePerAction,
        breakEvenActionsPerUserPerMonth: pu.breakEvenActionsPerUserPerMonth,
        sentence:
          `Per-user pricing (${count(pu.users)} users at ${money(pu.pricePerUserPerMonth, cur)} a month) costs ${money(pu.totalCost, cur)} over the horizon` +
          (pu.breakEvenActionsPerUserPerMonth !== null
            ? `; it beats consumption at list (${money(pu.listPricePerAction, cur)} an action) only above ${count(pu.breakEvenActionsPerUserPerMonth)} actions per user per month.`
            : "."),
      }
    : null;
  const packsAtList: CostPercentiles | null = packs
    ? { p10: at(packs.totalCost, 10)?.costToServe ?? null, p50: at(packs.totalCost, 50)?.costToServe ?? null, p90: at(packs.totalCost, 90)?.costToServe ?? null }
    : null;
  const walkSentence = walk
    ? walk.cost.p50 === null
      ? `Our walk-away terms ("${walk.name}") cannot be valued: the rate card gives no price per credit for them.`
      : `Our walk-away terms ("${walk.name}") cost ${money(walk.cost.p50, cur)} at P50 and ${money(walk.cost.p90, cur)} at P90: walk away from any offer that costs more.`
    : packsAtList?.p50 != null
      ? `With no walk-away scenario chosen, the floor is buying packs at list when needed: ${money(packsAtList.p50, cur)} at P50.`
      : "No walk-away scenario was chosen.";

  // ── risks ──
  const risks: BriefRisk[] = (result.analysis?.diagnostics?.findings ?? []).map((f) => ({
    kind: f.kind,
    // The agent is a field of its own: renderers show it beside the title.
    title: RISK_TITLES[f.kind],
    agent: f.agent,
    periods: f.periods,
    credits: f.credits,
    amount: f.amount,
    sentence: f.sentence,
  }));

  // ── timeline ──
  const timeline: TimelineEvent[] = [{ date: horizonStart, kind: "termStart", label: "Horizon starts" }];
  if (ob && ob.observed.length > 0) {
    timeline.push({ date: ob.observed[0]!.start, kind: "measurementStart", label: "Burn measurement starts" });
    timeline.push({ date: position!.asOf, kind: "burnThrough", label: "Observed burn through" });
  }
  if (position?.exhaustionDate) timeline.push({ date: position.exhaustionDate, kind: "exhaustion", label: "Credits run out at the observed rate" });
  if (meta.renewalDate) {
    if (meta.noticeDays !== null) {
      const notice = addDays(meta.renewalDate, -meta.noticeDays);
      const passed = notice < meta.preparedOn ? ", already passed" : "";
      timeline.push({ date: notice, kind: "notice", label: `Notice deadline (${meta.noticeDays} days before renewal${passed})` });
    }
    timeline.push({ date: meta.renewalDate, kind: "renewal", label: "Renewal" });
  }
  timeline.push({ date: addDays(horizonEnd, -1), kind: "termEnd", label: "Horizon ends" });
  timeline.push({ date: meta.preparedOn, kind: "prepared", label: `Brief v${meta.version} prepared` });
  timeline.sort((a, b) => a.date.localeCompare(b.date));

  // ── ledgers ──
  const ledgers: BriefLedger[] = order
    .filter(({ role }) => role !== "walkAway")
    .map(({ role, id }) => {
      const s = result.scenarios.find((x) => x.id === id)!;
      return {
        role,
        scenarioName: s.name,
        lines: s.rows.map((r) => ({
          label: r.period.label,
          start: r.period.start,
          demandCredits: r.demand.credits,
          grantedCredits: r.credits.granted,
          purchasedCredits: r.credits.purchased,
          drawnCredits: r.credits.drawn,
          overageCredits: r.credits.overage,
          unservedCredits: r.credits.unserved,
          closingCredits: r.credits.closing,
          cost: r.cost.total,
          cumulativeCost: r.cumulativeCost,
        })),
        totals: {
          demandCredits: s.summary.demandCredits,
          overageCredits: s.rows.length ? sumStrings(s.rows.map((r) => r.credits.overage)) : "0",
          unservedCredits: s.summary.unservedCredits,
          cost: s.summary.totalCost,
          unservedCost: s.summary.unservedCost,
          costToServe: s.summary.costToServe,
        },
      };
    });

  // ── summary ──
  const atStakeP50 = asksPackage?.savingP50 ?? null;
  const atStakeP90 = asksPackage?.savingP90 ?? null;
  const top = asks[0];
  const unpriced = vendor.cost.p50 === null || asksScenario.cost.p50 === null || (asksPackage !== null && atStakeP50 === null);
  const lt = (x: string | null, y: string | null) => x !== null && y !== null && new Decimal(x).lt(y);
  let recommendation: string;
  if (unpriced) {
    recommendation =
      "These terms cannot be valued: the rate card gives no price per credit for the vendor's proposal or our asks. Choose scenarios with a quoted or pinned price before using this brief.";
  } else if (isPositive(atStakeP50)) {
    const sign = asksPackage && asksPackage.authority !== "none" && asksPackage.authority !== "unknown" ? `; the package needs ${asksPackage.authorityLabel} sign-off` : "";
    const walkLine = walk && !lt(walk.cost.p50, asksScenario.cost.p50) ? `; walk away from any offer above ${money(walk.cost.p50, cur)} at P50.` : ".";
    const p90 = atStakeP90 !== null && atStakeP90.startsWith("-") && /[1-9]/.test(atStakeP90) ? ` but cost ${money(atStakeP90.slice(1), cur)} more at P90` : ` and ${money(atStakeP90, cur)} at P90`;
    recommendation = `Counter with our asks: on the same demand they save ${money(atStakeP50, cur)} at P50${p90} against the vendor's terms${sign}${walkLine}`;
  } else if (asksPackage) {
    recommendation = "Our asks do not lower the cost on the forecast demand: rework them before the call, or accept the vendor's terms on their merits.";
  } else {
    recommendation = "The asks scenario sets no clause apart from the vendor's terms: add the clauses to ask for before using this brief.";
  }
  const points: string[] = [];
  if (vendor.cost.p50 !== null) {
    points.push(`Under the vendor's terms the horizon costs ${money(vendor.cost.p50, cur)} at P50 and ${money(vendor.cost.p90, cur)} at P90 (P10 ${money(vendor.cost.p10, cur)}).`);
  }
  if (asksScenario.cost.p50 !== null) points.push(`With our asks it costs ${money(asksScenario.cost.p50, cur)} at P50 and ${money(asksScenario.cost.p90, cur)} at P90.`);
  // The saving is costed on one demand path (the vendor's P50 path), so it need not equal the
  // difference of the two P50s above: say which figures it is the difference of.
  if (point50?.vendorCost != null && point50.allAsksCost != null && isPositive(atStakeP50)) {
    points.push(
      `On the demand at the vendor's P50 the vendor's terms cost ${money(point50.vendorCost, cur)} and ours ${money(point50.allAsksCost, cur)}: a saving of ${money(atStakeP50, cur)}.`,
    );
  }
  // Asks that overlap (a cap that only binds without another ask, say) are worth less together than
  // one at a time: say so when the difference is material (over a tenth of the package's value).
  // The engine reports the interaction (Σ add-alone − total saving); only its size is judged here.
  if (point50?.sumAddAlone != null && point50.interaction != null && point50.totalSaving != null && isPositive(point50.totalSaving)) {
    if (new Decimal(point50.interaction).abs().times(10).gt(point50.totalSaving)) {
      points.push(`The asks interact: valued one at a time they add up to ${money(point50.sumAddAlone, cur)} at P50, but together they save ${money(point50.totalSaving, cur)}; negotiate them as a package.`);
    }
  }
  if (top && isPositive(top.savingP50)) points.push(`The most valuable ask is "${top.name}": ${money(top.savingP50, cur)} at P50 on its own (${top.authorityLabel}).`);
  // Paused agents are a cost, never a saving: name what each scenario leaves unserved, and its price.
  for (const sc of scenarios) {
    const u = sc.unserved;
    if (!u) continue;
    const hits = (["p50", "p90"] as const).filter((k) => isPositive(u[k]?.credits));
    if (hits.length === 0) continue;
    const mc = mcOf(sc.id);
    const parts = hits.map((k) => `${wholeCount(u[k]!.actions)} actions at ${k.toUpperCase()}${u[k]!.cost !== null ? ` (${money(u[k]!.cost, cur)} to serve)` : ""}`);
    const who = sc.role === "vendor" ? "The vendor's terms" : sc.role === "asks" ? "Our asks" : "The walk-away terms";
    points.push(`${who} leave demand unserved, agents ${unservedReason(at(mc?.totalCost, hits.at(-1) === "p90" ? 90 : 50))}: ${parts.join(" and ")}. That cost is counted in their figures, not saved.`);
  }
  for (const sc of scenarios) if (sc.likely?.note && sc.role !== "walkAway") points.push(`${sc.name}: ${sc.likely.note}`);
  if (valuation?.asks.length === 1 && valuation.asks[0]!.id === PACKAGE_ASK_ID) {
    const reason = askDocs[0]?.description?.match(/^Valued together because .*?\)\./)?.[0] ?? "They cannot be costed one at a time.";
    points.push(`Our asks are valued as one package, not ask by ask. ${reason}`);
  }
  // With paired percentiles the package's costs are the scenario table's P50s; if the asks scenario
  // is not the vendor's terms with every ask, say the two figures differ and why.
  if (point50 && asksScenario.cost.p50 !== null && point50.allAsksCost !== null && !sameDecimal(point50.allAsksCost, asksScenario.cost.p50)) {
    points.push(`The asks scenario (${money(asksScenario.cost.p50, cur)} at P50) is not exactly the vendor's terms with every ask (${money(point50.allAsksCost, cur)}): the saving quoted is the asks' against the vendor's.`);
  }
  if (walk && lt(walk.cost.p50, asksScenario.cost.p50)) {
    points.push(`Check the scenarios: the walk-away terms (${money(walk.cost.p50, cur)} at P50) cost less than our asks (${money(asksScenario.cost.p50, cur)}).`);
  }
  if (walk && packsAtList && lt(packsAtList.p50, walk.cost.p50)) {
    points.push(`Buying packs at list when needed costs ${money(packsAtList.p50, cur)} at P50, less than the walk-away terms: a commitment costing more than that is worse than none.`);
  }
  if (position) points.push(position.runway);
  const worst = risks.filter((r) => r.amount !== null).sort((x, y) => new Decimal(y.amount!).cmp(x.amount!))[0];
  if (worst) points.push(`Largest risk in the burn: ${worst.title.toLowerCase()}${worst.agent ? ` (${worst.agent})` : ""}, ${money(worst.amount, cur)}.`);

  return {
    schemaVersion: 2,
    title: meta.title,
    vendor: meta.vendor,
    contractName: meta.contractName,
    currency: cur,
    preparedOn: meta.preparedOn,
    preparedBy: meta.preparedBy,
    version: meta.version,
    inputs: {
      rateCardVersion: meta.rateCardVersion,
      burnThrough: position?.asOf ?? null,
      partialPeriod: meta.partialPeriod ?? null,
      renewalDate: meta.renewalDate,
      noticeDays: meta.noticeDays,
      seed: options.seed,
      paths: options.paths,
      horizonPeriods: options.horizonPeriods,
      granularity: result.term.granularity,
      horizonStart,
      horizonEnd: addDays(horizonEnd, -1),
      scenarios: order.map(({ role, id }) => ({ role, id, name: scenarios.find((s) => s.id === id)!.name })),
    },
    summary: {
      vendor: vendor.cost,
      asks: asksScenario.cost,
      walkAway: walk ? walk.cost : null,
      atStakeP50,
      atStakeP90,
      recommendation,
      points,
    },
    position,
    forecast: { granularity: result.term.granularity, points: forecastPoints },
    scenarios,
    asks,
    asksPackage,
    walkAway: { scenarioName: walk?.name ?? null, cost: walk?.cost ?? null, perUser, packsAtList, sentence: walkSentence },
    risks,
    timeline,
    assumptions: assumptionsOf(doc, result, options, meta, roles),
    ledgers,
  };
}

/** Total of a credits column (never money: money totals come from the engine's summary). */
function sumStrings(values: string[]): string {
  return values.reduce((acc, v) => acc.plus(v), new Decimal(0)).toFixed();
}
