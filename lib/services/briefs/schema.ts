import { z } from "zod";
import { text } from "@/lib/services/validation";

export const MAX_PATHS = 20000;

/** What the brief builder asks for. The seed defaults to a random one, recorded with the version. */
export const briefSettingsInput = z
  .object({
    vendorScenarioId: z.string().min(1, "Choose the scenario with the vendor's proposal."),
    asksScenarioId: z.string().min(1, "Choose the scenario with our asks."),
    walkAwayScenarioId: z.string().nullable().optional(),
    horizonStart: z.enum(["termStart", "renewal"], { error: "The horizon starts at the term start or at renewal." }).default("termStart"),
    horizonPeriods: z.coerce.number().int("Use a whole number of periods.").min(1, "The horizon needs at least one period.").max(60, "Use a horizon of at most 60 periods."),
    seed: z.coerce.number().int("The seed is a whole number.").min(0).max(2147483647).optional(),
    paths: z.coerce.number().int().min(200, "Use at least 200 paths.").max(MAX_PATHS, `Use at most ${MAX_PATHS} paths.`).default(2000),
  })
  .superRefine((v, ctx) => {
    if (v.vendorScenarioId === v.asksScenarioId) ctx.addIssue({ code: "custom", path: ["asksScenarioId"], message: "Our asks must be a different scenario from the vendor's proposal." });
    if (v.walkAwayScenarioId && (v.walkAwayScenarioId === v.vendorScenarioId || v.walkAwayScenarioId === v.asksScenarioId)) {
      ctx.addIssue({ code: "custom", path: ["walkAwayScenarioId"], message: "The walk-away must be a scenario of its own." });
    }
  });

export const createBriefInput = z.object({
  contractId: z.string().min(1),
  title: text().trim().max(160, "Use at most 160 characters.").optional(),
  settings: briefSettingsInput,
});

export const newVersionInput = z.object({
  briefId: z.string().min(1),
  /** absent: the previous version's settings (scenarios, horizon, seed, paths) on today's data */
  settings: briefSettingsInput.optional(),
  note: text().trim().max(500).optional(),
});

export const SHARE_MAX_DAYS = 90;

export const createShareInput = z.object({
  briefId: z.string().min(1),
  version: z.coerce.number().int().min(1),
  expiresInDays: z.coerce.number().int("Use a whole number of days.").min(1, "A link lasts at least one day.").max(SHARE_MAX_DAYS, `A link lasts at most ${SHARE_MAX_DAYS} days.`),
  /** internal (the whole brief) or vendorSafe (without the walk-away, authority levels and risks) */
  kind: z.enum(["internal", "vendorSafe"], { error: "A link is internal or vendor-safe." }).default("internal"),
});

export const versionRefInput = z.object({
  briefId: z.string().min(1),
  version: z.coerce.number().int().min(1),
});

export const signOffInput = versionRefInput.extend({
  note: text().trim().max(500, "Use at most 500 characters.").optional(),
});

export const commentInput = versionRefInput.extend({
  body: text().trim().min(1, "Write the comment first.").max(4000, "Use at most 4,000 characters."),
});
