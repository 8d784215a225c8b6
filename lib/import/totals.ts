// Exact sums of a parsed file, as the import would store it: consumption per period, and every
// group of rows by category and description with its totals (what the preview shows and what
// `npm run usage` prints). Decimal sums; missing values stay missing (null), never 0.
import Decimal from "decimal.js";
import { periodLabel, periodOf, type Granularity } from "@/lib/import/spread";
import { groupKeyOf, isConsumption, type GroupTotals, type PeriodTotals, type Sums, type UsageRow, type UsageTotals } from "@/lib/import/types";

class Sum {
  rows = 0;
  credits: Decimal | null = null;
  actions: Decimal | null = null;
  cost: Decimal | null = null;
  billedCost: Decimal | null = null;

  add(row: UsageRow): void {
    this.rows++;
    if (row.credits !== null) this.credits = (this.credits ?? ZERO).plus(row.credits);
    if (row.actions !== null) this.actions = (this.actions ?? ZERO).plus(row.actions);
    if (row.cost !== null) this.cost = (this.cost ?? ZERO).plus(row.cost);
    if (row.billedCost !== null) this.billedCost = (this.billedCost ?? ZERO).plus(row.billedCost);
  }

  out(): Sums {
    return { rows: this.rows, credits: text(this.credits), actions: text(this.actions), cost: text(this.cost), billedCost: text(this.billedCost) };
  }
}

const ZERO = new Decimal(0);

function text(d: Decimal | null): string | null {
  return d === null ? null : d.toFixed();
}

interface Group {
  sum: Sum;
  row: UsageRow;
  quantities: Map<string, Decimal>;
  from: string | null;
  until: string | null;
}

export class TotalsBuilder {
  private readonly consumption = new Sum();
  private readonly groups = new Map<string, Group>();
  private readonly periods = new Map<string, Sum>();
  private readonly scopes = new Map<string, Sum>();

  constructor(private readonly granularity: Granularity) {}

  add(row: UsageRow): void {
    const key = groupKeyOf(row);
    let g = this.groups.get(key);
    if (!g) {
      g = { sum: new Sum(), row, quantities: new Map(), from: null, until: null };
      this.groups.set(key, g);
    }
    g.sum.add(row);
    if (row.quantity !== null) {
      const unit = row.quantityUnit ?? "(no unit)";
      g.quantities.set(unit, (g.quantities.get(unit) ?? ZERO).plus(row.quantity));
    }
    if (g.from === null || row.periodStart < g.from) g.from = row.periodStart;
    const end = row.periodEnd ?? row.periodStart;
    if (g.until === null || end > g.until) g.until = end;
    if (!isConsumption(row)) return;
    this.consumption.add(row);
    const period = periodOf(row.periodStart, this.granularity);
    let p = this.periods.get(period);
    if (!p) this.periods.set(period, (p = new Sum()));
    p.add(row);
    if (row.scope !== null) {
      let s = this.scopes.get(row.scope);
      if (!s) this.scopes.set(row.scope, (s = new Sum()));
      s.add(row);
    }
  }

  result(): UsageTotals {
    const groups: GroupTotals[] = [...this.groups.entries()].map(([key, g]) => ({
      key,
      category: g.row.category,
      label: g.row.groupLabel,
      excluded: g.row.excluded,
      ...g.sum.out(),
      quantities: Object.fromEntries([...g.quantities].map(([u, q]) => [u, q.toFixed()])),
      creditsBought: g.row.category === "purchase" ? text(g.sum.credits) : null,
      from: g.from,
      until: g.until,
    }));
    const order = ["usage", "unusedCommitment", "purchase", "credit", "adjustment", "tax", "other"];
    groups.sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category) || a.label.localeCompare(b.label));
    const periods: PeriodTotals[] = [...this.periods.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([start, s]) => ({ start, label: periodLabel(start, this.granularity), ...s.out() }));
    return {
      granularity: this.granularity,
      consumption: this.consumption.out(),
      groups,
      periods,
      scopes: [...this.scopes.entries()].map(([scope, s]) => ({ scope, ...s.out() })),
    };
  }
}

/**
 * An exact running sum of canonical decimal strings as a scaled BigInt: cheap enough to keep on a
 * million rows while they stream (a Decimal per addition costs several times more).
 */
export class ExactSum {
  private units = 0n;
  private scale = 0;
  private any = false;

  add(value: string | null): void {
    if (value === null) return;
    this.any = true;
    const dot = value.indexOf(".");
    if (dot < 0) {
      this.units += this.scale === 0 ? BigInt(value) : BigInt(value) * 10n ** BigInt(this.scale);
      return;
    }
    const digits = value.length - dot - 1;
    if (digits > this.scale) {
      this.units *= 10n ** BigInt(digits - this.scale);
      this.scale = digits;
    }
    const scaled = BigInt(value.slice(0, dot) + value.slice(dot + 1));
    this.units += digits === this.scale ? scaled : scaled * 10n ** BigInt(this.scale - digits);
  }

  /** The sum as a canonical decimal string; null when nothing was added. */
  value(): string | null {
    if (!this.any) return null;
    const negative = this.units < 0n;
    let digits = (negative ? -this.units : this.units).toString();
    if (this.scale > 0) {
      digits = digits.padStart(this.scale + 1, "0");
      digits = `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`.replace(/\.?0+$/, "");
    }
    return negative && digits !== "0" ? `-${digits}` : digits;
  }
}
