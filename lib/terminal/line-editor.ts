// Pure, shared by the browser terminal (components/terminal) and its tests.
// Local line editing for the terminal, as a pure state machine: keystrokes echo at
// once without a round trip; Enter submits, Tab asks for completion, Ctrl-C
// cancels, Ctrl-D on an empty line is end of input, Ctrl-L clears, ↑/↓ walk the history, ←/→/Home/End/Backspace/Delete edit.

export interface LineState {
  buffer: string;
  cursor: number;
  history: readonly string[];
  /** Position in history while browsing (history.length = the line being typed). */
  historyIndex: number;
  /** The line being typed before browsing the history. */
  draft: string;
}

export type EditorAction =
  | { type: "write"; data: string }
  | { type: "submit"; line: string }
  | { type: "complete"; line: string }
  | { type: "interrupt" }
  | { type: "clear" }
  /** Ctrl-D on an empty line: end of input (a container shell ends; the outer terminal ignores it). */
  | { type: "eof" };

export function initialLine(history: readonly string[] = []): LineState {
  return { buffer: "", cursor: 0, history, historyIndex: history.length, draft: "" };
}

const CSI = "\x1b[";

/** Redraws from the cursor's old position: the new buffer tail, then back to the cursor. */
function redraw(old: LineState, next: LineState): string {
  let out = old.cursor > 0 ? `${CSI}${old.cursor}D` : "";
  out += `${next.buffer}${CSI}K`;
  const back = next.buffer.length - next.cursor;
  if (back > 0) out += `${CSI}${back}D`;
  return out;
}

function replaceLine(s: LineState, buffer: string, patch: Partial<LineState> = {}) {
  const next = { ...s, ...patch, buffer, cursor: buffer.length };
  return { state: next, actions: [{ type: "write" as const, data: redraw(s, next) }] };
}

export function handleInput(
  s: LineState,
  data: string,
): { state: LineState; actions: EditorAction[] } {
  switch (data) {
    case "\r":
      return {
        state: { ...initialLine(s.buffer.trim() ? [...s.history, s.buffer] : s.history) },
        actions: [
          { type: "write", data: "\r\n" },
          { type: "submit", line: s.buffer },
        ],
      };
    case "\t":
      return { state: s, actions: [{ type: "complete", line: s.buffer.slice(0, s.cursor) }] };
    case "\x03":
      return {
        state: initialLine(s.history),
        actions: [{ type: "write", data: "^C\r\n" }, { type: "interrupt" }],
      };
    case "\x0c":
      return { state: s, actions: [{ type: "clear" }] };
    case "\x04":
      return { state: s, actions: s.buffer === "" ? [{ type: "eof" }] : [] };
    case "\x7f":
    case "\b": {
      if (s.cursor === 0) return { state: s, actions: [] };
      const buffer = s.buffer.slice(0, s.cursor - 1) + s.buffer.slice(s.cursor);
      const next = { ...s, buffer, cursor: s.cursor - 1 };
      return { state: next, actions: [{ type: "write", data: redraw(s, next) }] };
    }
    case `${CSI}3~`: {
      if (s.cursor >= s.buffer.length) return { state: s, actions: [] };
      const next = { ...s, buffer: s.buffer.slice(0, s.cursor) + s.buffer.slice(s.cursor + 1) };
      return { state: next, actions: [{ type: "write", data: redraw(s, next) }] };
    }
    case `${CSI}D`:
      return s.cursor > 0
        ? { state: { ...s, cursor: s.cursor - 1 }, actions: [{ type: "write", data: data }] }
        : { state: s, actions: [] };
    case `${CSI}C`:
      return s.cursor < s.buffer.length
        ? { state: { ...s, cursor: s.cursor + 1 }, actions: [{ type: "write", data: data }] }
        : { state: s, actions: [] };
    case `${CSI}H`:
    case "\x01": {
      const next = { ...s, cursor: 0 };
      return { state: next, actions: [{ type: "write", data: redraw(s, next) }] };
    }
    case `${CSI}F`:
    case "\x05": {
      const next = { ...s, cursor: s.buffer.length };
      return { state: next, actions: [{ type: "write", data: redraw(s, next) }] };
    }
    case "\x15": // Ctrl-U: kill to the start of the line
      return replaceLine(s, "");
    case `${CSI}A`: {
      if (s.historyIndex === 0) return { state: s, actions: [] };
      const idx = s.historyIndex - 1;
      const draft = s.historyIndex === s.history.length ? s.buffer : s.draft;
      return replaceLine(s, s.history[idx]!, { historyIndex: idx, draft });
    }
    case `${CSI}B`: {
      if (s.historyIndex >= s.history.length) return { state: s, actions: [] };
      const idx = s.historyIndex + 1;
      return replaceLine(s, idx === s.history.length ? s.draft : s.history[idx]!, {
        historyIndex: idx,
      });
    }
  }
  if (data.startsWith("\x1b")) return { state: s, actions: [] }; // other escape sequences
  // Typed or pasted text: a paste with newlines submits each complete line in turn.
  const lines = data.replace(/\r\n?/g, "\n").split("\n");
  let state = s;
  const actions: EditorAction[] = [];
  lines.forEach((chunk, i) => {
    const text = chunk.replace(/[\x00-\x1f\x7f]/g, "");
    if (text) {
      const buffer = state.buffer.slice(0, state.cursor) + text + state.buffer.slice(state.cursor);
      const next = { ...state, buffer, cursor: state.cursor + text.length };
      actions.push({ type: "write", data: redraw(state, next) });
      state = next;
    }
    if (i < lines.length - 1) {
      const r = handleInput(state, "\r");
      state = r.state;
      actions.push(...r.actions);
    }
  });
  return { state, actions };
}

/** The common prefix of completion candidates (what Tab inserts before listing them). */
export function commonPrefix(words: readonly string[]): string {
  if (!words.length) return "";
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}
