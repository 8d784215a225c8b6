"use client";
import { useActionState, useState } from "react";
import { createVendorAction, deleteVendorAction, updateVendorAction } from "@/app/w/[workspaceId]/actions";
import { ActionMessage, Alert } from "@/components/ui/alert";
import { Button, SubmitButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { ConfirmButton } from "@/components/ui/confirm-dialog";

export interface VendorRow {
  id: string;
  name: string;
  product: string;
  notes: string;
  version: number;
  updatedAt: string;
}

export function VendorList({ workspaceId, canEdit, vendors }: { workspaceId: string; canEdit: boolean; vendors: VendorRow[] }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="space-y-5">
      {!canEdit && <p className="text-sm text-slate-500">You have read-only access to this workspace.</p>}
      {vendors.length === 0 ? (
        <EmptyState title="No vendors yet">{canEdit ? "Add the first vendor below." : "An editor of this workspace can add vendors."}</EmptyState>
      ) : (
        <ScrollRegion>
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Vendor</th>
                <th scope="col" className="py-2 pr-4 font-medium">Product</th>
                <th scope="col" className="py-2 pr-4 font-medium">Notes</th>
                {canEdit && <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {vendors.map((v) =>
                editing === v.id ? (
                  <tr key={v.id}>
                    <td colSpan={4} className="py-3">
                      <EditVendorForm workspaceId={workspaceId} vendor={v} onDone={() => setEditing(null)} />
                    </td>
                  </tr>
                ) : (
                  <tr key={v.id}>
                    <td className="py-2 pr-4 font-medium">{v.name}</td>
                    <td className="py-2 pr-4 text-slate-600">{v.product || "—"}</td>
                    <td className="max-w-xs truncate py-2 pr-4 text-slate-500" title={v.notes}>{v.notes || "—"}</td>
                    {canEdit && (
                      <td className="py-2 text-right">
                        <Button variant="ghost" onClick={() => setEditing(v.id)} aria-label={`Edit ${v.name}`}>Edit</Button>
                        <DeleteVendorButton workspaceId={workspaceId} vendor={v} />
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {canEdit && <AddVendorForm workspaceId={workspaceId} />}
    </div>
  );
}

function AddVendorForm({ workspaceId }: { workspaceId: string }) {
  const [state, action] = useActionState(createVendorAction.bind(null, workspaceId), null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <Field label="Vendor" name="name" required placeholder="e.g. Salesforce" error={fe?.name} />
      <Field label="Product" name="product" placeholder="e.g. Agentforce Flex Credits" error={fe?.product} />
      <SubmitButton pendingText="Adding…">Add vendor</SubmitButton>
      <div className="sm:col-span-3">{!fe && <ActionMessage state={state} />}</div>
    </form>
  );
}

function EditVendorForm({ workspaceId, vendor, onDone }: { workspaceId: string; vendor: VendorRow; onDone: () => void }) {
  const [state, action] = useActionState(async (prev: unknown, form: FormData) => {
    const r = await updateVendorAction(workspaceId, prev, form);
    if (r.ok) onDone();
    return r;
  }, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="vendorId" value={vendor.id} />
      <input type="hidden" name="version" value={vendor.version} />
      <Field label="Vendor" name="name" defaultValue={vendor.name} required error={fe?.name} />
      <Field label="Product" name="product" defaultValue={vendor.product} error={fe?.product} />
      <div className="sm:col-span-2">
        <Field label="Notes" name="notes" defaultValue={vendor.notes} error={fe?.notes} />
      </div>
      <div className="flex gap-2 sm:col-span-2">
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
        <Button type="button" variant="secondary" onClick={onDone}>Cancel</Button>
      </div>
      {!fe && state && !state.ok && <div className="sm:col-span-2"><ActionMessage state={state} /></div>}
    </form>
  );
}

function DeleteVendorButton({ workspaceId, vendor }: { workspaceId: string; vendor: VendorRow }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <ConfirmButton
        label="Delete"
        ariaLabel={`Delete ${vendor.name}`}
        variant="ghost"
        className="text-sm text-red-700"
        title={`Delete ${vendor.name}?`}
        confirmLabel="Delete vendor"
        pendingLabel="Deleting…"
        onConfirm={async () => {
          const r = await deleteVendorAction(workspaceId, vendor.id);
          setError(r.ok ? null : r.error);
        }}
      >
        <p>This cannot be undone. A vendor that still has contracts is not deleted: delete or move its contracts first.</p>
      </ConfirmButton>
      {error && <Alert>{error}</Alert>}
    </>
  );
}
