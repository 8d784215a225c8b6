// The model document: a whole renewal case in one versioned JSON file (contract, rate cards with
// versions, drivers, observed burn, scenarios with their clause sets).
//
// The schema describes the document as written, so that docs/model.schema.json can be generated
// from it: numbers stay `string | number` here and become Decimals in lib/engine/model/map.ts.
// Percentages are on a 0–100 scale and named `…Pct`, as in the ledger's own types.
import { z } from "zod";
import { isIsoDate } from "@/lib/engine/calendar";
import { text } from "@/lib/engine/model/text";

const DECIMAL_STRING = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** A decimal as a JSON number or, to keep every digit, a string ("0.005"). */
export const DecimalValue = z
  .union([
    z.string().regex(DECIMAL_STRING, { error: 'expected a decimal such as 12.5 or "0.005"' }),
    z.number().refine(Number.isFinite, { error: "expected a finite number" }),
  ])
  .meta({ id: "Decimal", description: "A decimal number, as a JSON number or a decimal string (e.g. \"0.005\") to keep exact digits." });

function decimalWhere(test: (x: number) => boolean, what: string) {
  // A value that is not a decimal at all has been reported by DecimalValue already; saying that
  // "fifteen" is also out of range would only add noise.
  return DecimalValue.refine((v) => !Number.isFinite(Number(v)) || test(Number(v)), { error: `must be ${what}` });
}

const NonNegative = decimalWhere((x) => x >= 0, "0 or more");
const Positive = decimalWhere((x) => x > 0, "more than 0");
const Pct = decimalWhere((x) => x >= 0 && x <= 100, "a percentage from 0 to 100");

export const IsoDateString = z
  .string()
  .refine(isIsoDate, { error: "expected a calendar date YYYY-MM-DD" })
  .meta({ id: "IsoDate", description: "A calendar date, YYYY-MM-DD.", format: "date" });

const Id = text().min(1).max(100);

/** low / likely / high of an uncertain driver, each checked like the plain value it replaces. */
function rangeOf(base: z.ZodType<string | number>) {
  return z
    .object({
      low: base.describe("Lowest plausible value."),
      likely: base.describe("Most likely value: the one the deterministic ledger uses."),
      high: base.describe("Highest plausible value."),
    })
    .strict()
    .refine((r) => !(Number(r.low) > Number(r.likely) || Number(r.likely) > Number(r.high)), { error: "a range needs low ≤ likely ≤ high" })
    .describe("An uncertain driver: Monte Carlo samples it from a triangular distribution on [low, high] with mode likely; everything else uses likely.");
}

/** Discrete outcomes of an uncertain driver, each with its probability (for a demand that is one of
 *  a few known cases, such as a roll-out that happens or does not). */
function outcomesOf(base: z.ZodType<string | number>) {
  return z
    .object({
      outcomes: z
        .array(z.object({ value: base, probabilityPct: Pct.describe("Probability of this outcome, 0–100; the outcomes' probabilities add up to 100.") }).strict())
        .min(2)
        .describe("Two or more outcomes; Monte Carlo draws each with its probability, the deterministic ledger uses the most probable (the first of equals)."),
    })
    .strict()
    .refine((o) => Math.abs(o.outcomes.reduce((sum, x) => sum + Number(x.probabilityPct), 0) - 100) < 1e-9, { error: "the probabilities of the outcomes must add up to 100" })
    .describe("An uncertain driver with discrete outcomes.");
}

/** A driver value, its range, or its discrete outcomes. */
function uncertain(base: z.ZodType<string | number>) {
  return z.union([base, rangeOf(base), outcomesOf(base)]);
}

// ─── case and term ───────────────────────────────────────────────────────────────────────

