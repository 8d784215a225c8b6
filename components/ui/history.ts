// An undo history for an editor's value: the value now, the values before each change (with what the
// change was, for "Undo: remove “Action”"), and the values undone since. Pure functions, so a
// component keeps one History in its state and a test can walk it.

export interface HistoryStep<T> {
  value: T;
  /** the change that led away from this value, in words ("remove “Action”") */
  label: string;
}

export interface History<T> {
  past: HistoryStep<T>[];
  present: T;
  future: HistoryStep<T>[];
}

/** How many changes can be undone; older ones are forgotten. */
export const HISTORY_LIMIT = 100;

export const startHistory = <T>(value: T): History<T> => ({ past: [], present: value, future: [] });

/** A change: the value before it becomes undoable, and what was undone cannot be redone any more. */
export function record<T>(h: History<T>, next: T, label: string): History<T> {
  if (Object.is(next, h.present)) return h;
  return { past: [...h.past, { value: h.present, label }].slice(-HISTORY_LIMIT), present: next, future: [] };
}

export function undo<T>(h: History<T>): History<T> {
  const last = h.past.at(-1);
  if (!last) return h;
  return { past: h.past.slice(0, -1), present: last.value, future: [...h.future, { value: h.present, label: last.label }] };
}

export function redo<T>(h: History<T>): History<T> {
  const next = h.future.at(-1);
  if (!next) return h;
  return { past: [...h.past, { value: h.present, label: next.label }], present: next.value, future: h.future.slice(0, -1) };
}

/** What Undo and Redo would do, for their buttons and titles; null when there is nothing. */
export const undoLabel = <T>(h: History<T>) => h.past.at(-1)?.label ?? null;
export const redoLabel = <T>(h: History<T>) => h.future.at(-1)?.label ?? null;
