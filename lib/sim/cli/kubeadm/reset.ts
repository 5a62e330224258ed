// `kubeadm reset -f` on the lab's control-plane host: the etcd data directory is wiped and
// the kubelet, static pods and kubeconfigs are gone, so `kubeadm init` can run again. With
// stacked etcd on its only control plane that is the whole cluster's state; the other
// machines' kubelets lose their API server, so they are stopped too.
// Simplification (said plainly): the simulated API server keeps answering (from an empty
// etcd) where a real one would refuse connections.

import { emptyStore } from "../../store/store";
import type { SandboxState } from "../../state";
import type { CommandContext, CommandResult } from "../types";
import { hostFiles, hostTopology } from "../shell/host";

const TRAILER = `
The reset process does not clean CNI configuration. To do so, you must remove /etc/cni/net.d

The reset process does not reset or clean up iptables rules or IPVS tables.
If you wish to reset iptables, you must do so manually by using the "iptables" command.

If your cluster was setup to utilize IPVS, run ipvsadm --clear (or similar)
to reset your system's IPVS tables.

The reset process does not clean your kubeconfig files and you must remove them manually.
Please, check the contents of the $HOME/.kube/config file.
`;

export async function kubeadmReset(ctx: CommandContext, force: boolean): Promise<CommandResult> {
  if (!force)
    return {
      stdout: "",
      stderr:
        "# 참고: 실제 kubeadm reset은 [y/N] 확인을 기다립니다. 이 터미널은 입력을 기다리지 않으니 `kubeadm reset -f`로 실행하세요.\n",
      exitCode: 1,
    };
  const lines = await ctx.env.etcdStep((s) => {
    const t = hostTopology(s);
    const host = hostFiles(s).host;
    const store = emptyStore();
    const machine = s.world?.machines[host];
    const next: SandboxState = {
      ...s,
      store,
      world: {
        machines: machine ? { [host]: { ...machine, running: false } } : {},
        staticPods: {},
        ...(s.world?.hostFiles ? { hostFiles: s.world.hostFiles } : {}),
      },
    };
    const out: string[] = [];
    if (t) {
      out.push(
        "[reset] Reading configuration from the cluster...",
        "[reset] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'",
      );
    }
    out.push("[preflight] Running pre-flight checks");
    if (t?.config.cluster.etcd.local)
      out.push(
        `[reset] Deleted contents of the etcd data directory: ${t.config.cluster.etcd.local.dataDir}`,
      );
    out.push(
      "[reset] Stopping the kubelet service",
      '[reset] Unmounting mounted directories in "/var/lib/kubelet"',
      `[reset] Deleting contents of directories: [/etc/kubernetes/manifests /var/lib/kubelet ${t?.config.cluster.certificatesDir ?? "/etc/kubernetes/pki"}]`,
      "[reset] Deleting files: [/etc/kubernetes/admin.conf /etc/kubernetes/kubelet.conf /etc/kubernetes/bootstrap-kubelet.conf /etc/kubernetes/controller-manager.conf /etc/kubernetes/scheduler.conf]",
    );
    return {
      state: next,
      changes: { state: store, appended: [], removed: [], leasesChanged: true, replaceAll: true },
      result: out,
    };
  });
  return { stdout: `${lines.join("\n")}\n${TRAILER}`, stderr: "", exitCode: 0 };
}
