// Hostile command lines in the web terminal: shell metacharacters, control
// characters, oversized lines, traversal, attempts to reach the real machine.
// Commands are parsed by lib/sim/cli and never reach a shell, so every case ends
// in a tool's error or a harmless result: no crash, no real file or environment
// contents, and the learner's cluster unchanged unless a case means to change it.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runTerminalCommand, userSandbox } from "@/lib/terminal";

let sandboxId = "";

beforeAll(async () => {
  const user = await db().user.create({
    data: { email: `hostile-term-${Date.now()}@example.test`, name: "hostile" },
  });
  sandboxId = await userSandbox(user.id);
}, 60_000);

const LINES: string[] = [
  "kubectl get pods; rm -rf /",
  "kubectl get pods && cat /etc/passwd",
  "kubectl get pods || reboot",
  "$(cat /etc/shadow)",
  "`id`",
  "kubectl get pods `whoami`",
  "kubectl get pods $(whoami)",
  "echo $DATABASE_URL",
  "echo ${NEXTAUTH_SECRET}",
  "env",
  "printenv",
  "export A=1",
  "kubectl get pods > /etc/passwd",
  "kubectl get pods >> ~/.bashrc",
  "cat < /etc/passwd",
  "kubectl get pods &",
  "sleep 1000",
  "bash -c 'cat /etc/passwd'",
  "sh",
  "python3 -c 'import os'",
  "node -e 'process.exit(1)'",
  "curl http://169.254.169.254/latest/meta-data",
  "wget http://example.com",
  "nc -l 4444",
  "sudo su",
  "cat /etc/passwd",
  "cat /proc/self/environ",
  "cat ../../../../etc/passwd",
  "cat /root/../../etc/shadow",
  "ls /proc",
  "ls ../../..",
  "ls /",
  "cat /var/log/../../etc/passwd",
  "kubectl apply -f /etc/passwd",
  "kubectl apply -f ../../../etc/passwd",
  "kubectl --kubeconfig=/etc/passwd get pods",
  "kubectl get pods --server=http://127.0.0.1:5432",
  "kubectl get --raw=/../../../../etc/passwd",
  "kubectl get --raw=http://169.254.169.254/",
  "etcdctl snapshot save /etc/passwd",
  "etcdctl --endpoints=http://127.0.0.1:5432 get /",
  "kubeadm init --config /etc/kubernetes/../../etc/shadow",
  "kubectl exec -n kube-system etcd-master1 -- sh -c 'cat /etc/shadow'",
  "kubectl exec -n kube-system etcd-master1 -- /bin/bash",
  "kubectl get pods -o jsonpath='{.items[*].metadata.name}{\"\\n\"}'",
  "kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}{{end}}'",
  "kubectl get pods -o custom-columns=X:{.constructor.prototype}",
  "kubectl get pods -o jsonpath='{.__proto__}'",
  "kubectl label pod nope __proto__=x",
  "kubectl annotate ns default x='<script>alert(1)</script>' --overwrite",
  "kubectl create configmap '<img src=x onerror=alert(1)>'",
  "kubectl create namespace ../../etc",
  'kubectl get pods "unbalanced',
  "kubectl get pods 'unbalanced",
  "kubectl get pods \\",
  "kubectl get pods \u0000 nul",
  "kubectl get pods \u001b[31mred\u001b[0m",
  "kubectl get pods \u0007\u0008\u007f",
  "kubectl \u202eevil",
  "kubectl get " + "pods ".repeat(5000),
  "k".repeat(100 * 1024),
  "kubectl get pods -l " + "a=b,".repeat(20_000),
  "kubectl get pods --field-selector=" + "x".repeat(10_000),
  "kubectl get nosuchthing",
  "kubectl frobnicate",
  "kubectl get pods --no-such-flag",
  "kubectl get pods -n ''",
  "kubectl get pods -n ' '",
  "kubectl delete pods --all -n kube-system --grace-period=-5",
  "kubectl scale deployment coredns -n kube-system --replicas=-1",
  "kubectl scale deployment coredns -n kube-system --replicas=999999999999",
  "kubectl get pods | grep -P '(a+)+$'",
  "kubectl get pods | grep '" + "(".repeat(1000) + "'",
  "kubectl get pods | head -n -99999999999",
  "kubectl get pods | tail -c 999999999999",
  "kubectl get pods | sort | sort | sort | sort | sort | sort | sort | sort",
  "history -c",
  "clear; reset",
  "",
  "   ",
  "|",
  "| grep x",
  "kubectl get pods |",
  ";",
  "&&",
];

const LEAKS = [
  /root:x:0:0/,
  /postgres(ql)?:\/\//,
  /NEXTAUTH_SECRET=/,
  /kubelab-integration-secret/,
  /node_modules/,
  /\/work\/main/,
  /at .* \(.*\.ts:\d+:\d+\)/, // a stack trace
];

describe("hostile command lines in the terminal", () => {
  it(`has a corpus of ${LINES.length} lines`, () => {
    expect(LINES.length).toBeGreaterThanOrEqual(80);
  });

  it.each(LINES.map((l) => [JSON.stringify(l).slice(0, 70), l] as const))(
    "%s",
    async (_label, line) => {
      const r = await runTerminalCommand(sandboxId, line);
      expect(typeof r.stdout).toBe("string");
      expect(typeof r.stderr).toBe("string");
      expect(Number.isInteger(r.exitCode)).toBe(true);
      const out = r.stdout + r.stderr;
      for (const leak of LEAKS) expect(out).not.toMatch(leak);
      expect(out).not.toContain("시뮬레이터 내부 오류");
      // Bounded output: no line multiplies into megabytes.
      expect(out.length).toBeLessThan(2 * 1024 * 1024);
    },
  );

  it("still works afterwards, with kube-system intact", async () => {
    const r = await runTerminalCommand(sandboxId, "kubectl get pods -n kube-system -o name");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("pod/etcd-master1");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
