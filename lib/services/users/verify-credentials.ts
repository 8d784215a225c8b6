import type { Db } from "@/lib/db/client";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { clearFailures, delayedFor, pairKey, recordFailure, retryText, throttleKeys, UNKNOWN_ADDRESS } from "@/lib/auth/throttle";
import { recordSecurityEvent } from "../security/log";
import { controlCharacterProblem } from "@/lib/services/validation";
import { DomainError } from "../errors";
import { pendingSignUp } from "./account-links";
import { findUserByEmail } from "./sign-up";

export const WRONG_CREDENTIALS = "Wrong e-mail or password.";
export const UNCONFIRMED = (email: string) =>
  `Confirm your e-mail address first: open the link we sent to ${email}. Lost it, or past 24 hours? Sign up again for a new one.`;

/**
 * Checks an e-mail and password, counting failures per (account, client address) and per client
 * address. The throttle is checked before the password hash is computed, so a delayed caller costs
 * no bcrypt work. Throws a DomainError with a message safe to show; never says which was wrong.
 */
export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string; ip: string },
): Promise<{ id: string; email: string; name: string }> {
  const email = input.email.trim().toLowerCase();
  // PostgreSQL refuses a NUL in text: such an address cannot exist, and must not read as an outage.
  if (controlCharacterProblem(email)) throw new DomainError("invalid", WRONG_CREDENTIALS);
  const keys = throttleKeys(email, input.ip);
  const seconds = await delayedFor(
    db,
    keys.map((k) => k.key),
  );
  const address = input.ip === UNKNOWN_ADDRESS ? null : input.ip;
  if (seconds !== null) {
    const known = await findUserByEmail(db, email);
    await recordSecurityEvent(db, { kind: "sign_in_throttled", userId: known?.id, email, address, detail: `refused for ${seconds} s more` });
    throw new DomainError("rate_limited", `Too many failed sign-in attempts. ${retryText(seconds)}`);
  }
  const user = await findUserByEmail(db, email);
  if (user && !user.emailVerifiedAt) {
    // A sign-up not finished yet: its password lives with the link mailed to the address.
    const pending = await pendingSignUp(db, user.id, new Date());
    if (pending && (await verifyPassword(input.password, pending.passwordHash))) {
      await recordSecurityEvent(db, { kind: "sign_up_unconfirmed", userId: user.id, email, address });
      throw new DomainError("invalid", UNCONFIRMED(email));
    }
  }
  const ok = user?.passwordHash && user.emailVerifiedAt ? await verifyPassword(input.password, user.passwordHash) : (await burnPasswordCheck(input.password), false);
  if (!user || !ok) {
    for (const k of keys) await recordFailure(db, k.key, k.max);
    await recordSecurityEvent(db, {
      kind: "sign_in_failed",
      userId: user?.id,
      email,
      address,
      detail: !user
        ? "no account with this e-mail"
        : !user.emailVerifiedAt
          ? "sign-up not confirmed yet"
          : user.passwordHash
            ? "wrong password"
            : "the account signs in through single sign-on only",
    });
    throw new DomainError("invalid", WRONG_CREDENTIALS);
  }
  await clearFailures(db, pairKey(email, input.ip));
  await recordSecurityEvent(db, { kind: "sign_in", userId: user.id, email, address, detail: "with e-mail and password" });
  return { id: user.id, email: user.email, name: user.name };
}
