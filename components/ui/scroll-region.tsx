import type { ReactNode } from "react";

/**
 * A box that scrolls sideways when its table is wider than the screen. It is a named region that
 * takes keyboard focus, so people without a pointer can scroll it with the arrow keys (WCAG 2.1.1;
 * axe's scrollable-region-focusable). Whether it overflows depends on fonts and width, so every
 * table wrapper uses it rather than only the ones that overflow on one machine.
 */
export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`overflow-x-auto ${className}`}
    >
      {children}
    </div>
  );
}
