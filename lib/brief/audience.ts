// A brief safe to send to the vendor: the same version without what reveals our position (the
// walk-away and every figure or sentence about it, the vendor authority levels the asks need, the
// risks found in our burn) and without our internal sign-offs. Built from the stored content at
// render time, so the screen and every export of a vendor-safe link leave out the same things.
import { AUTHORITY_LABELS } from "./format";
import type { BriefContent } from "./types";

/** Words that reveal our position; no text of a vendor-safe brief contains them. */
export const VENDOR_SAFE_LEAK = /walk[\s-]?away|authority|sign-off|\brisks?\b|account executive|deal desk|\bVP\b|break-even|per-user alternative/i;

const leaks = (text: string | null | undefined) => !!text && VENDOR_SAFE_LEAK.test(text);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const AUTHORITY_IN_PARENS = new RegExp(` \\((?:${Object.values(AUTHORITY_LABELS).map(escape).join("|")})\\)`, "g");

/** The recommendation without the package's authority and the walk-away figure. */
function safeRecommendation(text: string): string {
  const out = text
    .replace(/; the package needs .+? sign-off(?=[;.]|$)/, "")
    .replace(/; walk away from any offer above .+? at P50\.?$/, ".")
    .replace(AUTHORITY_IN_PARENS, "");
  return leaks(out) ? "Our asks against the vendor's terms, with what each is worth on the same demand, are set out below." : out;
}

export function vendorSafeContent(content: BriefContent): BriefContent {
  const keep = <T extends { role: string }>(xs: T[]) => xs.filter((x) => x.role !== "walkAway");
  const { signOffs: _internal, ...rest } = content;
  void _internal;
  return {
    ...rest,
    audience: "vendorSafe",
    inputs: { ...content.inputs, scenarios: keep(content.inputs.scenarios) },
    summary: {
      ...content.summary,
      walkAway: null,
      recommendation: safeRecommendation(content.summary.recommendation),
      points: content.summary.points.map((p) => p.replace(AUTHORITY_IN_PARENS, "")).filter((p) => !leaks(p)),
    },
    forecast: { ...content.forecast, points: content.forecast.points.map((p) => ({ ...p, walkAway: null })) },
    scenarios: keep(content.scenarios).map((s) => ({ ...s, description: leaks(s.description) ? null : s.description })),
    asks: content.asks.map((a) => {
      const { authorityShare: _share, ...ask } = a;
      void _share;
      return { ...ask, authority: "none" as const, authorityLabel: "", clause: leaks(a.clause) ? "" : a.clause, justification: leaks(a.justification) ? "" : a.justification };
    }),
    asksPackage: content.asksPackage
      ? { ...content.asksPackage, authority: "none", authorityLabel: "", ...(content.asksPackage.columns ? { columns: content.asksPackage.columns.filter((c) => c.label !== "Authority" && !leaks(c.meaning)) } : {}) }
      : null,
    walkAway: { scenarioName: null, cost: null, perUser: null, packsAtList: null, sentence: "" },
    risks: [],
    timeline: content.timeline.filter((e) => !leaks(e.label)),
    // how the risks were found goes with them
    assumptions: content.assumptions.filter((a) => a.label !== "Burn diagnostics" && !leaks(a.label) && !leaks(a.value)),
    ledgers: keep(content.ledgers),
  };
}

/** The content a share link of this kind shows. */
export function contentForAudience(content: BriefContent, kind: "internal" | "vendorSafe"): BriefContent {
  return kind === "vendorSafe" ? vendorSafeContent(content) : content;
}
