// A place in a workspace file, in words: "contract 1, burn row 1, period start" for the JSON path
// contracts[0].burn[0].periodStart. Refusals name the place in words; the precise path stays in
// fieldErrors (keyed by it) and in the tooltip of each listed problem (components/transfer/import-form.tsx).

/** One element of a list, by the list's key. */
const ELEMENT: Record<string, string> = {
  contracts: "contract",
  burn: "burn row",
  briefs: "brief",
  versions: "version",
  scenarios: "scenario",
  rateCards: "rate card",
  units: "unit",
  allotments: "allotment",
  packs: "pack",
  fixedLines: "fixed line",
  vendors: "vendor",
  shares: "share link",
  comments: "comment",
  usage: "usage row",
  tiers: "tier",
  asks: "ask",
};

/** A key as words: "periodStart" → "period start", "rateCardVersionId" → "rate card version id". */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z])([A-Z][a-z])/g, "$1 $2").toLowerCase();
}

/** "contracts[0].burn[0].periodStart" → "contract 1, burn row 1, period start"; "(file)" → "the file". */
export function placeInFile(path: string): string {
  if (path === "(file)" || path === "") return "the file";
  const parts: string[] = [];
  for (const m of path.matchAll(/([^.[\]]+)((?:\[\d+\])*)/g)) {
    const key = m[1]!;
    const indexes = [...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]) + 1);
    if (/^\d+$/.test(key)) {
      parts.push(`item ${Number(key) + 1}`);
      continue;
    }
    if (indexes.length === 0) {
      parts.push(words(key));
      continue;
    }
    parts.push(`${ELEMENT[key] ?? words(key)} ${indexes[0]}`);
    for (const i of indexes.slice(1)) parts.push(`item ${i}`);
  }
  return parts.join(", ");
}