export const CaseInfo = z
  .object({
    name: text().min(1).describe("Title of the case, e.g. the customer and renewal."),
    customer: text().optional(),
    vendor: text().min(1).describe("Vendor whose agents are metered, e.g. Salesforce."),
    currency: z.string().regex(/^[A-Z]{3}$/, { error: "expected an ISO 4217 code such as USD" }).describe("ISO 4217 currency of every amount in the document."),
    description: text().optional(),
  })
  .strict().meta({ id: "Case" });

export const Term = z
  .object({
    start: IsoDateString.describe("First day of the modelled term (also the contract's term start unless a clause set says otherwise)."),
    periods: z.number().int().min(1).max(600).describe("Number of periods in the term."),
    granularity: z
      .enum(["month", "week", "year"])
      .default("month")
      .describe("Length of a period: calendar months from `start`, 7-day weeks from `start`, or years of twelve months from `start` (driver schedules then run month by month inside each year)."),
    workingDays: z
      .object({
        perPeriod: z.number().int().min(0).max(31).optional().describe("Working days of every period, replacing the weekday count (e.g. a planning assumption of 20 a month)."),
        overrides: z.record(text(), z.number().int().min(0).max(31)).optional().describe('Working days of individual periods by label ("2026-03", "2026-W11"); wins over `perPeriod`.'),
        holidays: z.array(IsoDateString).optional().describe("Dates not worked; each one on a weekday removes a working day."),
      })
      .strict()
      .optional(),
  })
  .strict().meta({ id: "Term" });

// ─── rate cards ──────────────────────────────────────────────────────────────────────────

export const CreditPriceDoc = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("direct"), pricePerCredit: NonNegative.describe("Currency per credit.") }).strict(),
  z
    .object({
      kind: z.literal("pack"),
      packPrice: NonNegative.describe("Price of one pack, in currency."),
      packCredits: Positive.describe("Credits in one pack."),
    })
    .strict(),
  z.object({ kind: z.literal("unknown") }).strict(),
]).meta({ id: "CreditPrice" });

export const MeteredUnitDoc = z
  .object({
    id: Id.describe("Unit id used by drivers and clauses, e.g. \"action\" or \"retrieval\"."),
    name: text().min(1),
    creditsPerUnit: NonNegative.describe("Credits drawn by one action of this unit."),
  })
  .strict().meta({ id: "MeteredUnit" });

export const RateCardVersionDoc = z
  .object({
    id: Id,
    effectiveFrom: IsoDateString,
    effectiveTo: IsoDateString.optional().describe("Exclusive end; absent = open-ended."),
    source: text().optional().describe("Where the figures come from (contract clause, vendor page)."),
    units: z.array(MeteredUnitDoc).min(1),
    creditPrice: CreditPriceDoc,
  })
  .strict().meta({ id: "RateCardVersion" });

export const RateCardDoc = z
  .object({
    id: Id,
    vendor: text().optional().describe("Defaults to case.vendor."),
    versions: z.array(RateCardVersionDoc).min(1),
  })
  .strict().meta({ id: "RateCard" });

// ─── clauses (mirror lib/engine/ledger/types.ts ContractTerms) ────────────────────────────

const Cadence = z.enum(["month", "quarter", "year", "term"]);
const Anchor = z.enum(["calendar", "anniversary"]);

const HeadcountChangeDoc = z.object({ from: IsoDateString, headcount: z.number().int().min(0) }).strict();

const PriceBasisDoc = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("list") }).strict(),
  z.object({ kind: z.literal("contract") }).strict(),
  z.object({ kind: z.literal("fixed"), pricePerCredit: NonNegative }).strict(),
]).meta({ id: "PriceBasis" });

const CycleLimitDoc = z
  .object({
    cadence: z.enum(["month", "quarter", "year"]),
    anchor: Anchor.optional(),
    limit: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("credits"), credits: NonNegative }).strict(),
      z.object({ kind: z.literal("amount"), amount: NonNegative }).strict(),
    ]),
  })
  .strict().meta({ id: "CycleLimit" });

