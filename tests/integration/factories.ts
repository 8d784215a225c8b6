import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/db/schema/workspaces";
import { memberships } from "@/lib/db/schema/workspaces";
import { resolveWorkspace, type ActorCtx, type WorkspaceCtx } from "@/lib/services/context";
import { createConfirmedUser } from "@/lib/services/users/sign-up";
import { createWorkspace } from "@/lib/services/workspaces/create";

let counter = 0;

export async function makeUser(db: Db, name = "user"): Promise<ActorCtx> {
  counter += 1;
  const email = `${name}-${counter}-${Date.now()}@example.test`;
  const actor = await createConfirmedUser(db, { name, email, password: "correct horse battery" });
  return { db, actor };
}

/** A workspace owned by a new user, plus members with the given roles. */
export async function makeWorkspace(db: Db, name = "Acme") {
  const owner = await makeUser(db, "owner");
  const ws = await createWorkspace(owner, { name });
  const ownerCtx = await resolveWorkspace(owner, ws.id);
  return { ws, owner, ownerCtx };
}

export async function addMember(db: Db, workspaceId: string, role: Role, name: string = role): Promise<WorkspaceCtx> {
  const user = await makeUser(db, name);
  await db.insert(memberships).values({ workspaceId, userId: user.actor.id, role });
  return resolveWorkspace(user, workspaceId);
}

/** A Salesforce vendor and a contract on the built-in Salesforce template, 2026 calendar year. */
export async function makeSalesforceContract(ctx: WorkspaceCtx, overrides: { drivers?: unknown; clauses?: unknown; name?: string; renewalDate?: string | null } = {}) {
  const { createVendor } = await import("@/lib/services/vendors/create");
  const { createContract } = await import("@/lib/services/contracts/create");
  const vendor = await createVendor(ctx, { name: "Salesforce", product: "Agentforce" });
  const contract = await createContract(ctx, {
    fields: {
      name: overrides.name ?? "Acme Agentforce renewal",
      vendorId: vendor.id,
      product: "Agentforce Flex Credits",
      currency: "USD",
      termStart: "2026-01-01",
      termEnd: "2027-01-01",
      renewalDate: overrides.renewalDate === undefined ? "2027-01-01" : overrides.renewalDate,
      noticeDays: 90,
      fixedLines: [{ description: "Sales Cloud seats", quantity: "80", unitPrice: "165", per: "month" }],
    },
    rateCard: { kind: "template", templateId: "salesforce-agentforce-flex-credits-2025-05-15" },
    drivers: overrides.drivers ?? { licensedSeats: 50, units: [{ unit: "action", actionsPerActiveAgentPerDay: 25 }] },
    clauses: overrides.clauses ?? {},
  });
  return { vendor, contract };
}
