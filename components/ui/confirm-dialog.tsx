"use client";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { buttonClass, type Variant } from "./button-class";

/**
 * A button that asks before it acts, in a native modal <dialog>: the browser keeps focus inside it,
 * Escape closes it, and focus goes back to the button that opened it. The safe choice (Cancel) has
 * focus when it opens, so Enter never confirms by accident.
 */
export function ConfirmButton({
  label,
  ariaLabel,
  title,
  children,
  confirmLabel,
  pendingLabel = "Working…",
  variant = "secondary",
  confirmVariant = "danger",
  className = "",
  typeToConfirm,
  onOpen,
  onConfirm,
  disabled = false,
}: {
  label: string;
  ariaLabel?: string;
  title: string;
  children?: React.ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  variant?: Variant;
  confirmVariant?: Variant;
  className?: string;
  /** for deletes that take much with them: the confirm button waits until this (a name) is typed */
  typeToConfirm?: string;
  /** called as the dialog opens (to load what the action would take with it) */
  onOpen?: () => void;
  onConfirm: () => Promise<void>;
  /** the button cannot be pressed (nothing to confirm yet) */
  disabled?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [pending, startTransition] = useTransition();
  const titleId = useId();
  const bodyId = useId();
  const typedId = useId();
  const [typed, setTyped] = useState("");
  const armed = typeToConfirm === undefined || typed.trim() === typeToConfirm.trim();
  // The dialog's content is rendered only while it is open: a page with a delete button per row
  // does not carry every row's dialog in its HTML.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open || dialog.current?.open) return;
    dialog.current?.showModal();
    cancel.current?.focus();
  }, [open]);

  function show() {
    setTyped("");
    onOpen?.();
    setOpen(true);
  }
  function close() {
    dialog.current?.close();
  }
  return (
    <>
      <button ref={trigger} type="button" onClick={show} aria-label={ariaLabel} aria-haspopup="dialog" disabled={pending || disabled} className={buttonClass(variant, `px-2.5 py-1.5 text-xs ${className}`)}>
        {pending ? pendingLabel : label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={children ? bodyId : undefined}
        onClose={() => {
          setOpen(false);
          trigger.current?.focus();
        }}
        onCancel={(e) => {
          // Escape while the action runs would hide its progress: keep the dialog until it ends.
          if (pending) e.preventDefault();
        }}
        onClick={(e) => {
          // a click on the backdrop (the dialog element itself, outside its box) closes it
          if (e.target === dialog.current && !pending) close();
        }}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 text-left shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
      >
        {open && (
        <div className="space-y-3 p-5">
            <h2 id={titleId} className="text-base font-semibold text-slate-900 break-words">
              {title}
            </h2>
            {children && (
              <div id={bodyId} className="text-sm text-slate-700">
                {children}
              </div>
            )}
            {typeToConfirm !== undefined && (
              <div className="space-y-1">
                <label htmlFor={typedId} className="block text-sm font-medium text-slate-700">
                  Type <span className="font-semibold text-slate-900">{typeToConfirm}</span> to confirm
                </label>
                <input
                  id={typedId}
                  value={typed}
                  onChange={(e) => setTyped(e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  className="block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
                />
              </div>
            )}
            <div className="flex flex-wrap justify-end gap-2 pt-2">
              <button ref={cancel} type="button" onClick={close} disabled={pending} className={buttonClass("secondary")}>
                Cancel
              </button>
              <button
                type="button"
                disabled={pending || !armed}
                aria-busy={pending}
                className={buttonClass(confirmVariant)}
                onClick={() =>
                  startTransition(async () => {
                    await onConfirm();
                    close();
                  })
                }
              >
                {pending ? pendingLabel : confirmLabel}
              </button>
            </div>
          </div>
        )}
      </dialog>
    </>
  );
}