const RolloverDoc = z
  .object({
    sharePct: Pct,
    expiresAfterCycles: z.number().int().min(1).optional(),
    cap: z
      .discriminatedUnion("kind", [
        z.object({ kind: z.literal("credits"), credits: NonNegative }).strict(),
        z.object({ kind: z.literal("pctOfGrant"), pct: NonNegative }).strict(),
      ])
      .optional(),
  })
  .strict()
  .meta({ id: "Rollover" });

const AllotmentDoc = z
  .object({
    id: Id,
    kind: z.enum(["complimentary", "allocation"]),
    cadence: Cadence,
    anchor: Anchor.optional(),
    size: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("fixed"), credits: NonNegative }).strict(),
      z
        .object({
          kind: z.literal("perHead"),
          creditsPerHead: NonNegative,
          headcount: z.array(HeadcountChangeDoc).min(1),
          onChange: z.enum(["atNextReset", "prorateIncreases"]).optional(),
        })
        .strict(),
      z.object({ kind: z.literal("fromAmount"), amount: NonNegative }).strict(),
    ]),
    feePerCycle: NonNegative.optional(),
    rollover: RolloverDoc.optional(),
    priority: z.number().int().optional(),
    from: IsoDateString.optional(),
    until: IsoDateString.optional(),
  })
  .strict().meta({ id: "Allotment" });

const PackPurchaseDoc = z
  .object({
    id: Id,
    credits: Positive,
    price: NonNegative.optional(),
    purchaseDate: IsoDateString,
    expiresOn: IsoDateString.optional(),
    priority: z.number().int().optional(),
  })
  .strict().meta({ id: "PackPurchase" });

const ExhaustionDoc = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pause") }).strict(),
  z
    .object({
      kind: z.literal("autoPack"),
      pack: z
        .object({
          packCredits: Positive,
          packPrice: NonNegative.optional(),
          expiresAfterMonths: z.number().int().min(1).optional(),
          priority: z.number().int().optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("overage"),
      overage: z
        .object({
          price: PriceBasisDoc.optional(),
          cap: CycleLimitDoc.optional(),
          aboveCap: z.enum(["unserved", "preApproved"]).optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("trueUp"),
      trueUp: z
        .object({
          schedule: z.discriminatedUnion("kind", [
            z.object({ kind: z.literal("everyNPeriods"), n: z.number().int().min(1) }).strict(),
            z.object({ kind: z.literal("termEnd") }).strict(),
          ]),
          price: PriceBasisDoc.optional(),
          cap: z
            .discriminatedUnion("kind", [
              z.object({ kind: z.literal("amount"), amount: NonNegative }).strict(),
              z.object({ kind: z.literal("pctOfContractValue"), pct: NonNegative, contractValue: NonNegative.optional() }).strict(),
            ])
            .optional(),
          capScope: z.enum(["term", "perTrueUp"]).optional(),
        })
        .strict(),
    })
    .strict(),
]).meta({ id: "Exhaustion" });

export const ClausesDoc = z
  .object({
    termStart: IsoDateString.optional().describe("Contract start (anniversaries, contract years); default term.start."),
    ratePolicy: z
      .discriminatedUnion("kind", [
        z.object({ kind: z.literal("list") }).strict(),
        z.object({ kind: z.literal("pinned"), pricePerCredit: NonNegative.optional() }).strict(),
        z.object({ kind: z.literal("capped"), maxIncreasePctPerYear: NonNegative }).strict(),
      ])
      .optional(),
    discount: z
      .discriminatedUnion("kind", [
        z.object({ kind: z.literal("none") }).strict(),
        z.object({ kind: z.literal("flat"), pct: Pct }).strict(),
        z
          .object({
            kind: z.literal("volumeTiers"),
            tiers: z
              .array(
                z
                  .object({
                    fromCredits: NonNegative,
                    pct: Pct.optional().describe("Discount off the contract price of every credit in this tier."),
                    pricePerCredit: NonNegative.optional().describe("Instead of pct: the price of every credit in this tier."),
                  })
                  .strict()
                  .superRefine((t, ctx) => {
                    if ((t.pct === undefined) === (t.pricePerCredit === undefined)) ctx.addIssue({ code: "custom", path: [], message: "give exactly one of pct and pricePerCredit" });
                  }),
              )
              .min(1)
              .superRefine((tiers, ctx) => {
                if (tiers.some((t) => t.pct !== undefined) && tiers.some((t) => t.pricePerCredit !== undefined)) {
                  ctx.addIssue({ code: "custom", path: [], message: "give every tier as a pct or every tier as a pricePerCredit, not a mix" });
                }
              }),
          })
          .strict(),
        z.object({ kind: z.literal("committedPrice"), pricePerCredit: NonNegative }).strict(),
      ])
      .optional(),
    creditsPerUnit: z.record(text(), NonNegative).optional().describe("Negotiated credits per unit id, replacing the rate card's values."),
    environmentMultipliers: z
      .object({ production: NonNegative.optional(), nonProduction: NonNegative.optional() })
      .strict()
      .optional(),
    allotments: z.array(AllotmentDoc).optional(),
    packs: z.array(PackPurchaseDoc).optional(),
    drawOrder: z.array(Id).optional(),
    ceiling: CycleLimitDoc.optional(),
    onExhaustion: ExhaustionDoc.optional(),
    alertThresholdsPct: z.array(z.number().min(0).max(1000)).optional(),
  })
  .strict().meta({ id: "Clauses" });

export const PerUserDoc = z
  .object({
    users: z.union([z.number().int().min(0), z.array(HeadcountChangeDoc).min(1)]),
    pricePerUserPerMonth: NonNegative,
  })
  .strict().meta({ id: "PerUser" });

export const UnservedPricingDoc = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("list") }).strict().describe("Default: unserved credits cost what emergency packs at the rate card's list (spot) price would, or the contract price when the card publishes none."),
    z.object({ kind: z.literal("perCredit"), pricePerCredit: NonNegative.describe("Currency per unserved credit.") }).strict(),
    z.object({ kind: z.literal("perAction"), costPerAction: NonNegative.describe("Business cost of one action not served (work a paused agent did not do).") }).strict(),
  ])
  .meta({ id: "UnservedPricing" });

