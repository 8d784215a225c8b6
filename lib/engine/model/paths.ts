// Where in a model document an input error sits: the engine's functions name the field at fault
// relative to what they were given (the merged contract terms, an ask's clauses); these map it back
// to the document the author wrote.
import { pathSuffix, type InputPath } from "@/lib/engine/errors";
import type { ModelDocumentParsed, ScenarioDocParsed } from "@/lib/engine/model/schema";

/**
 * The document path of a clause the ledger names by its place in the merged terms: the scenario's
 * clauses when the scenario sets that field, else the contract's (scenario clauses replace the
 * contract's field by field, lib/engine/model/map.ts mergedClauses).
 */
export function clausePath(doc: ModelDocumentParsed, scenario: ScenarioDocParsed, index: number, at: InputPath | null): string {
  if (!at || at.length === 0) return `$.scenarios[${index}]`;
  const [head, ...rest] = at;
  if (head === "assumptions") {
    const key = rest[0];
    const own = typeof key === "string" && scenario.assumptions && key in scenario.assumptions;
    return (own ? `$.scenarios[${index}].assumptions` : "$.assumptions") + pathSuffix(rest);
  }
  if (typeof head === "string" && scenario.clauses && head in scenario.clauses) return `$.scenarios[${index}].clauses${pathSuffix(at)}`;
  if (typeof head === "string" && doc.contract && head in doc.contract) return `$.contract${pathSuffix(at)}`;
  if (head === "termStart") return "$.term.start";
  return `$.scenarios[${index}]`;
}


/**
 * The document path of a clause named within an ask valuation: the ask's own clauses (`ask` ≥ 0),
 * or the terms with every ask applied (`ask` = "all": the last ask that sets the field, since later
 * asks win), or else the vendor scenario's terms.
 */
export function askClausePath(doc: ModelDocumentParsed, vendor: ScenarioDocParsed, vendorIndex: number, ask: number | "all" | null, at: InputPath | null): string {
  const asks = doc.analysis?.asks?.asks ?? [];
  const head = at?.[0];
  const owner =
    ask === "all"
      ? asks.map((a, j) => (typeof head === "string" && head in a.clauses ? j : -1)).reduce((m, j) => Math.max(m, j), -1)
      : ask !== null && typeof head === "string" && head in (asks[ask]?.clauses ?? {})
        ? ask
        : -1;
  if (owner >= 0 && at) return `$.analysis.asks.asks[${owner}].clauses${pathSuffix(at)}`;
  return clausePath(doc, vendor, vendorIndex, at);
}
