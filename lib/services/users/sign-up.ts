import { eq } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/lib/services/validation";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/auth";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { conflict } from "../errors";

export const signUpInput = z.object({
  name: text().trim().min(1, "Enter your name.").max(120),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address.")),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(200, "Use at most 200 characters."),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export async function signUp(db: Db, input: SignUpInput): Promise<{ id: string; email: string; name: string }> {
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({ email: input.email, name: input.name, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!created) throw conflict("An account with this e-mail already exists. Sign in instead.");
  return created;
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row ?? null;
}
