// Go's text/tabwriter as kubeadm configures it (minwidth 10, tabwidth 4, padding 3, ' '):
// every cell but the last of a line is padded to its column's width.

export function tabwrite(rows: readonly string[][], minWidth = 10, padding = 3): string {
  // Plain loops: every `kubectl get` prints through here, and the slices, closures and
  // per-line arrays of a map/join version cost more than the padding itself.
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length - 1; i++) {
      const width = Math.max(minWidth, row[i]!.length + padding);
      if (width > (widths[i] ?? 0)) widths[i] = width;
    }
  }
  let out = "";
  for (const row of rows) {
    const last = row.length - 1;
    for (let i = 0; i < last; i++) out += row[i]!.padEnd(widths[i]!);
    if (last >= 0) out += row[last]!;
    out += "\n";
  }
  return out;
}

/** k8s.io/apimachinery/pkg/util/duration.ShortHumanDuration. */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)}y`;
}
