import { describe, expect, it } from "vitest";
import { applyPatch } from "./patch";
import { mergeKeyFor } from "./patch-merge-keys";

const SMP = "application/strategic-merge-patch+json";

describe("strategic merge patch keys per Go type", () => {
  it("Service spec.ports merge by port (ServicePort's patchMergeKey)", () => {
    const svc = {
      kind: "Service",
      spec: {
        ports: [
          { name: "http", port: 80, targetPort: 8080 },
          { name: "https", port: 443, targetPort: 8443 },
        ],
      },
    };
    const out = applyPatch(svc, { spec: { ports: [{ port: 443, targetPort: 9443 }] } }, SMP);
    expect(out).toEqual({
      kind: "Service",
      spec: {
        ports: [
          { name: "http", port: 80, targetPort: 8080 },
          { name: "https", port: 443, targetPort: 9443 },
        ],
      },
    });
  });

  it("container ports merge by containerPort, inside a Deployment's template too", () => {
    const dep = {
      kind: "Deployment",
      spec: {
        template: {
          spec: { containers: [{ name: "web", ports: [{ containerPort: 80, name: "http" }] }] },
        },
      },
    };
    const patch = {
      spec: {
        template: { spec: { containers: [{ name: "web", ports: [{ containerPort: 9090 }] }] } },
      },
    };
    const out = applyPatch(dep, patch, SMP) as typeof dep;
    expect(out.spec.template.spec.containers[0]!.ports).toEqual([
      { containerPort: 80, name: "http" },
      { containerPort: 9090 },
    ]);
  });

  it("tolerations, node taints and Endpoints subsets have no merge key: replaced whole", () => {
    const pod = {
      kind: "Pod",
      spec: { tolerations: [{ key: "a", operator: "Exists" }] },
    };
    const out = applyPatch(pod, { spec: { tolerations: [{ key: "b", operator: "Exists" }] } }, SMP);
    expect(out).toEqual({ kind: "Pod", spec: { tolerations: [{ key: "b", operator: "Exists" }] } });
    expect(mergeKeyFor(["spec", "taints"], "Node")).toBeUndefined();
    expect(mergeKeyFor(["subsets", "ports"], "Endpoints")).toBeUndefined();
    expect(mergeKeyFor(["spec", "ingress", "ports"], "NetworkPolicy")).toBeUndefined();
  });

  it("keys of the struct tags for other lists", () => {
    expect(mergeKeyFor(["spec", "containers"], "Pod")).toBe("name");
    expect(mergeKeyFor(["spec", "template", "spec", "volumes"], "DaemonSet")).toBe("name");
    expect(mergeKeyFor(["spec", "containers", "volumeMounts"], "Pod")).toBe("mountPath");
    expect(mergeKeyFor(["spec", "topologySpreadConstraints"], "Pod")).toBe("topologyKey");
    expect(mergeKeyFor(["status", "conditions"], "Node")).toBe("type");
    expect(mergeKeyFor(["status", "addresses"], "Node")).toBe("type");
    expect(mergeKeyFor(["metadata", "ownerReferences"], "Pod")).toBe("uid");
    expect(mergeKeyFor(["spec", "ports"], "Pod")).toBeUndefined();
  });
});
