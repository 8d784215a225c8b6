// An engine defect is not invalid input: it reaches the action boundary as an unexpected error,
// which the user sees as a generic message and the server log records with its stack.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/engine/ledger/evaluate", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/engine/ledger/evaluate")>();
  return {
    ...real,
    evaluateLedger: vi.fn(() => {
      // a bug inside the ledger, thrown on purpose
      throw new TypeError("Cannot read properties of undefined (reading 'remaining')");
    }),
  };
});

const { GENERIC_ERROR, toActionError } = await import("@/lib/actions/safe-action");
const { evaluateDocument } = await import("@/lib/services/scenarios/evaluate");
const { DomainError } = await import("@/lib/services/errors");

const root = path.resolve(import.meta.dirname, "../../../..");
const doc = JSON.parse(readFileSync(path.join(root, "examples/salesforce-agentforce.json"), "utf8"));

afterEach(() => vi.restoreAllMocks());

describe("an exception inside the engine", () => {
  it("is not shown as invalid input: the user gets the unexpected-error message, the log gets the stack", () => {
    let thrown: unknown;
    try {
      evaluateDocument(doc);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown).not.toBeInstanceOf(DomainError);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(toActionError(thrown)).toEqual({ ok: false, error: GENERIC_ERROR });
    expect(log).toHaveBeenCalledWith("unexpected error in server action", thrown);
    expect((log.mock.calls[0]![1] as Error).stack).toMatch(/TypeError: Cannot read properties of undefined/);
  });
});
