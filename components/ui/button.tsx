"use client";
import { useFormStatus } from "react-dom";
import { buttonClass, type Variant } from "./button-class";

export function Button({ variant = "primary", className = "", ...props }: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button className={buttonClass(variant, className)} {...props} />;
}

/** A submit button that shows the pending state of its form. */
export function SubmitButton({ children, pendingText, variant = "primary", className = "", ...props }: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending || props.disabled} aria-busy={pending} className={buttonClass(variant, className)} {...props}>
      {pending ? (pendingText ?? "Working…") : children}
    </button>
  );
}
