// Issue 15.1: one palette for the scenario roles. lib/brief/palette.ts is the only place a role's
// colour is defined; the screen's chart and swatches, the PDF and the deck take theirs from it.
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { renderBriefPptx } from "@/lib/brief/export/pptx";
import { pptxColour, ROLE_PALETTE } from "@/lib/brief/palette";
import { ROLE_STYLE } from "@/components/brief/chart-common";
import { BRIEF_FIXTURES, loadBriefFixture } from "@/tests/support/brief-fixtures";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const PALETTE = path.join(ROOT, "lib/brief/palette.ts");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx|css)$/.test(e.name) ? [p] : [];
  });
}

const files = ["lib", "components", "app"].flatMap((d) => sources(path.join(ROOT, d))).filter((f) => f !== PALETTE);

describe("the role palette", () => {
  it("gives each role its own line colour", () => {
    expect(new Set(Object.values(ROLE_PALETTE).map((c) => c.main)).size).toBe(3);
    for (const c of Object.values(ROLE_PALETTE)) {
      expect(c.main).toMatch(/^#[0-9a-f]{6}$/);
      expect(c.band).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  // (the app's general chart colours may share a hue; a colour keyed by a role is defined here only)
  it("is the only place a role colour is written", () => {
    expect(files.length).toBeGreaterThan(100);
    const roleColour = /\b(vendor|asks|walkAway)\s*:\s*(\{[^}]*)?["'`]#?[0-9a-fA-F]{6}["'`]/;
    const offenders = files.filter((f) => {
      const text = fs.readFileSync(f, "utf8");
      return roleColour.test(text);
    });
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it("is what the screen's charts draw", () => {
    expect(ROLE_STYLE).toBe(ROLE_PALETTE);
  });

  it("colours the deck's forecast lines", async () => {
    const zip = await JSZip.loadAsync(await renderBriefPptx(loadBriefFixture(BRIEF_FIXTURES.find((f) => f === "salesforce.json")!)));
    const chart = await zip.file(Object.keys(zip.files).find((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))!)!.async("string");
    for (const role of ["vendor", "asks", "walkAway"] as const) expect(chart).toContain(`<a:srgbClr val="${pptxColour(ROLE_PALETTE[role].main)}"`);
  });
});
