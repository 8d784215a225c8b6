import { and, eq } from "drizzle-orm";
import type { Db } from "./client";
import { users } from "./schema/auth";
import { burnRows } from "./schema/burn";
import { contracts } from "./schema/contracts";
import { demoEstates } from "./demo-estates";
import { hashPassword } from "@/lib/auth/password";
import type { PerUserJson } from "./schema/json";
import { resolveWorkspace } from "@/lib/services/context";
import { createContract } from "@/lib/services/contracts/create";
import { createScenario } from "@/lib/services/scenarios/create";
import { createVendor } from "@/lib/services/vendors/create";
import { createWorkspace } from "@/lib/services/workspaces/create";
import { enqueueWorkspaceForecasts } from "@/lib/services/forecast/recompute";

export const DEMO_LOGIN = { email: "demo@example.com", password: "demo-password", name: "Dana Demo" };
export const DEMO_WORKSPACE = "Demo: Acme renewal";

/**
 * Seeds the demo workspace once (idempotent: an existing demo user means it is already there) with
 * the two source estates, through the same service verbs the app uses, in one transaction.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_LOGIN.email));
  if (existing) return { created: false };
  await db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    const [user] = await tx
      .insert(users)
      .values({ email: DEMO_LOGIN.email, name: DEMO_LOGIN.name, passwordHash: await hashPassword(DEMO_LOGIN.password), emailVerifiedAt: new Date() })
      .returning({ id: users.id, email: users.email, name: users.name });
    if (!user) throw new Error("could not create the demo user");
    const actorCtx = { db: tx, actor: user };
    const ws = await createWorkspace(actorCtx, { name: DEMO_WORKSPACE });
    const ctx = await resolveWorkspace(actorCtx, ws.id);
    for (const estate of demoEstates()) {
      const vendor = await createVendor(ctx, estate.vendor);
      const contract = await createContract(ctx, {
        fields: { ...estate.contract, vendorId: vendor.id, granularity: "month" },
        rateCard: { kind: "template", templateId: estate.templateId },
        clauses: estate.clauses,
        drivers: estate.drivers,
      });
      // The per-user alternative has no editor yet; it is part of the contract's terms.
      await tx
        .update(contracts)
        .set({ perUser: estate.perUser as PerUserJson })
        .where(and(eq(contracts.id, contract.id), eq(contracts.workspaceId, ws.id)));
      await tx.insert(burnRows).values(
        estate.burn.map((b) => ({
          ...b,
          workspaceId: ws.id,
          contractId: contract.id,
          rowKey: `demo:${b.periodStart}:${b.agent}:${b.unit}:${b.environment}`,
          currency: b.cost === null ? null : estate.contract.currency,
        })),
      );
      for (const s of estate.scenarios) await createScenario(ctx, { contractId: contract.id, ...s });
    }
    await enqueueWorkspaceForecasts(tx, ws.id);
  });
  return { created: true };
}
