import { z } from "zod";
import { text } from "@/lib/services/validation";

export const vendorFields = z.object({
  name: text().trim().min(1, "Enter the vendor's name.").max(120, "Use at most 120 characters."),
  product: text().trim().max(160, "Use at most 160 characters.").default(""),
  notes: text().trim().max(4000, "Use at most 4,000 characters.").default(""),
});
