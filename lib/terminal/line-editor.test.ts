import { describe, expect, it } from "vitest";
import { commonPrefix, handleInput, initialLine, type LineState } from "./line-editor";

function type(s: LineState, ...keys: string[]) {
  const actions = [];
  for (const k of keys) {
    const r = handleInput(s, k);
    s = r.state;
    actions.push(...r.actions);
  }
  return { s, actions };
}

describe("terminal line editor", () => {
  it("echoes typed text locally and submits on Enter", () => {
    const { s, actions } = type(initialLine(), "kubectl", " get", "\r");
    expect(
      actions
        .filter((a) => a.type === "write")
        .map((a) => (a as { data: string }).data)
        .join(""),
    ).toContain("kubectl");
    expect(actions.at(-1)).toEqual({ type: "submit", line: "kubectl get" });
    expect(s.buffer).toBe("");
    expect(s.history).toEqual(["kubectl get"]);
  });

  it("edits in the middle of the line with arrows and backspace", () => {
    const { s } = type(
      initialLine(),
      "kubectl gxt",
      "\x1b[D",
      "\x7f",
      "e",
      "\x1b[C",
      "s",
      "\x01",
      "\x1b[3~",
      "k",
    );
    expect(s.buffer).toBe("kubectl gets");
  });

  it("walks history with up/down and restores the draft", () => {
    const { s } = type(initialLine(["a", "b"]), "dr", "\x1b[A");
    expect(s.buffer).toBe("b");
    const up = type(s, "\x1b[A").s;
    expect(up.buffer).toBe("a");
    expect(type(up, "\x1b[A").s.buffer).toBe("a");
    const down = type(up, "\x1b[B", "\x1b[B").s;
    expect(down.buffer).toBe("dr");
  });

  it("Ctrl-C cancels the line, Ctrl-L clears, Tab completes up to the cursor", () => {
    const c = type(initialLine(), "abc", "\x03");
    expect(c.s.buffer).toBe("");
    expect(c.actions.some((a) => a.type === "interrupt")).toBe(true);
    expect(type(initialLine(), "\x0c").actions).toEqual([{ type: "clear" }]);
    expect(type(initialLine(), "kubectl ge", "\t").actions.at(-1)).toEqual({
      type: "complete",
      line: "kubectl ge",
    });
  });

  it("a multi-line paste submits each line and keeps the rest typed", () => {
    const { s, actions } = type(initialLine(), "echo a\necho b\nech");
    expect(actions.filter((a) => a.type === "submit")).toEqual([
      { type: "submit", line: "echo a" },
      { type: "submit", line: "echo b" },
    ]);
    expect(s.buffer).toBe("ech");
  });

  it("common prefix of candidates", () => {
    expect(commonPrefix(["deployments", "deploy", "daemonsets"])).toBe("d");
    expect(commonPrefix(["pods", "podtemplates"])).toBe("pod");
    expect(commonPrefix([])).toBe("");
  });

  it("Ctrl-D is end of input only on an empty line", () => {
    expect(type(initialLine(), "\x04").actions).toEqual([{ type: "eof" }]);
    const typed = type(initialLine(), "ls", "\x04");
    expect(typed.actions.some((a) => a.type === "eof")).toBe(false);
    expect(typed.s.buffer).toBe("ls");
  });
});
