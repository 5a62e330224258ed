// `help` (Korean): every command the terminal runs, listed from the tools' own command
// tables where they exist, so a command added to a tool shows up here too.

import { CREATE_SUBCOMMANDS } from "../kubectl/create-flag-tables";
import { KUBECTL_COMMANDS } from "../kubectl/kubectl";

/** kubectl subcommands with their own subcommands, as the learner types them. */
const KUBECTL_DETAIL: Record<string, string> = {
  auth: "auth can-i/whoami",
  config: "config view/use-context/set-context/get-contexts/current-context",
  rollout: "rollout status/history/undo/restart",
  top: "top nodes/pods",
};

/** etcdctl commands this simulator runs (lib/sim/cli/etcdctl). */
export const ETCDCTL_HELP = [
  "get/put/del",
  "txn (-i)",
  "watch",
  "lease grant/revoke/keep-alive/list/timetolive",
  "member list",
  "endpoint health/status",
  "snapshot save/restore/status",
  "compaction",
  "defrag",
  "alarm list",
  "version",
];

/** kubeadm commands this simulator runs (lib/sim/cli/kubeadm). */
export const KUBEADM_HELP = [
  "init --config",
  "reset",
  "join",
  "config validate",
  "config print init-defaults/join-defaults",
  "config images list",
  "token list/create/delete",
  "certs check-expiration",
  "version",
];

/** Joins items with ", " into lines no wider than `width`, each indented by `indent`. */
function wrap(items: readonly string[], indent: number, width = 96): string {
  const lines: string[] = [];
  let cur = "";
  for (const [i, item] of items.entries()) {
    const piece = i < items.length - 1 ? `${item}, ` : item;
    if (cur && indent + cur.length + piece.trimEnd().length > width) {
      lines.push(cur.trimEnd());
      cur = "";
    }
    cur += piece;
  }
  if (cur) lines.push(cur.trimEnd());
  return lines.join(`\n${" ".repeat(indent)}`);
}

const COL = 21;
const entry = (name: string, what: string) =>
  name.length > COL - 4 ? `  ${name}   ${what}` : `  ${name.padEnd(COL - 2)}${what}`;

/** The help text; `shell` are the shell's other commands (cat, ls, grep…). */
export function helpText(shell: readonly string[]): string {
  const kubectl = Object.keys(KUBECTL_COMMANDS).map((c) => KUBECTL_DETAIL[c] ?? c);
  const others = shell.filter((c) => !["kubectl", "k", "etcdctl", "kubeadm"].includes(c));
  return `Kubelab 실습 터미널 — 내 샌드박스 클러스터(쿠버네티스 1.28 시뮬레이션)에 명령을 보냅니다.

${entry("kubectl (k) ...", "API 서버에 요청:")}
${" ".repeat(COL)}${wrap(kubectl, COL)}
${entry("kubectl create ...", "-f 파일, 또는 생성기:")}
${" ".repeat(COL)}${wrap(CREATE_SUBCOMMANDS, COL)}
${entry("etcdctl ...", "etcd에 직접 요청 (etcd 3.5):")}
${" ".repeat(COL)}${wrap(ETCDCTL_HELP, COL)}
${entry("kubeadm ...", "클러스터 구성 (kubeadm 1.28):")}
${" ".repeat(COL)}${wrap(KUBEADM_HELP, COL)}
${entry("cat, ls", "편집기의 내 파일(홈 디렉터리, 예: kubectl apply -f web.yaml)과")}
${" ".repeat(COL)}/etc/kubernetes/manifests, /etc/kubernetes/pki, /var/log 의 가상 파일
${entry("journalctl -u kubelet", "kubelet 로그 (-f 로 계속 보기)")}
${entry("tail /var/log/audit.log", "API 감사 로그 (tail -f 로 계속 보기)")}
${entry("tcpdump -i any port 6443 -n", "API 서버(6443) 트래픽 요약")}
${entry("grep, head, tail, wc, sort", "파이프(|)로 출력 거르기")}
${entry("watch kubectl get pods", "명령을 되풀이해 실행 (Ctrl-C 로 끝내기)")}
  그 밖의 명령:
${" ".repeat(COL)}${wrap(others, COL)}

단축키: ↑/↓ 이전 명령, Tab 자동 완성, Ctrl-C 취소, Ctrl-L 화면 지우기.
etcdctl txn 은 비교/성공/실패 요청을 한 줄씩 입력받고, 각 부분을 빈 줄로 끝냅니다.
명령은 실제 셸로 실행되지 않고, 시뮬레이터가 해석합니다.
`;
}
