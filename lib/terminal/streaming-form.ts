// Which command lines stream (-w, -f, `watch`, `etcdctl watch`, `rollout status`,
// `kubectl attach`): pure,
// used by the browser terminal to pick the streaming endpoint. The server's streaming
// sources (streaming/open-source.ts) decide how each one follows the cluster.

/** The snapshot form of a streaming command line, or undefined if it does not stream. */
export function snapshotForm(line: string): string | undefined {
  // -f means "follow" only for the log readers; for kubectl apply/create/delete it
  // names a file, and for those the line must run once, not stream.
  const follows = /^\s*(kubectl\s+(?:\S+\s+)*?logs|tail|journalctl)(\s|$)/.test(line);
  const follow = follows
    ? /(^|\s)(-w|--watch|--watch-only|-f|--follow|-F)(=true)?(?=\s|$|\|)/
    : /(^|\s)(-w|--watch|--watch-only)(=true)?(?=\s|$|\|)/;
  // etcdctl watch, with global flags before it or inside an etcd pod (kubectl exec … -- etcdctl …).
  if (/(^|\s)etcdctl\s(?:\S+\s)*?watch(\s|$)/.test(line)) return line;
  // rollout status watches until the rollout finishes (unless --watch=false).
  if (/^\s*kubectl\s+rollout\s+status\s/.test(line) && !/--watch=false/.test(line)) return line;
  // attach stays attached until Ctrl-C (a pipe after it is not the terminal's: run it once).
  if (/^\s*(kubectl|k)\s+attach(\s|$)/.test(line) && !line.includes("|")) return line;
  if (/^\s*watch\s+/.test(line)) return line.replace(/^\s*watch\s+(-n\s*\d+\s+)?/, "");
  if (!follow.test(line)) return undefined;
  return line.replace(new RegExp(follow.source, "g"), "$1").replace(/\s+/g, " ").trim();
}
