// Which source streams a command line: the watch API for `kubectl get -w`, the store's
// revisions for `etcdctl watch`, the audit rows for `tail -f /var/log/audit.log`, appended
// text for `logs -f` / `journalctl -f`, new lines for `rollout status` and `watch`;
// `kubectl attach` stays attached (silent) until Ctrl-C.

import { auditFollow } from "./audit-follow";
import { etcdWatch } from "./etcd-watch";
import { kubectlAttach } from "./kubectl-attach";
import { kubectlWatch } from "./kubectl-watch";
import { joinWords } from "./pipeline";
import { newLines, textFollow } from "./text-follow";
import type { SourceContext, StreamSource } from "./source";

const FOLLOW = /^(-f|--follow|-F|--follow=true)$/;
const WATCH = /^(-w|--watch|--watch-only)(=true)?$/;

const without = (argv: readonly string[], re: RegExp) => argv.filter((a) => !re.test(a));

/** `--tail N` / `--tail=N` removed: later passes read the whole log. */
function withoutTail(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--tail") i++;
    else if (!argv[i]!.startsWith("--tail=")) out.push(argv[i]!);
  }
  return out;
}

export async function openSource(
  head: readonly string[],
  ctx: SourceContext,
): Promise<StreamSource> {
  const [prog, verb] = head;
  if ((prog === "kubectl" || prog === "k") && verb === "get" && head.some((a) => WATCH.test(a)))
    return kubectlWatch(head, ctx);
  if ((prog === "kubectl" || prog === "k") && verb === "attach") return kubectlAttach(head, ctx);
  if ((prog === "kubectl" || prog === "k") && verb === "logs") {
    const snap = without(head, FOLLOW);
    return textFollow(joinWords(snap), joinWords(withoutTail(snap)), ctx);
  }
  if ((prog === "kubectl" || prog === "k") && verb === "rollout")
    return newLines(
      joinWords(without(head, /^--watch(=true)?$/)),
      ctx,
      / successfully rolled out\n/,
    );
  if (prog === "etcdctl" && head.includes("watch")) return etcdWatch(head, ctx);
  // `kubectl exec -n kube-system etcd-master1 -- etcdctl watch …`: the etcdctl in the pod.
  const dd = head.indexOf("--");
  if (
    (prog === "kubectl" || prog === "k") &&
    verb === "exec" &&
    head[dd + 1] === "etcdctl" &&
    head.includes("watch")
  )
    return etcdWatch(head.slice(dd + 1), ctx);
  if (prog === "tail" && head.some((a) => a.endsWith("audit.log"))) {
    const n = head.indexOf("-n");
    const lines = n >= 0 ? Number(head[n + 1]) : 10;
    return auditFollow(Number.isInteger(lines) && lines >= 0 ? lines : 10, ctx);
  }
  if (prog === "journalctl")
    return textFollow(joinWords(without(head, FOLLOW)), joinWords(without(head, FOLLOW)), ctx);
  if (prog === "watch") {
    // watch(1) re-runs a command every -n seconds; its screen redraws become new lines here.
    const rest = head.slice(1);
    const cmd = rest[0] === "-n" ? rest.slice(2) : rest;
    return newLines(joinWords(cmd), ctx);
  }
  return newLines(joinWords(without(without(head, FOLLOW), WATCH)), ctx);
}
