import { describe, expect, it } from "vitest";
import { HISTORY_LIMIT, record, redo, redoLabel, startHistory, undo, undoLabel } from "@/components/ui/history";

describe("undo history", () => {
  it("undoes and redoes changes in order, naming each", () => {
    let h = startHistory(["action"]);
    expect(undoLabel(h)).toBeNull();
    h = record(h, ["action", "voice"], "add “voice”");
    h = record(h, ["voice"], "remove “action”");
    expect(h.present).toEqual(["voice"]);
    expect(undoLabel(h)).toBe("remove “action”");

    h = undo(h);
    expect(h.present).toEqual(["action", "voice"]);
    expect(undoLabel(h)).toBe("add “voice”");
    expect(redoLabel(h)).toBe("remove “action”");

    h = undo(h);
    expect(h.present).toEqual(["action"]);
    expect(undoLabel(h)).toBeNull();
    // nothing left to undo: the same history
    expect(undo(h)).toBe(h);

    h = redo(h);
    expect(h.present).toEqual(["action", "voice"]);
    h = redo(h);
    expect(h.present).toEqual(["voice"]);
    expect(redoLabel(h)).toBeNull();
    expect(redo(h)).toBe(h);
  });

  it("a new change after an undo drops what was undone", () => {
    let h = record(startHistory(1), 2, "two");
    h = record(h, 3, "three");
    h = undo(h);
    h = record(h, 4, "four");
    expect(h.present).toBe(4);
    expect(redoLabel(h)).toBeNull();
    expect(undo(h).present).toBe(2);
  });

  it("keeps the last HISTORY_LIMIT changes", () => {
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 5; i += 1) h = record(h, i, `set ${i}`);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < HISTORY_LIMIT; i += 1) h = undo(h);
    expect(h.present).toBe(5);
    expect(undoLabel(h)).toBeNull();
  });

  it("records nothing for the same value", () => {
    const v = [1];
    const h = startHistory(v);
    expect(record(h, v, "nothing")).toBe(h);
  });
});