export const AssumptionsDoc = z
  .object({
    listEscalationPctPerYear: NonNegative.optional(),
    unserved: UnservedPricingDoc.optional().describe("How demand left unserved (ceiling, capped overage awaiting pre-approval, pause) is priced; it is reported as unservedCost and added to totalCost in costToServe."),
  })
  .strict().meta({ id: "Assumptions" });

// ─── demand ──────────────────────────────────────────────────────────────────────────────

// One object with a "one of" check rather than a union: a union can only say "invalid input" when
// an author misspells a field, while this names the field.
export const UnitDriverDoc = z
  .object({
    unit: Id.describe("Unit id of the rate card."),
    actionsPerActiveAgentPerDay: uncertain(NonNegative).optional().describe("Actions per active agent per working day. Exactly one of this and actionsPerMonth."),
    actionsPerMonth: uncertain(NonNegative).optional().describe("Estate-wide actions per month, independent of seats; a week gets 12/52 of it. Exactly one of this and actionsPerActiveAgentPerDay."),
  })
  .strict()
  .superRefine((u, ctx) => {
    const n = Number(u.actionsPerActiveAgentPerDay !== undefined) + Number(u.actionsPerMonth !== undefined);
    if (n !== 1) {
      ctx.addIssue({ code: "custom", path: [], message: "give exactly one of actionsPerActiveAgentPerDay and actionsPerMonth" });
    }
  })
  .meta({ id: "UnitDriver" });

