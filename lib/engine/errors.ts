// The engine's input errors: a model the engine cannot compute because of what it was given, as
// opposed to a defect of the engine. Only these become "invalid input" at the edge (services show
// their message); anything else thrown from inside the engine is a bug, logged with its stack.

/** Where the input at fault sits: keys and indexes from the object the failing function was given
 *  (the contract terms for the ledger, the driver inputs for demand, …), or null when unknown. */
export type InputPath = readonly (string | number)[];

export class EngineInputError extends Error {
  override name = "EngineInputError";
  constructor(
    message: string,
    /** the offending field, relative to the input of the function that threw */
    readonly at: InputPath | null = null,
  ) {
    super(message);
  }
}

/** Renders a relative path as JSON-path segments: ["packs", 0, "purchaseDate"] → ".packs[0].purchaseDate". */
export function pathSuffix(at: InputPath): string {
  return at.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("");
}
