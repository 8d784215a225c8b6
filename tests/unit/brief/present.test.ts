// The presentation model of a brief's tables: what the screen and every export draw.
import { describe, expect, it } from "vitest";
import { asksTable, riskPeriods, scenarioTable } from "@/lib/brief/present";
import { periodLabel } from "@/lib/brief/format";
import { loadBriefFixture } from "@/tests/support/brief-fixtures";

const cents = (s: string) => Math.round(Number(s.replace(/[^0-9.-]/g, "")) * 100);

describe("asks table", () => {
  const content = loadBriefFixture("salesforce.json");
  const t = asksTable(content);

  it("adds each money column up: the asks one by one plus the overlap is the package saving, to the cent", () => {
    const row = (key: string) => t.rows.find((r) => r.key === key)!;
    const money = t.columns.flatMap((c, j) => (/^(Saves alone|Lost if dropped)/.test(c.label) ? [j] : []));
    expect(money).toHaveLength(4);
    for (const j of money) {
      const asks = t.rows.filter((r) => !["sum", "overlap", "package"].includes(r.key)).reduce((s, r) => s + cents(r.cells[j]!.text), 0);
      expect(cents(row("sum").cells[j]!.text)).toBe(asks);
      expect(cents(row("sum").cells[j]!.text) + cents(row("overlap").cells[j]!.text)).toBe(cents(row("package").cells[j]!.text));
    }
    // the package saves what the summary says
    expect(row("package").cells[2]!.value).toBe(content.summary.atStakeP50);
    expect(row("package").cells[3]!.value).toBe(content.summary.atStakeP90);
  });

  it("defines its columns on the page and names each ask's authority with the share it is read at", () => {
    expect(t.notes.some((n) => n.startsWith("Lost if dropped: "))).toBe(true);
    expect(t.notes).toContain("Each money column adds up: the sum of the asks one by one plus the overlap is what all asks save together.");
    const first = content.asks.find((a) => a.rank === 1)!;
    // 19.58 % of the vendor's cost at P50, printed as percent() prints every share (one decimal)
    expect(first.authorityShare).toEqual({ pct: 50, sharePct: "19.58" });
    expect(t.rows[0]!.cells.at(-1)!.text).toBe(`${first.authorityLabel} · 19.6% of the vendor's P50`);
  });
});

describe("scenario table", () => {
  it("shows cost to serve on the same paths, billed and unserved apart, and the likely figure only inside the band", () => {
    const content = loadBriefFixture("salesforce.json");
    const t = scenarioTable(content);
    expect(t.columns.map((c) => c.label)).toEqual(["Scenario", "Cost to serve P10", "Cost to serve P50", "Cost to serve P90", "Billed P50", "Unserved P50", "Unserved P90", "Likely drivers", "Overage P50", "Credits run out"]);
    const asks = content.scenarios.find((s) => s.role === "asks")!;
    const row = t.rows.find((r) => r.key.startsWith("asks-"))!;
    expect(row.cells[6]!.text).toMatch(/^[\d,]+ actions, \$[\d,]+\.\d\d$/);
    expect(row.cells[6]!.tone).toBe("alert");
    expect(row.cells[3]!.value).toBe(asks.cost.p90);
    for (const s of content.scenarios) {
      const r = t.rows.find((x) => x.key === `${s.role}-${s.id}`)!;
      expect(r.cells[7]!.text === "outside band").toBe(!s.likely!.inBand);
    }
  });

  it("says so on a brief stored before unserved demand was priced", () => {
    const t = scenarioTable(loadBriefFixture("handmade.json"));
    expect(t.columns.map((c) => c.label)).toContain("Unserved (credits)");
    expect(t.notes.at(-1)).toMatch(/computed before unserved demand was priced/);
  });
});

describe("a period as people read it", () => {
  it("names a month by its name and keeps other labels", () => {
    expect(periodLabel("2026-04")).toBe("Apr 2026");
    expect(periodLabel("2027-12")).toBe("Dec 2027");
    expect(periodLabel("2026-13")).toBe("2026-13");
    expect(periodLabel("2026-W15")).toBe("2026-W15");
  });
});

describe("the periods of a risk", () => {
  it("reads as days, a run as its first and last day, in every format", () => {
    expect(riskPeriods(["2026-10-01"])).toBe("1 Oct 2026");
    expect(riskPeriods(["2026-04-01", "2026-05-01", "2026-10-01"])).toBe("1 Apr 2026 – 1 Oct 2026");
    expect(riskPeriods([])).toBe("—");
    expect(riskPeriods(["2026-W11"])).toBe("2026-W11");
  });
});
