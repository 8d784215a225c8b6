"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createFromTemplateAction } from "@/app/w/[workspaceId]/ratecards/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatDate } from "@/components/format";

export interface TemplateSummary {
  id: string;
  vendor: string;
  product: string;
  effectiveFrom: string;
  currency: string;
  sourceTitle: string;
  sourceUrl: string;
  sourcePublisher: string;
  units: number;
  unpublished: number;
  price: string;
}

/** Built-in templates to start a rate card from, each with its effective date and public source. */
export function TemplatePicker({ workspaceId, templates, canEdit }: { workspaceId: string; templates: TemplateSummary[]; canEdit: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      <ul className="grid gap-3 md:grid-cols-2">
        {templates.map((t) => (
          <li key={t.id} className="flex flex-col justify-between gap-3 rounded-md p-4 ring-1 ring-slate-200">
            <div>
              <p className="font-medium text-slate-900">
                {t.vendor} · {t.product}
              </p>
              <p className="mt-1 text-xs text-slate-500">
                Effective {formatDate(t.effectiveFrom)} · {t.currency} · {t.units} unit{t.units === 1 ? "" : "s"}
                {t.unpublished ? ` (+${t.unpublished} unpublished)` : ""} · {t.price}
              </p>
              <p className="mt-1 text-xs text-slate-500">
                Source:{" "}
                <a href={t.sourceUrl} target="_blank" rel="noreferrer noopener" className="text-indigo-700 hover:underline">
                  {t.sourcePublisher}, {t.sourceTitle}
                </a>
              </p>
            </div>
            {canEdit && (
              <Button
                type="button"
                variant="secondary"
                disabled={pending}
                aria-label={`Start a rate card from ${t.vendor} ${t.product} (${formatDate(t.effectiveFrom)})`}
                onClick={() => {
                  setBusy(t.id);
                  setError(null);
                  start(async () => {
                    const r = await createFromTemplateAction(workspaceId, { templateId: t.id });
                    if (r.ok) router.push(`/w/${workspaceId}/ratecards/${r.data}`);
                    else setError(r.error);
                    setBusy(null);
                  });
                }}
              >
                {busy === t.id ? "Creating…" : "Start from this template"}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
