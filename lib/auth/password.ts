import bcrypt from "bcryptjs";

// bcrypt cost 12 in production; tests and the demo seed may lower it through BCRYPT_COST to stay fast.
const cost = () => Math.min(Math.max(Number(process.env.BCRYPT_COST ?? 12), 4), 15);

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost());
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the account does not exist, so a wrong e-mail costs as much time as a wrong password.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= bcrypt.hash("not-a-real-password", cost());
  await bcrypt.compare(password, await dummyHash);
}
