// The FOCUS 1.3 Contract Commitment dataset lists what a contract commits to (spend goals,
// reservations, SaaS subscriptions), not what was consumed. Imported as burn it would add the whole
// commitment as usage, so it is recognised and refused as burn with a message that says what it is
// and where it can go: the Terms tab reads it as the contract's terms (lib/import/commitment-terms.ts).
import { commitmentColumns } from "@/lib/import/focus";
import type { SourceRecord } from "@/lib/import/sources";
import type { FocusDetection } from "@/lib/import/types";
import { textOf } from "@/lib/import/values";
import { vendorKey } from "@/lib/import/profiles";

export function commitmentDetection(headers: readonly string[]): FocusDetection {
  const columns = commitmentColumns(headers);
  return {
    version: "1.3",
    reason: `FOCUS Contract Commitment dataset header (${columns.slice(0, 4).join(", ")}${columns.length > 4 ? ", …" : ""}); the dataset was introduced in FOCUS 1.3`,
    versionColumns: columns,
    columns,
    customColumns: headers.filter((h) => /^x_/i.test(h.trim())),
    fieldSources: {},
    dataset: "ContractCommitment",
  };
}

/** Why a Contract Commitment dataset is not burn, listing (the first few of) its commitments. */
export function commitmentRefusal(headers: readonly string[], records: readonly SourceRecord[]): string {
  const keys = headers.map(vendorKey);
  const at = (cells: SourceRecord["cells"], key: string): string | null => {
    const i = keys.indexOf(key);
    return i < 0 ? null : textOf(cells[i] ?? null);
  };
  const items: string[] = [];
  const contracts = new Set<string>();
  let count = 0;
  for (const { cells } of records) {
    const id = at(cells, "contractcommitmentid");
    if (id === null) continue;
    count++;
    const contract = at(cells, "contractid");
    if (contract) contracts.add(contract);
    if (items.length >= 5) continue;
    const category = at(cells, "contractcommitmentcategory");
    const cost = at(cells, "contractcommitmentcost");
    const currency = at(cells, "billingcurrency");
    const quantity = at(cells, "contractcommitmentquantity");
    const unit = at(cells, "contractcommitmentunit");
    const from = at(cells, "contractcommitmentperiodstart");
    const until = at(cells, "contractcommitmentperiodend");
    const parts = [
      category,
      cost !== null ? `${cost} ${currency ?? ""}`.trim() : null,
      quantity !== null ? `${quantity} ${unit ?? ""}`.trim() : null,
      from && until ? `${from.slice(0, 10)} to ${until.slice(0, 10)}` : null,
    ].filter((p): p is string => p !== null && p !== "");
    items.push(`${id}${parts.length ? ` (${parts.join(", ")})` : ""}`);
  }
  const of = contracts.size > 0 ? ` of contract ${[...contracts].slice(0, 3).join(", ")}` : "";
  return (
    `this is a FOCUS 1.3 Contract Commitment dataset, not usage: it lists ${count} contract commitment${count === 1 ? "" : "s"}${of}` +
    (items.length ? `: ${items.join("; ")}${count > items.length ? "; …" : ""}` : "") +
    ". Commitments are what a contract grants, not what was consumed, so nothing in it is imported as burn; " +
    "take them into the contract's terms on its Terms tab (Take terms from a FOCUS Contract Commitment file), and import the provider's cost-and-usage file here for the burn"
  );
}
