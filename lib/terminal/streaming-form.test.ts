import { describe, expect, it } from "vitest";
import { lineKey, snapshotForm } from "./streaming-form";

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
  it("rollout status streams until the rollout is done", () => {
    expect(snapshotForm("kubectl rollout status deployment/web")).toBe(
      "kubectl rollout status deployment/web",
    );
    expect(snapshotForm("kubectl rollout status deployment/web --watch=false")).toBeUndefined();
  });
  it("leaves other commands alone", () => {
    expect(snapshotForm("kubectl get pods -o wide")).toBeUndefined();
    expect(snapshotForm("kubectl logs web --follow-x")).toBeUndefined();
  });
});

describe("lineKey", () => {
  it("masks ages so a ticking AGE column does not repeat a -w row", () => {
    expect(lineKey("web-1   1/1   Running   0   5s")).toBe(
      lineKey("web-1   1/1   Running   0   2m10s"),
    );
    expect(lineKey("web-1   1/1   Running   0   5s")).not.toBe(
      lineKey("web-1   0/1   Terminating   0   5s"),
    );
    expect(lineKey("worker1   Ready   <none>   3d4h   v1.28.0")).toBe(
      "worker1   Ready   <none>   <age>   v1.28.0",
    );
  });
});
