import { createHash, randomBytes } from "node:crypto";

export const INVITE_TTL_DAYS = 7;

export function newInviteToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only the hash is stored: a leaked database row cannot be turned into a working link. */
export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
