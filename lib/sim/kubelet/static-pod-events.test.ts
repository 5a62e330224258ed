import { describe, expect, it } from "vitest";
import { labTerminal } from "../cli/testing";

describe("kubelet events of static pods", () => {
  it("name the static pod by its config hash, without the mirror pod's resourceVersion", async () => {
    const t = labTerminal("static-events");
    const pod = JSON.parse(
      (await t.run("kubectl get pod -n kube-system etcd-master1 -o json")).stdout,
    );
    const hash = pod.metadata.annotations["kubernetes.io/config.hash"];
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    const events = JSON.parse(
      (
        await t.run(
          "kubectl get events -n kube-system --field-selector involvedObject.name=etcd-master1 -o json",
        )
      ).stdout,
    ).items;
    expect(events.map((e: { reason: string }) => e.reason)).toEqual([
      "Pulled",
      "Created",
      "Started",
    ]);
    for (const e of events) {
      expect(e.involvedObject).toEqual({
        kind: "Pod",
        namespace: "kube-system",
        name: "etcd-master1",
        uid: hash,
        apiVersion: "v1",
        fieldPath: "spec.containers{etcd}",
      });
    }
    // describe searches a mirror pod's events by its config.mirror annotation (the hash).
    expect((await t.run("kubectl describe pod -n kube-system etcd-master1")).stdout).toMatch(
      /\nEvents:\n(.*\n){2}  Normal {2}Pulled .*\n  Normal {2}Created .*\n  Normal {2}Started .*\n$/,
    );
  });
});
