import { z } from "zod";
import { text } from "@/lib/services/validation";

const optionalText = text()
  .trim()
  .max(200, "Use at most 200 characters.")
  .transform((s) => (s === "" ? null : s))
  .nullable()
  .optional()
  .transform((s) => s ?? null);

/** A non-negative decimal as typed ("1,250.5" is not accepted: no grouping), empty = missing (null). */
const optionalDecimal = z
  .string()
  .trim()
  .transform((s) => (s === "" ? null : s))
  .nullable()
  .optional()
  .transform((s) => s ?? null)
  .refine((s) => s === null || !/^-\s*\d/.test(s), "Enter zero or more: burn cannot be negative (record a refund or credit as a charge instead).")
  .refine((s) => s === null || /^-\s*\d/.test(s) || /^\d{1,15}(\.\d{1,10})?$/.test(s), "Enter a number such as 1250 or 0.5, or leave it empty.")
  .transform((s) => (s === null ? null : s.replace(/^0+(?=\d)/, "").replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "")));

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD.")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "Not a calendar date.");

export const manualRowInput = z
  .object({
    contractId: z.string(),
    periodStart: isoDate,
    periodEnd: z
      .union([isoDate, z.literal("")])
      .nullable()
      .optional()
      .transform((s) => (s ? s : null)),
    agent: optionalText,
    unit: optionalText,
    environment: z
      .enum(["production", "nonProduction", ""])
      .nullable()
      .optional()
      .transform((s) => (s ? s : null)),
    actions: optionalDecimal,
    credits: optionalDecimal,
    cost: optionalDecimal,
    currency: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .refine((s) => s === "" || /^[A-Z]{3}$/.test(s), "A three-letter currency code, e.g. USD.")
      .transform((s) => (s === "" ? null : s))
      .nullable()
      .optional()
      .transform((s) => s ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.actions === null && v.credits === null && v.cost === null) {
      ctx.addIssue({ code: "custom", path: ["credits"], message: "Enter actions, credits or cost (at least one)." });
    }
    if (v.periodEnd !== null && v.periodEnd < v.periodStart) {
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "The period cannot end before it starts." });
    }
  });

export const TOTAL_DIMENSIONS = ["period", "agent", "unit", "environment"] as const;
export type TotalDimension = (typeof TOTAL_DIMENSIONS)[number];