export const RampDoc = z
  .object({
    months: z.number().int().min(1).optional().describe("With belowSteadyStatePct: how many first months run below steady state."),
    belowSteadyStatePct: Pct.optional().describe("How far below steady state each of the first `months` months runs."),
    belowSteadyStatePctByMonth: z.array(Pct).min(1).optional().describe("Instead of months + belowSteadyStatePct: the share below steady state of month 1, 2, …"),
  })
  .strict()
  .superRefine((r, ctx) => {
    const pair = r.months !== undefined || r.belowSteadyStatePct !== undefined;
    const list = r.belowSteadyStatePctByMonth !== undefined;
    if (pair === list || (pair && (r.months === undefined || r.belowSteadyStatePct === undefined))) {
      ctx.addIssue({ code: "custom", path: [], message: "give either months and belowSteadyStatePct, or belowSteadyStatePctByMonth" });
    }
  })
  .meta({ id: "Ramp" });

export const DriversDoc = z
  .object({
    start: IsoDateString.optional().describe(
      "Month 1 of the activation ramp, the ramp and growth: the estate's go-live. Default term.start; earlier for a horizon that starts later (a renewal term), where the estate is already past its ramp.",
    ),
    licensedSeats: NonNegative.optional().describe("Licensed seats or agents; needed by units driven per active agent."),
    activationPctByMonth: z.array(uncertain(Pct)).min(1).optional().describe("Share of seats active in month 1, 2, …; the last value holds afterwards. Absent = all seats active."),
    units: z.array(UnitDriverDoc).min(1),
    ramp: RampDoc.optional(),
    monthlyGrowthPct: uncertain(decimalWhere((x) => x > -100, "more than -100")).optional().describe("Compound growth per month, from month 2."),
    nonProductionPct: uncertain(decimalWhere((x) => x >= 0 && x < 100, "at least 0 and below 100")).optional().describe("Share of all actions that are non-production but billed."),
    unitMultipliers: z.record(text(), uncertain(NonNegative)).optional().describe("Volume multiplier per unit id (a mix shift)."),
  })
  .strict().meta({ id: "Drivers" });

export const ObservedBurnDoc = z
  .object({
    quantity: z.enum(["credits", "amount"]).describe("Whether values are credits or money in case.currency."),
    granularity: z.enum(["week", "month"]),
    start: IsoDateString.describe("First day of the first observed period; periods are contiguous."),
    values: z.array(NonNegative).min(2).describe("Burn of each observed period, oldest first."),
    balance: NonNegative.optional().describe("Balance (same quantity) at `start` whose runway is wanted."),
    plannedEnd: IsoDateString.optional().describe("Date the balance was meant to last until."),
    intervalLevelPct: z.number().gt(0).lt(100).optional().describe("Prediction interval level; default 80."),
    horizonPeriods: z.number().int().min(1).max(1000).optional().describe("Periods past the observations searched for the runway; default 156 weeks or 36 months."),
    projectPeriods: z.number().int().min(1).max(1000).optional().describe("Periods past the observations listed in the result's projection; default 12."),
  })
  .strict().meta({ id: "ObservedBurn" });

// ─── scenarios ───────────────────────────────────────────────────────────────────────────

export const ScenarioDoc = z
  .object({
    id: Id,
    name: text().min(1),
    description: text().optional(),
    rateCard: Id.optional().describe("Rate card id; default the first."),
    demand: z
      .object({
        source: z.enum(["drivers", "observedBurn", "perPeriod"]).default("drivers"),
        band: z.enum(["point", "low", "high"]).optional().describe("observedBurn only: which edge of the projection to use."),
        perPeriod: z
          .array(
            z
              .object({
                credits: NonNegative.optional().describe("Credits demanded directly in the period."),
                actions: z.record(Id, NonNegative).optional().describe("Actions per unit id in the period (production)."),
              })
              .strict(),
          )
          .min(1)
          .optional()
          .describe("source perPeriod only: the demand of each period of the term, in order (credits, actions per unit, or both)."),
        drivers: DriversDoc.partial().optional().describe("Driver fields replacing the document's drivers for this scenario."),
      })
      .strict()
      .optional(),
    clauses: ClausesDoc.optional().describe("Clause fields replacing the contract's, field by field."),
    perUser: PerUserDoc.nullable().optional().describe("Replaces the document's per-user alternative; null removes it."),
    assumptions: AssumptionsDoc.optional(),
  })
  .strict().meta({ id: "Scenario" });

