// Go's text/tabwriter (the column-block algorithm), as kubectl describe uses it:
// tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). A cell is tab-terminated; the text
// after a line's last tab is not a cell. Consecutive lines having a cell in
// column k form a block whose cells are padded to the block's widest + padding,
// so a line without tabs ("Containers:") ends every block above it.

export function goTabwrite(text: string, minWidth = 0, padding = 2): string {
  const lines = text.split("\n");
  // A trailing "\n" leaves an empty last line that is not printed.
  const last = lines.pop();
  const cells = lines.map((l) => l.split("\t"));
  if (last) cells.push(last.split("\t"));
  const widths: number[] = [];
  let out = "";
  const width = (s: string) => [...s].length;

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const line = cells[i]!;
      let s = "";
      line.forEach((c, j) => {
        s += c;
        if (j < widths.length && j < line.length - 1) s += " ".repeat(widths[j]! - width(c));
      });
      out += i < lines.length ? `${s}\n` : s;
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let row = line0; row < line1; row++) {
      if (column >= cells[row]!.length - 1) continue;
      writeLines(line0, row);
      line0 = row;
      let w = minWidth;
      for (; row < line1; row++) {
        const line = cells[row]!;
        if (column >= line.length - 1) break;
        w = Math.max(w, width(line[column]!) + padding);
      }
      widths.push(w);
      format(line0, row);
      widths.pop();
      line0 = row;
      row--;
    }
    writeLines(line0, line1);
  };
  format(0, cells.length);
  return out;
}
