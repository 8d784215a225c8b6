import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { users } from "./schema/auth";
import { hashPassword } from "@/lib/auth/password";
import { createVendor } from "@/lib/services/vendors/create";
import { createWorkspace } from "@/lib/services/workspaces/create";
import { resolveWorkspace } from "@/lib/services/context";

export const DEMO_LOGIN = { email: "demo@example.com", password: "demo-password", name: "Dana Demo" };
export const DEMO_WORKSPACE = "Demo: Acme renewal";

/**
 * Seeds the demo workspace once (idempotent: an existing demo user means it is already there).
 * Later features add their demo data here, through the same service verbs the app uses.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_LOGIN.email));
  if (existing) return { created: false };
  await db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    const [user] = await tx
      .insert(users)
      .values({ email: DEMO_LOGIN.email, name: DEMO_LOGIN.name, passwordHash: await hashPassword(DEMO_LOGIN.password) })
      .returning({ id: users.id, email: users.email, name: users.name });
    if (!user) throw new Error("could not create the demo user");
    const actorCtx = { db: tx, actor: user };
    const ws = await createWorkspace(actorCtx, { name: DEMO_WORKSPACE });
    const ctx = await resolveWorkspace(actorCtx, ws.id);
    await createVendor(ctx, {
      name: "Salesforce",
      product: "Agentforce Flex Credits",
      notes: "20 credits per action; $500 buys 100,000 credits. Renewal under review.",
    });
    await createVendor(ctx, {
      name: "Workday",
      product: "Workday Flex Credits",
      notes: "Retrieval ≈1, guided draft 2, autonomous completion ≈5 credits. Price per credit set in the contract.",
    });
  });
  return { created: true };
}
