"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { contractDeletionImpactAction, deleteContractAction } from "@/app/w/[workspaceId]/contracts/actions";
import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import type { ContractDeletionImpact } from "@/lib/services/contracts/deletion-impact";

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** Deleting a contract asks first, saying everything it takes with it, and wants the name typed. */
export function DeleteContractButton({ workspaceId, contractId, version, name }: { workspaceId: string; contractId: string; version: number; name: string }) {
  const router = useRouter();
  const [impact, setImpact] = useState<ContractDeletionImpact | "loading" | string>("loading");
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="text-right">
      <ConfirmButton
        label="Delete contract"
        variant="ghost"
        className="text-sm text-red-700"
        title={`Delete ${name}?`}
        confirmLabel="Delete contract and all of the above"
        pendingLabel="Deleting…"
        typeToConfirm={name}
        onOpen={() => {
          setImpact("loading");
          void contractDeletionImpactAction(workspaceId, contractId).then((r) => setImpact(r.ok ? r.data : r.error));
        }}
        onConfirm={async () => {
          const r = await deleteContractAction(workspaceId, { contractId, version });
          if (r.ok) router.push(`/w/${workspaceId}/contracts`);
          else setError(r.error);
        }}
      >
        {impact === "loading" ? (
          <p aria-busy="true">Reading what the contract holds…</p>
        ) : typeof impact === "string" ? (
          <p className="text-red-700">{impact}</p>
        ) : (
          <div className="space-y-2" data-testid="delete-impact">
            <p>This cannot be undone. It deletes, with the contract:</p>
            <ul className="list-disc space-y-0.5 pl-5">
              <li>{plural(impact.scenarios, "saved scenario")}</li>
              <li>
                {plural(impact.burnRows, "row")} of observed burn from {plural(impact.imports, "import")}
              </li>
              <li>
                {impact.briefs.length === 0
                  ? "no brief"
                  : `${plural(impact.briefs.length, "brief")}: ${impact.briefs.map((b) => `“${b.title}” (${plural(b.versions, "version")})`).join(", ")}`}
              </li>
              <li>{impact.liveShareLinks === 0 ? "no working read-only link" : `${plural(impact.liveShareLinks, "read-only link")} that people may be using: they stop working`}</li>
            </ul>
            <p>Its rate card and vendor stay.</p>
          </div>
        )}
      </ConfirmButton>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
