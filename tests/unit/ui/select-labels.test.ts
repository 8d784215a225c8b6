// Issue 15.7: a select wrapped in its <label> takes its accessible name from the label's whole text,
// which includes the select's own options ("Demand source Drivers (seats × activation × actions)
// Observed trend"): screen readers heard the options as the label. Every select in the app names
// itself: aria-label (the visible label's words), aria-labelledby, or an id that a <label htmlFor>
// points at.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith(".tsx") ? [p] : [];
  });
}

/** Each `<select …>` opening tag of a file, with its line. */
function selectTags(text: string): { line: number; tag: string }[] {
  const out: { line: number; tag: string }[] = [];
  for (let i = text.indexOf("<select"); i >= 0; i = text.indexOf("<select", i + 1)) {
    // the tag ends at the first ">" outside braces (an arrow function's "=>" is inside them)
    let depth = 0;
    let j = i;
    for (; j < text.length; j++) {
      const ch = text[j];
      if (ch === "{") depth++;
      else if (ch === "}") depth--;
      else if (ch === ">" && depth === 0) break;
    }
    out.push({ line: text.slice(0, i).split("\n").length, tag: text.slice(i, j + 1) });
  }
  return out;
}

const named = (tag: string) => /\baria-label(ledby)?=|\bid=/.test(tag);

describe("selects name themselves", () => {
  it("finds an unnamed select (the rule can fail)", () => {
    const tags = selectTags(`<label><span>Vendor</span><select value={v} onChange={(e) => set(e.target.value)}><option>A</option></select></label>`);
    expect(tags).toHaveLength(1);
    expect(named(tags[0]!.tag)).toBe(false);
    expect(named(selectTags(`<select aria-label="Vendor" value={v}>`)[0]!.tag)).toBe(true);
  });

  it("every select in app/ and components/ has aria-label, aria-labelledby or an id for its label", () => {
    const files = ["app", "components"].flatMap((d) => sources(path.join(ROOT, d)));
    const all = files.flatMap((f) => selectTags(fs.readFileSync(f, "utf8")).map((t) => ({ ...t, file: path.relative(ROOT, f) })));
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((t) => !named(t.tag)).map((t) => `${t.file}:${t.line}`)).toEqual([]);
  });
});
