import type { Db } from "@/lib/db/client";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { accountKey, addressKey, clearFailures, lockedFor, recordFailure, THROTTLE } from "@/lib/auth/throttle";
import { DomainError } from "../errors";
import { findUserByEmail } from "./sign-up";

export const WRONG_CREDENTIALS = "Wrong e-mail or password.";

/**
 * Checks an e-mail and password, counting failures per account and per client address.
 * Throws a DomainError with a message safe to show; never says which of the two was wrong.
 */
export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string; ip: string },
): Promise<{ id: string; email: string; name: string }> {
  const email = input.email.trim().toLowerCase();
  const keys = [accountKey(email), addressKey(input.ip)];
  const minutes = await lockedFor(db, keys);
  if (minutes !== null) {
    throw new DomainError(
      "rate_limited",
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    );
  }
  const user = await findUserByEmail(db, email);
  const ok = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : (await burnPasswordCheck(input.password), false);
  if (!user || !ok) {
    await recordFailure(db, keys[0]!, THROTTLE.maxFailuresPerAccount);
    await recordFailure(db, keys[1]!, THROTTLE.maxFailuresPerAddress);
    throw new DomainError("invalid", WRONG_CREDENTIALS);
  }
  await clearFailures(db, keys[0]!);
  return { id: user.id, email: user.email, name: user.name };
}
