// Text fields: what a person can type and PostgreSQL can store. NUL cannot be stored at all (text and
// jsonb columns refuse it, which surfaced as a generic 500), and the other C0 control characters and
// DEL are never typed on purpose: they come from pasted binary or a crafted request. Tab, line feed
// and carriage return stay allowed (a textarea sends its line breaks as CRLF).
import { z } from "zod";

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const NAMES: Record<number, string> = { 0: "NUL", 0x1b: "ESC", 0x7f: "DEL" };

/** Why `value` cannot be kept as text, naming the first bad character and where it is; null when it can. */
export function controlCharacterProblem(value: string): string | null {
  const m = CONTROL.exec(value);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  const name = NAMES[code];
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `Contains an invisible control character (${name ? `${hex}, ${name}` : hex}) at character ${m.index + 1}; remove it.`;
}

/** z.string() that refuses control characters; chain .trim(), .min(), .max() on it as on z.string(). */
export function text() {
  return z.string().superRefine((value, ctx) => {
    const problem = controlCharacterProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}
