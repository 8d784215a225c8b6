import { z } from "zod";
import { text } from "@/lib/services/validation";
import { DecimalValue, IsoDateString } from "@/lib/engine/model/schema";
import { currencyCode } from "../ratecards/schema";

const decimalString = z
  .union([z.string().trim(), z.number()])
  .transform((v) => String(v))
  .pipe(z.string().regex(/^(\d+(\.\d*)?|\.\d+)$/, "Enter a number of 0 or more, e.g. 125 or 12.5."));

export const fixedLine = z
  .object({
    description: text().trim().min(1, "Describe the line, e.g. Sales Cloud seats.").max(200, "Use at most 200 characters."),
    quantity: decimalString,
    unitPrice: decimalString,
    per: z.enum(["month", "year", "term"]),
  })
  .strict();

const optionalDate = z
  .union([IsoDateString, z.literal(""), z.null()])
  .optional()
  .transform((v) => (v ? v : null));

const optionalDays = z
  .union([z.coerce.number().int("Enter whole days.").min(0, "Enter 0 or more days.").max(3650, "Use at most 3,650 days."), z.literal(""), z.null()])
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));

/** The contract's header: who, what, when, in which currency, and its fixed lines. */
export const contractFields = z
  .object({
    name: text().trim().min(1, "Name the contract, e.g. Acme Agentforce renewal.").max(160, "Use at most 160 characters."),
    vendorId: z.string().min(1, "Choose a vendor."),
    product: text().trim().max(160, "Use at most 160 characters.").default(""),
    currency: currencyCode,
    termStart: IsoDateString,
    termEnd: IsoDateString,
    renewalDate: optionalDate,
    noticeDays: optionalDays,
    granularity: z.enum(["month", "week"]).default("month"),
    fixedLines: z.array(fixedLine).max(50, "Use at most 50 fixed lines.").default([]),
  })
  .superRefine((c, ctx) => {
    if (c.termEnd <= c.termStart) ctx.addIssue({ code: "custom", path: ["termEnd"], message: "The term must end after it starts." });
    if (c.renewalDate && c.renewalDate < c.termStart) ctx.addIssue({ code: "custom", path: ["renewalDate"], message: "The renewal date cannot be before the term starts." });
  });

export type ContractFieldsInput = z.input<typeof contractFields>;

// Re-exported so callers validate a decimal the way the engine does.
export { DecimalValue };
