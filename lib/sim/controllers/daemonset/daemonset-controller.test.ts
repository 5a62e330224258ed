import { describe, expect, it } from "vitest";
import { LabCluster } from "../../cluster/lab-cluster";
import { T0 } from "../../scenarios/fixtures";
import { shouldRun } from "./daemonset-controller";

const ds = (tolerations: unknown[] = []) => ({
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name: "agent" },
  spec: {
    selector: { matchLabels: { app: "agent" } },
    template: {
      metadata: { labels: { app: "agent" } },
      spec: {
        tolerations,
        containers: [{ name: "agent", image: "busybox", command: ["sleep", "infinity"] }],
      },
    },
  },
});

describe("DaemonSet controller", () => {
  it("skips nodes whose NoSchedule taints the pods do not tolerate", () => {
    const node = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "m" },
      spec: { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] },
    };
    expect(shouldRun(node, ds().spec.template)).toBe(false);
    expect(shouldRun(node, ds([{ operator: "Exists" }]).spec.template)).toBe(true);
  });

  it("runs one pod per eligible node, pinned by node affinity, with the daemon tolerations", () => {
    const lab = new LabCluster({ seed: "ds", now: T0 });
    lab.request("POST", "/apis/apps/v1/namespaces/default/daemonsets", ds());
    lab.advance(5_000);
    const pods = lab.list("", "pods", "default");
    expect(pods.map((p) => (p.spec as { nodeName: string }).nodeName).sort()).toEqual([
      "worker1",
      "worker2",
    ]);
    const spec = pods[0]!.spec as {
      affinity: unknown;
      tolerations: { key?: string; effect?: string }[];
    };
    expect(JSON.stringify(spec.affinity)).toContain(
      '"matchFields":[{"key":"metadata.name","operator":"In"',
    );
    expect(spec.tolerations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "node.kubernetes.io/unreachable", effect: "NoExecute" }),
      ]),
    );
    const status = lab.get("apps", "daemonsets", "default", "agent")!.status as Record<
      string,
      number
    >;
    expect(status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      numberAvailable: 2,
      updatedNumberScheduled: 2,
    });
  });
});
