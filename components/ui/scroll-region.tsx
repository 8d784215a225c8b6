import type { ReactNode } from "react";

/**
 * A box that scrolls sideways when its table is wider than the screen. It takes keyboard focus,
 * so people without a pointer can scroll it with the arrow keys (WCAG 2.1.1; axe's
 * scrollable-region-focusable). Whether it overflows depends on fonts and width, so every table
 * wrapper uses it rather than only the ones that overflow on one machine. It carries no name of its
 * own: the table inside is named, and a second name would be read twice. The table's first column
 * stays in place while the rest scrolls (globals.css, .pin-first), so a row keeps its name on a phone.
 */
export function ScrollRegion({ className = "", children }: { className?: string; children: ReactNode }) {
  return (
    <div tabIndex={0} className={`pin-first overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
