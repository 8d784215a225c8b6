import { createHash, randomBytes } from "node:crypto";

/** A secret for a link (an invitation, a shared brief): 256 random bits, URL-safe. */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only the hash is stored: a leaked database row cannot be turned into a working link. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
