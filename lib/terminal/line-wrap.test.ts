import { describe, expect, it } from "vitest";
import { handleInput, initialLine, visibleWidth, type LineState } from "./line-editor";

/**
 * Just enough of a VT100 to check redraws: auto-wrap with the pending-wrap state at
 * the right margin, CR, LF, CSI n A/B/C/D/G, K (to end of row) and J (to end of screen).
 */
class Screen {
  rows: string[][] = [[]];
  row = 0;
  col = 0;
  pending = false;
  constructor(readonly cols: number) {}
  private cell(r: number) {
    while (this.rows.length <= r) this.rows.push([]);
    return this.rows[r]!;
  }
  write(data: string) {
    for (let i = 0; i < data.length; i++) {
      const ch = data[i]!;
      if (ch === "\x1b") {
        const m = /^\x1b\[(\d*)([A-Za-z])/.exec(data.slice(i))!;
        const n = Number(m[1] || "1");
        const cmd = m[2];
        i += m[0].length - 1;
        this.pending = false;
        if (cmd === "A") this.row = Math.max(0, this.row - n);
        else if (cmd === "B") this.row += n;
        else if (cmd === "C") this.col = Math.min(this.cols - 1, this.col + n);
        else if (cmd === "D") this.col = Math.max(0, this.col - n);
        else if (cmd === "G") this.col = n - 1;
        else if (cmd === "K") this.cell(this.row).length = this.col;
        else if (cmd === "J") {
          this.cell(this.row).length = this.col;
          this.rows.length = this.row + 1;
        }
      } else if (ch === "\r") {
        this.col = 0;
        this.pending = false;
      } else if (ch === "\n") {
        this.row++;
        this.pending = false;
      } else {
        if (this.pending) {
          this.row++;
          this.col = 0;
          this.pending = false;
        }
        this.cell(this.row)[this.col] = ch;
        if (this.col === this.cols - 1) this.pending = true;
        else this.col++;
      }
    }
  }
  text() {
    return this.rows.map((r) => Array.from(r, (c) => c ?? " ").join("")).join("\n");
  }
}

function session(cols: number, prompt: string) {
  const screen = new Screen(cols);
  screen.write(prompt);
  let s: LineState = { ...initialLine(), layout: { cols, start: prompt.length } };
  const type = (...keys: string[]) => {
    for (const k of keys) {
      const r = handleInput(s, k);
      s = r.state;
      for (const a of r.actions) if (a.type === "write") screen.write(a.data);
    }
  };
  return { screen, type, state: () => s };
}

const keys = (text: string) => [...text];

describe("line editing across wrapped rows", () => {
  it("typing a line longer than the terminal shows it once, wrapped", () => {
    const t = session(10, "# ");
    t.type(...keys("etcdctl endpoint health"));
    expect(t.screen.text()).toBe("# etcdctl \nendpoint h\nealth");
    expect([t.screen.row, t.screen.col]).toEqual([2, 5]);
  });

  it("exactly at the margin the cursor moves to the next row, as readline does", () => {
    const t = session(10, "# ");
    t.type(...keys("12345678"));
    expect(t.screen.text().split("\n")[0]).toBe("# 12345678");
    expect([t.screen.row, t.screen.col, t.screen.pending]).toEqual([1, 0, false]);
    t.type("9");
    expect(t.screen.text()).toBe("# 12345678\n9");
  });

  it("← across the row boundary, insert in the middle, backspace, history recall", () => {
    const t = session(10, "# ");
    t.type(...keys("abcdefghijk"));
    for (let i = 0; i < 4; i++) t.type("\x1b[D");
    expect([t.screen.row, t.screen.col]).toEqual([0, 9]);
    t.type("X");
    expect(t.screen.text()).toBe("# abcdefgX\nhijk");
    t.type("\x7f", "\x7f");
    expect(t.screen.text()).toBe("# abcdefhi\njk");
    t.type("\r");
    expect(t.state().layout).toEqual({ cols: 10, start: 2 });
    t.screen.write("# ");
    t.type("\x1b[A");
    expect(t.screen.text().split("\n").slice(-2).join("\n")).toBe("# abcdefhi\njk");
  });

  it("Enter in the middle of a wrapped line leaves from its end", () => {
    const t = session(10, "# ");
    t.type(...keys("abcdefghijk"), "\x1b[H", "\r");
    t.screen.write("out");
    expect(t.screen.text()).toBe("# abcdefgh\nijk\nout");
  });

  it("a coloured prompt's width is its visible text", () => {
    expect(visibleWidth("\x1b[32mroot@master1\x1b[0m:\x1b[34m~\x1b[0m# ")).toBe(16);
  });
});
