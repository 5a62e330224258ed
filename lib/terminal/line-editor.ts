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
  /**
   * Where the line sits on screen: terminal width and the prompt's width. With it, edits
   * redraw across wrapped rows (a 250-character etcdctl line); without it, in place on one row.
   */
  layout?: Layout;
}

export interface Layout {
  cols: number;
  /** Column where the line starts (after the prompt). */
  start: number;
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

/** Columns a prompt takes on screen (its colour escapes take none). */
export const visibleWidth = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "").length;

/** Row (from the prompt's row) and column of buffer position i. */
function at(layout: Layout, i: number): { row: number; col: number } {
  const abs = layout.start + i;
  return { row: Math.floor(abs / layout.cols), col: abs % layout.cols };
}

/** Cursor movement between two positions of the line (rows up/down, then the column). */
function move(layout: Layout, from: number, to: number): string {
  const a = at(layout, from);
  const b = at(layout, to);
  let out = "";
  if (b.row < a.row) out += `${CSI}${a.row - b.row}A`;
  if (b.row > a.row) out += `${CSI}${b.row - a.row}B`;
  return a.col === b.col && out === "" ? "" : `${out}${CSI}${b.col + 1}G`;
}

/**
 * Text written up to buffer position `end` leaves the cursor there, except exactly at
 * the right margin, where terminals hold it on the last column until the next character
 * ("pending wrap"): readline's " \r" then puts it on the next row's first column.
 */
function settle(layout: Layout, end: number): string {
  return end > 0 && at(layout, end).col === 0 ? ` \r${CSI}K` : "";
}

/** Redraws from the cursor's old position: the new buffer tail, then back to the cursor. */
function redraw(old: LineState, next: LineState): string {
  const layout = next.layout;
  if (layout && layout.cols > 0) {
    let out = move(layout, old.cursor, 0);
    out += `${next.buffer}${settle(layout, next.buffer.length)}${CSI}J`;
    return out + move(layout, next.buffer.length, next.cursor);
  }
  let out = old.cursor > 0 ? `${CSI}${old.cursor}D` : "";
  out += `${next.buffer}${CSI}K`;
  const back = next.buffer.length - next.cursor;
  if (back > 0) out += `${CSI}${back}D`;
  return out;
}

/** ←/→: one cell on the row, or across the row boundary when the line wraps. */
function step(s: LineState, cursor: number, data: string): string {
  return s.layout && s.layout.cols > 0 ? move(s.layout, s.cursor, cursor) : data;
}

/** A fresh line on the same screen layout (the next prompt has the same width). */
const keepLayout = (s: LineState, next: LineState): LineState =>
  s.layout ? { ...next, layout: s.layout } : next;

/** Enter and Ctrl-C leave from the end of a wrapped line, not from the cursor's row. */
const toEnd = (s: LineState) =>
  s.layout && s.layout.cols > 0 ? move(s.layout, s.cursor, s.buffer.length) : "";

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
        state: keepLayout(s, initialLine(s.buffer.trim() ? [...s.history, s.buffer] : s.history)),
        actions: [
          { type: "write", data: `${toEnd(s)}\r\n` },
          { type: "submit", line: s.buffer },
        ],
      };
    case "\t":
      return { state: s, actions: [{ type: "complete", line: s.buffer.slice(0, s.cursor) }] };
    case "\x03":
      return {
        state: keepLayout(s, initialLine(s.history)),
        actions: [{ type: "write", data: `${toEnd(s)}^C\r\n` }, { type: "interrupt" }],
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
        ? {
            state: { ...s, cursor: s.cursor - 1 },
            actions: [{ type: "write", data: step(s, s.cursor - 1, data) }],
          }
        : { state: s, actions: [] };
    case `${CSI}C`:
      return s.cursor < s.buffer.length
        ? {
            state: { ...s, cursor: s.cursor + 1 },
            actions: [{ type: "write", data: step(s, s.cursor + 1, data) }],
          }
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
