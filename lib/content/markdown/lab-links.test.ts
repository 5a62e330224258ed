import { describe, expect, it } from "vitest";
import { editorAction, labForCommand, runnableCommands, terminalActions } from "./lab-links";

const links = {
  commandLab: "cluster-anatomy",
  commandOverrides: [
    { contains: "etcdctl watch", lab: "pod-journey" },
    { contains: "etcdctl", lab: "etcd-raft" },
  ],
  editorLab: "ha-design",
};

describe("runnableCommands", () => {
  it("keeps kubectl/etcdctl commands, skips comments, blanks and other tools", () => {
    const script = [
      "# 노드 상태 확인",
      "kubectl get nodes -o wide",
      "",
      'tail -f /var/log/audit.log | grep "Pod"',
      "journalctl -u kubelet -f",
      "etcdctl watch --prefix /registry/pods/",
    ].join("\n");
    expect(runnableCommands(script)).toEqual([
      "kubectl get nodes -o wide",
      "etcdctl watch --prefix /registry/pods/",
    ]);
  });

  it("joins backslash continuations into one command", () => {
    const script = [
      "kubectl exec -n kube-system etcd-master1 -- etcdctl \\",
      "  --endpoints=https://127.0.0.1:2379 \\",
      "  endpoint health",
    ].join("\n");
    expect(runnableCommands(script)).toEqual([
      "kubectl exec -n kube-system etcd-master1 -- etcdctl --endpoints=https://127.0.0.1:2379 endpoint health",
    ]);
  });
});

describe("lab links", () => {
  it("picks the first matching override, else the default lab", () => {
    expect(labForCommand("etcdctl watch --prefix /registry/pods/", links)).toBe("pod-journey");
    expect(labForCommand("kubectl exec etcd-master1 -- etcdctl endpoint health", links)).toBe(
      "etcd-raft",
    );
    expect(labForCommand("kubectl get pods -n kube-system", links)).toBe("cluster-anatomy");
  });

  it("links each command to the lab terminal with the command encoded", () => {
    expect(terminalActions("kubectl get --raw='/healthz'", links)).toEqual([
      {
        text: "kubectl get --raw='/healthz'",
        href: "/labs/cluster-anatomy?cmd=kubectl%20get%20--raw%3D'%2Fhealthz'",
      },
    ]);
    const href = terminalActions("kubectl get pods -n kube-system", links)[0]!.href;
    expect(new URL(href, "http://x").searchParams.get("cmd")).toBe(
      "kubectl get pods -n kube-system",
    );
  });

  it("opens only kubeadm configurations in the editor, with the file encoded", () => {
    const yaml = "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n";
    const action = editorAction(yaml, links)!;
    expect(action.text).toBe("ClusterConfiguration");
    expect(new URL(action.href, "http://x").pathname).toBe("/labs/ha-design");
    expect(new URL(action.href, "http://x").searchParams.get("file")).toBe(yaml);
    expect(editorAction("apiVersion: v1\nkind: Pod\n", links)).toBeNull();
  });
});
