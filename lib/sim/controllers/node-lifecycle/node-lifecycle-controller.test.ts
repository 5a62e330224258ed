import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../apiserver/object";
import { evictionTime } from "./node-lifecycle-controller";

const added = "2026-01-01T00:00:00Z";
const t0 = Date.parse(added);
const taint = { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: added };
const pod = (tolerations: unknown[]): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p" },
  spec: { tolerations },
});

describe("NoExecute taint eviction deadline", () => {
  it("evicts at once without a matching toleration", () => {
    expect(evictionTime(pod([]), [taint])).toBe(0);
  });

  it("waits tolerationSeconds from when the taint was added (300 s from DefaultTolerationSeconds)", () => {
    const p = pod([
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ]);
    expect(evictionTime(p, [taint])).toBe(t0 + 300_000);
  });

  it("never evicts a pod tolerating the taint forever (DaemonSet pods, mirror pods)", () => {
    expect(evictionTime(pod([{ operator: "Exists", effect: "NoExecute" }]), [taint])).toBe(
      Infinity,
    );
  });

  it("ignores NoSchedule taints", () => {
    expect(evictionTime(pod([]), [{ key: "x", effect: "NoSchedule" }])).toBe(Infinity);
  });
});
