// The one palette of a brief's scenario roles. The screen's charts and swatches, the PDF and the
// deck draw the vendor's terms, our asks and the walk-away in these colours and no others
// (tests/unit/brief/palette.test.ts holds every other source file to that). The dash keeps the
// lines apart without colour.
import type { ScenarioRole } from "./types";

export interface RoleColours {
  /** lines, swatches, a role's figures: "#rrggbb" */
  main: string;
  /** the P10–P90 band behind the line */
  band: string;
  /** SVG dash pattern of the line; none for the vendor's terms */
  dash: string | undefined;
}

export const ROLE_PALETTE: Record<ScenarioRole, RoleColours> = {
  vendor: { main: "#dc2626", band: "#fecaca", dash: undefined },
  asks: { main: "#4f46e5", band: "#c7d2fe", dash: "6 3" },
  walkAway: { main: "#b45309", band: "#fde68a", dash: "2 3" },
};

/** A palette colour as PowerPoint writes it: "RRGGBB", no "#". */
export function pptxColour(hex: string): string {
  return hex.replace(/^#/, "").toUpperCase();
}
