import { eq } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/lib/services/validation";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/auth";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { conflict } from "../errors";

export const emailInput = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address."));

export const signUpInput = z
  .object({
    name: text().trim().min(1, "Enter your name.").max(120),
    email: emailInput,
    password: z.string().max(1000, "Use at most 72 bytes."),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, [v.name, v.email]);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
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
