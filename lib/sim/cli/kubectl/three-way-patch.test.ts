import { describe, expect, it } from "vitest";
import { strategicSafe, threeWayPatch } from "./three-way-patch";

const deploy = (containers: object[], extra: object = {}) => ({
  spec: { replicas: 2, template: { spec: { containers } }, ...extra },
});

describe("apply's three-way patch", () => {
  it("sets changed fields and leaves fields other writers own alone", () => {
    const original = { metadata: { labels: { a: "1" } }, data: { x: "1" } };
    const modified = { metadata: { labels: { a: "2" } }, data: { x: "1" } };
    const current = {
      metadata: { labels: { a: "1", added: "by-someone" }, uid: "u" },
      data: { x: "1" },
    };
    expect(threeWayPatch(original, modified, current)).toEqual({
      metadata: { labels: { a: "2" } },
    });
  });

  it("deletes what the previous configuration had and the new one dropped", () => {
    expect(
      threeWayPatch(
        { data: { x: "1", y: "2" } },
        { data: { x: "1" } },
        { data: { x: "1", y: "2" } },
      ),
    ).toEqual({ data: { y: null } });
  });

  it("is empty when nothing changed", () => {
    const o = { data: { x: "1" } };
    expect(threeWayPatch(o, o, { ...o, metadata: { uid: "u" } })).toEqual({});
  });

  it("merges containers by name with $setElementOrder and $patch: delete", () => {
    const original = deploy([
      { name: "a", image: "nginx:1" },
      { name: "b", image: "busybox" },
    ]);
    const modified = deploy([{ name: "a", image: "nginx:2" }]);
    const current = deploy([
      { name: "a", image: "nginx:1", imagePullPolicy: "IfNotPresent" },
      { name: "b", image: "busybox", imagePullPolicy: "Always" },
    ]);
    expect(threeWayPatch(original, modified, current)).toEqual({
      spec: {
        template: {
          spec: {
            containers: [
              { name: "a", image: "nginx:2" },
              { $patch: "delete", name: "b" },
            ],
            "$setElementOrder/containers": [{ name: "a" }],
          },
        },
      },
    });
  });

  it("replaces unkeyed lists whole, and says when keyed merging cannot apply", () => {
    expect(threeWayPatch({}, { spec: { args: ["a", "b"] } }, { spec: { args: ["a"] } })).toEqual({
      spec: { args: ["a", "b"] },
    });
    const svc = (ports: Record<string, string | number>[]) => ({
      kind: "Service",
      spec: { ports },
    });
    expect(strategicSafe(svc([{ port: 80 }]))).toBe(true);
    expect(strategicSafe(svc([{ name: "http" }]))).toBe(false);
    const pod = (ports: Record<string, string | number>[]) => ({
      kind: "Pod",
      spec: { containers: [{ name: "c", ports }] },
    });
    expect(strategicSafe(pod([{ containerPort: 80 }]))).toBe(true);
    expect(strategicSafe(pod([{ port: 80 }]))).toBe(false);
  });

  it("keys Service spec.ports by port, as the API server merges them", () => {
    const svc = (ports: object[]) => ({ kind: "Service", spec: { ports } });
    const a = { name: "a", port: 80, targetPort: 8080 };
    const b = { name: "b", port: 443, targetPort: 8443 };
    const live = svc([
      { ...a, protocol: "TCP" },
      { ...b, protocol: "TCP" },
    ]);
    expect(threeWayPatch(svc([a, b]), svc([a, { ...b, targetPort: 9443 }]), live)).toEqual({
      spec: {
        ports: [{ port: 443, targetPort: 9443 }],
        "$setElementOrder/ports": [{ port: 80 }, { port: 443 }],
      },
    });
  });

  it("sends tolerations and taints whole: they have no merge key on the server", () => {
    const t1 = { key: "k", operator: "Equal", value: "1", effect: "NoSchedule" };
    const t2 = { key: "x", operator: "Exists" };
    const dep = (tolerations: object[]) => ({
      kind: "Deployment",
      spec: { template: { spec: { tolerations } } },
    });
    const changed = [{ ...t1, value: "2" }, t2];
    expect(threeWayPatch(dep([t1, t2]), dep(changed), dep([t1, t2]))).toEqual({
      spec: { template: { spec: { tolerations: changed } } },
    });
    const node = (taints: object[]) => ({ kind: "Node", spec: { taints } });
    const taint = { key: "a", effect: "NoSchedule" };
    expect(threeWayPatch(node([taint]), node([]), node([taint]))).toEqual({
      spec: { taints: [] },
    });
  });
});
