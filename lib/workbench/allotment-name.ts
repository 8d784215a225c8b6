// An allotment named in plain words wherever a sentence mentions it (the alert list, e-mails,
// webhooks): its id as words, "allotment" added only when the id does not already say what it is.
//   "monthly-allocation" → "the monthly allocation";  "complimentary" → "the complimentary allotment"
const NAMES_ITSELF = /\b(allotment|allocation|grant|credits|pool|pack|bucket|commitment|entitlement)s?$/i;

export function allotmentPhrase(id: string | null | undefined): string {
  const words = (id ?? "").replace(/[-_.]+/g, " ").replace(/\s+/g, " ").trim();
  if (!words) return "the allotment";
  return NAMES_ITSELF.test(words) ? `the ${words}` : `the ${words} allotment`;
}
