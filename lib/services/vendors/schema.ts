import { z } from "zod";

export const vendorFields = z.object({
  name: z.string().trim().min(1, "Enter the vendor's name.").max(120, "Use at most 120 characters."),
  product: z.string().trim().max(160, "Use at most 160 characters.").default(""),
  notes: z.string().trim().max(4000, "Use at most 4,000 characters.").default(""),
});
