// An engine sentence on screen, with its precise terms explained in a tooltip (issue 15.6: plain
// words first, the precise term one hover or focus away).
import { Fragment } from "react";

const TERMS: Record<string, string> = {
  AICc: "Akaike information criterion, corrected for small samples: how well a trend fits the observed periods, with a penalty for each extra parameter. Lower is better.",
  AIC: "Akaike information criterion: how well a trend fits the observed periods, with a penalty for each extra parameter. Lower is better.",
};
const PATTERN = new RegExp(`\\b(${Object.keys(TERMS).sort((a, b) => b.length - a.length).join("|")})\\b`, "g");

export function EngineText({ text }: { text: string }) {
  const parts = text.split(PATTERN);
  return (
    <>
      {parts.map((part, i) =>
        TERMS[part] ? (
          <abbr key={i} title={TERMS[part]} tabIndex={0} className="cursor-help underline decoration-dotted underline-offset-2">
            {part}
          </abbr>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
