import { describe, expect, it } from "vitest";
import { snapshotForm } from "./streaming-form";

describe("snapshotForm", () => {
  it("drops the follow/watch flags of streaming commands", () => {
    expect(snapshotForm("kubectl get pods -w")).toBe("kubectl get pods");
    expect(snapshotForm("journalctl -u kubelet -f")).toBe("journalctl -u kubelet");
    expect(snapshotForm('tail -f /var/log/audit.log | grep "Pod"')).toBe(
      'tail /var/log/audit.log | grep "Pod"',
    );
    expect(snapshotForm("watch -n 2 kubectl get nodes")).toBe("kubectl get nodes");
    expect(snapshotForm("etcdctl watch --prefix /registry/pods/")).toBe(
      "etcdctl watch --prefix /registry/pods/",
    );
  });
  it("etcdctl watch streams with global flags first and inside the etcd pod", () => {
    const inPod =
      "kubectl exec -n kube-system etcd-master1 -- etcdctl --endpoints=https://127.0.0.1:2379 watch --prefix /registry/pods/";
    expect(snapshotForm(inPod)).toBe(inPod);
    expect(snapshotForm("etcdctl --endpoints=https://127.0.0.1:2379 watch /a")).toBeDefined();
    expect(snapshotForm("etcdctl get /watch")).toBeUndefined();
    expect(snapshotForm("kubectl get pods --watch=true")).toBe("kubectl get pods");
  });
  it("rollout status streams until the rollout is done", () => {
    expect(snapshotForm("kubectl rollout status deployment/web")).toBe(
      "kubectl rollout status deployment/web",
    );
    expect(snapshotForm("kubectl rollout status deployment/web --watch=false")).toBeUndefined();
  });
  it("treats -f as a file, not follow, outside the log readers", () => {
    expect(snapshotForm("kubectl apply -f pod.yaml")).toBeUndefined();
    expect(snapshotForm("kubectl create -f web.yaml")).toBeUndefined();
    expect(snapshotForm("kubectl delete -f web.yaml --wait=false")).toBeUndefined();
    expect(snapshotForm("kubectl replace -f web.yaml")).toBeUndefined();
    expect(snapshotForm("kubectl logs -n kube-system etcd-master1 -f")).toBe(
      "kubectl logs -n kube-system etcd-master1",
    );
    expect(snapshotForm("kubectl -n default logs web --follow")).toBe(
      "kubectl -n default logs web",
    );
    expect(snapshotForm("kubectl get -f web.yaml -w")).toBe("kubectl get -f web.yaml");
  });

  it("leaves other commands alone", () => {
    expect(snapshotForm("kubectl get pods -o wide")).toBeUndefined();
    expect(snapshotForm("kubectl logs web --follow-x")).toBeUndefined();
  });
});
