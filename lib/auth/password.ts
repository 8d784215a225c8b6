import bcrypt from "bcryptjs";
import { MAX_PASSWORD_BYTES, passwordBytes } from "./password-policy";

// bcrypt cost 12 in production; tests and the demo seed may lower it through BCRYPT_COST to stay fast.
const cost = () => Math.min(Math.max(Number(process.env.BCRYPT_COST ?? 12), 4), 15);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost());
}

/**
 * bcrypt compares only the first 72 bytes: a longer password would match with any tail, so it
 * never matches (new passwords are refused above 72 bytes, see password-policy.ts).
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (passwordBytes(password) > MAX_PASSWORD_BYTES) {
    await bcrypt.compare(password.slice(0, 8), hash); // the same time either way
    return false;
  }
  return bcrypt.compare(password, hash);
}

// Compared against when the account does not exist, so a wrong e-mail costs as much time as a wrong password.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= bcrypt.hash("not-a-real-password", cost());
  await bcrypt.compare(password, await dummyHash);
}
