// github.com/olekukonko/tablewriter as etcdctl 3.5 configures it for -w table:
// "+---+" borders, centred upper-case headers, cells aligned right.

function centre(s: string, width: number): string {
  const gap = width - s.length;
  const left = Math.floor(gap / 2);
  return " ".repeat(left) + s + " ".repeat(gap - left);
}

export function asciiTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+\n`;
  const head = `|${header.map((h, i) => ` ${centre(h, widths[i]!)} `).join("|")}|\n`;
  const body = rows
    .map((r) => `|${r.map((c, i) => ` ${c.padStart(widths[i]!)} `).join("|")}|\n`)
    .join("");
  return line + head + line + body + line;
}

/** github.com/dustin/go-humanize Bytes: SI units, one decimal below 10. */
export function humanizeBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const val = Math.floor((n / Math.pow(1000, e)) * 10 + 0.5) / 10;
  // Go's %.0f rounds half to even (20.5 → "20"); toFixed would round it up.
  const whole = Math.floor(val);
  const even = val - whole === 0.5 ? (whole % 2 === 0 ? whole : whole + 1) : Math.round(val);
  return `${val < 10 ? val.toFixed(1) : String(even)} ${units[e]}`;
}
