// Which command lines stream (-w, -f, `watch`): pure, used by the browser terminal
// to pick the streaming endpoint and by the server to run the snapshot form.

/** The snapshot form of a streaming command line, or undefined if it does not stream. */
export function snapshotForm(line: string): string | undefined {
  const follow = /(^|\s)(-w|--watch|--watch-only|-f|--follow)(?=\s|$|\|)/;
  if (/^\s*etcdctl\s+watch\s/.test(line)) return line;
  // rollout status watches until the rollout finishes (unless --watch=false).
  if (/^\s*kubectl\s+rollout\s+status\s/.test(line) && !/--watch=false/.test(line)) return line;
  if (/^\s*watch\s+/.test(line)) return line.replace(/^\s*watch\s+(-n\s*\d+\s+)?/, "");
  if (!follow.test(line)) return undefined;
  return line.replace(new RegExp(follow.source, "g"), "$1").replace(/\s+/g, " ").trim();
}

/**
 * The identity of an output line for streaming: a -w table row is "new" when the
 * object changed, not when only its AGE ticked (5s → 6s), so ages are masked.
 */
export function lineKey(line: string): string {
  return line.replace(/(^|\s)\d+[smhdy](?:\d+[smhd])?(?=\s|$)/g, "$1<age>");
}