// ─── observed usage and analysis ─────────────────────────────────────────────────────────

export const UsageRowDoc = z
  .object({
    period: IsoDateString.describe("First day of the period the row covers (a day, a week or a month); rows with the same date form one period."),
    agent: text().min(1).describe("Agent or workflow that consumed the credits."),
    unit: text().optional().describe("Metered unit id, when known."),
    environment: z.enum(["production", "nonProduction"]).default("production"),
    actions: NonNegative.optional().describe("Actions counted, when known."),
    credits: NonNegative.describe("Credits consumed."),
  })
  .strict()
  .meta({ id: "UsageRow" });

const PctileList = z.array(z.number().gt(0).lt(100)).min(1);

export const AnalysisDoc = z
  .object({
    monteCarlo: z
      .object({
        paths: z.number().int().min(1).max(200000).describe("Number of sampled demand paths."),
        seed: z.number().int().describe("Seed of the generator: the same seed gives the same result."),
        percentiles: PctileList.optional().describe("Percentiles reported, 0–100 exclusive; default [10, 50, 90]."),
        scenarios: z.array(Id).optional().describe("Scenario ids to simulate; default every scenario."),
        band: z.boolean().optional().describe("Per-period band (demand, cost, cumulative cost) for charts; default true."),
        pairedBy: Id.optional().describe(
          "Read every scenario's percentiles on the same demand paths: those at the percentiles of this scenario's cost to serve. Figures of different scenarios in one column then differ only by their terms, so their differences are savings on the same demand.",
        ),
      })
      .strict()
      .optional(),
    asks: z
      .object({
        vendorScenario: Id.optional().describe("Scenario holding the vendor's proposed terms; default the first scenario."),
        percentiles: PctileList.optional().describe("Percentiles of the vendor's total cost at which asks are valued; default [50, 90]."),
        asks: z
          .array(
            z
              .object({ id: Id, name: text().min(1), description: text().optional(), clauses: ClausesDoc.describe("Clause fields the ask replaces in the vendor's terms.") })
              .strict(),
          )
          .min(1),
      })
      .strict()
      .optional(),
    alternatives: z
      .object({
        scenario: Id.optional().describe("Scenario compared with the alternatives; default asks.vendorScenario, else the first scenario."),
        perUser: PerUserDoc.optional().describe("Per-user pricing to compare; default the scenario's or the document's perUser."),
        packsAtList: z.boolean().optional().describe("Cost the floor of doing nothing: packs bought at list whenever needed; default true."),
      })
      .strict()
      .optional(),
    commitment: z
      .object({
        baseScenario: Id.optional().describe("Scenario whose terms and demand the commitment is sized on; default the first."),
        cadence: Cadence.describe("How often the committed credits are granted (and billed)."),
        anchor: Anchor.optional(),
        prepayPricePerCredit: NonNegative.describe("Price of a committed credit."),
        spotPricePerCredit: NonNegative.optional().describe("Price of a credit beyond the commitment; default the list price."),
        rollover: RolloverDoc.optional().describe("Rollover of unused committed credits; absent = they expire at the cycle's end."),
        packCredits: Positive.optional().describe("Commit in whole packs of this many credits."),
        levels: z.number().int().min(3).max(201).optional().describe("Commitment levels per search pass; default 21."),
        maxCredits: NonNegative.optional().describe("Largest commitment searched; default the largest cycle demand on any path."),
      })
      .strict()
      .optional(),
    diagnostics: z
      .object({
        pricePerCredit: NonNegative.optional().describe("Price used for money impact; default the list price of the first rate card at the last usage date."),
        thresholds: z
          .object({
            runawayFactor: z.number().gt(1).optional(),
            peerGrowthFactor: z.number().gt(0).optional(),
            peerLevelFactor: z.number().gt(1).optional(),
            runawayMinPeriods: z.number().int().min(1).optional(),
            minHistoryPeriods: z.number().int().min(1).optional(),
            spikeFactor: z.number().gt(1).optional(),
            nonProductionSharePct: z.number().min(0).max(100).optional(),
            accelerationPct: z.number().gt(0).optional(),
            accelerationWindow: z.number().int().min(1).optional(),
            minImpactSharePct: z.number().min(0).max(100).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: "Analysis" });

export const ModelDocument = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1),
    case: CaseInfo,
    term: Term,
    rateCards: z.array(RateCardDoc).min(1),
    contract: ClausesDoc.optional().describe("Clauses every scenario starts from."),
    perUser: PerUserDoc.optional(),
    assumptions: AssumptionsDoc.optional(),
    drivers: DriversDoc.optional(),
    observedBurn: ObservedBurnDoc.optional(),
    scenarios: z.array(ScenarioDoc).min(1),
    usage: z.array(UsageRowDoc).optional().describe("Observed usage rows for burn diagnostics."),
    analysis: AnalysisDoc.optional().describe("What to compute beyond the scenarios' ledgers: Monte Carlo, ask values, alternatives, commitment sizing, diagnostics."),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const cardIds = new Set<string>();
    doc.rateCards.forEach((card, i) => {
      if (cardIds.has(card.id)) ctx.addIssue({ code: "custom", path: ["rateCards", i, "id"], message: `duplicate rate card id "${card.id}"` });
      cardIds.add(card.id);
    });
    const scenarioIds = new Set<string>();
    doc.scenarios.forEach((s, i) => {
      if (scenarioIds.has(s.id)) ctx.addIssue({ code: "custom", path: ["scenarios", i, "id"], message: `duplicate scenario id "${s.id}"` });
      scenarioIds.add(s.id);
      if (s.rateCard !== undefined && !cardIds.has(s.rateCard)) {
        ctx.addIssue({ code: "custom", path: ["scenarios", i, "rateCard"], message: `no rate card with id "${s.rateCard}"` });
      }
      const source = s.demand?.source ?? "drivers";
      if (source === "drivers" && !doc.drivers && !s.demand?.drivers?.units) {
        ctx.addIssue({ code: "custom", path: ["scenarios", i, "demand"], message: "demand from drivers needs `drivers` in the document or the scenario" });
      }
      if (source === "observedBurn" && !doc.observedBurn) {
        ctx.addIssue({ code: "custom", path: ["scenarios", i, "demand", "source"], message: "demand from observed burn needs `observedBurn` in the document" });
      }
      if (source === "perPeriod" && s.demand?.perPeriod?.length !== doc.term.periods) {
        ctx.addIssue({ code: "custom", path: ["scenarios", i, "demand", "perPeriod"], message: `give the demand of each of the term's ${doc.term.periods} periods (${s.demand?.perPeriod?.length ?? 0} given)` });
      }
      if (source !== "perPeriod" && s.demand?.perPeriod !== undefined) {
        ctx.addIssue({ code: "custom", path: ["scenarios", i, "demand", "perPeriod"], message: 'perPeriod demand needs source "perPeriod"' });
      }
    });
    const a = doc.analysis;
    // Scenario ids named by the analysis are checked when it runs (lib/engine/analysis/document.ts),
    // after the scenarios themselves: a case whose scenarios fail should report that first.
    const askIds = new Set<string>();
    a?.asks?.asks.forEach((ask, i) => {
      if (askIds.has(ask.id)) ctx.addIssue({ code: "custom", path: ["analysis", "asks", "asks", i, "id"], message: `duplicate ask id "${ask.id}"` });
      askIds.add(ask.id);
    });
    if (a?.diagnostics && !doc.usage?.length) {
      ctx.addIssue({ code: "custom", path: ["analysis", "diagnostics"], message: "diagnostics need `usage` rows in the document" });
    }
  })
  .meta({
    title: "Renewal model document",
    description: "A whole renewal case for consumption-priced AI agents: term, rate cards, contract clauses, drivers, observed burn and scenarios. See docs/model.md.",
  });

export type ModelDocumentInput = z.input<typeof ModelDocument>;
export type ModelDocumentParsed = z.output<typeof ModelDocument>;
export type DriversDocParsed = z.output<typeof DriversDoc>;
export type ClausesDocParsed = z.output<typeof ClausesDoc>;
export type ScenarioDocParsed = z.output<typeof ScenarioDoc>;
export type AnalysisDocParsed = z.output<typeof AnalysisDoc>;

export interface DocumentIssue {
  /** JSON path, e.g. "$.scenarios[1].clauses.discount.pct" */
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "$";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

export type ParseResult = { ok: true; doc: ModelDocumentParsed } | { ok: false; issues: DocumentIssue[] };

interface RawIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  keys?: string[];
  errors?: RawIssue[][];
}

function flatten(issue: RawIssue, prefix: PropertyKey[], out: DocumentIssue[]): void {
  const at = [...prefix, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors && issue.errors.length > 0) {
    // A union names no single reason; report the branch with the fewest problems, which is the
    // one the author most likely meant.
    const best = issue.errors.reduce((m, b) => (b.length < m.length ? b : m));
    if (best.length > 0) {
      for (const sub of best) flatten(sub, at, out);
      return;
    }
  }
  if (issue.code === "unrecognized_keys" && issue.keys) {
    for (const key of issue.keys) out.push({ path: formatPath([...at, key]), message: "unknown field" });
    return;
  }
  if ((issue.code === "invalid_type" || issue.code === "invalid_union") && "input" in issue && issue.input === undefined) {
    out.push({ path: formatPath(at), message: "required field is missing" });
    return;
  }
  out.push({ path: formatPath(at), message: issue.message });
}

const TYPE_WORDS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** zod's issues in plain words ("must be at least 1", not "Too small: expected number to be >=1"). */
function plainWords(issue: { code: string; origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean; expected?: string; values?: unknown[] }): string | undefined {
  const n = Number(issue.minimum ?? issue.maximum);
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "array" || issue.origin === "set") return `needs at least ${plural(n, "entry", "entries")}`;
      if (issue.origin === "string") return n <= 1 ? "must not be empty" : `must be at least ${plural(n, "character", "characters")} long`;
      return issue.inclusive ? `must be at least ${String(issue.minimum)}` : `must be more than ${String(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "array" || issue.origin === "set") return `takes at most ${plural(n, "entry", "entries")}`;
      if (issue.origin === "string") return `must be at most ${plural(n, "character", "characters")} long`;
      return issue.inclusive ? `must be at most ${String(issue.maximum)}` : `must be less than ${String(issue.maximum)}`;
    case "invalid_type":
      return issue.expected && TYPE_WORDS[issue.expected] ? `must be ${TYPE_WORDS[issue.expected]}` : undefined;
    case "invalid_value":
      if (!issue.values) return undefined;
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return undefined;
  }
}

/** Validates a parsed JSON value; every problem comes back with its JSON path, in plain words. */
export function parseModelDocument(value: unknown): ParseResult {
  const result = ModelDocument.safeParse(value, { reportInput: true, error: (issue) => plainWords(issue as Parameters<typeof plainWords>[0]) });
  if (result.success) return { ok: true, doc: result.data };
  const issues: DocumentIssue[] = [];
  for (const issue of result.error.issues) flatten(issue as unknown as RawIssue, [], issues);
  return { ok: false, issues };
}
