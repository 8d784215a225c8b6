// Typed domain errors. They carry a message fit for the person using the app; the action layer maps
// them once (lib/actions/safe-action.ts). Anything else is an unexpected error: logged on the server,
// shown as a generic message.
export type DomainErrorCode = "unauthenticated" | "not_found" | "forbidden" | "conflict" | "invalid" | "rate_limited";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("not_found", `${what} was not found.`);
export const forbidden = (message = "Your role in this workspace does not allow that.") =>
  new DomainError("forbidden", message);
export const conflict = (message: string) => new DomainError("conflict", message);
export const invalid = (message: string, fieldErrors?: Record<string, string[]>) =>
  new DomainError("invalid", message, fieldErrors);
