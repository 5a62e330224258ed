import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { validateNode, validateNodeUpdate } from "./node";
import { validatePod } from "./pod";
import { pod, text } from "./test-helpers";

const node = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name: "worker-1" },
  spec,
});

describe("node taints", () => {
  it("accepts kubectl-style taints", () => {
    expect(
      validateNode(node({ taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] })),
    ).toEqual([]);
  });

  it("rejects bad effects and duplicate key/effect pairs", () => {
    expect(text(validateNode(node({ taints: [{ key: "a", effect: "Sometimes" }] })))).toBe(
      'spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
    expect(text(validateNode(node({ taints: [{ key: "a" }] })))).toBe(
      "spec.taints[0].effect: Required value",
    );
    const dup = validateNode(
      node({
        taints: [
          { key: "a", effect: "NoSchedule" },
          { key: "a", value: "x", effect: "NoSchedule" },
        ],
      }),
    );
    expect(dup.map((e) => [e.field, e.type, e.detail])).toEqual([
      ["spec.taints[1]", "FieldValueDuplicate", "taints must be unique by key and effect pair"],
    ]);
  });

  it("keeps podCIDRs once set", () => {
    const prev = node({ podCIDRs: ["10.244.1.0/24"] });
    expect(text(validateNodeUpdate(node({ podCIDRs: ["10.244.2.0/24"] }), prev))).toBe(
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    );
    expect(validateNodeUpdate(node({ podCIDRs: ["10.244.1.0/24"] }), node({}))).toEqual([]);
  });
});

describe("pod tolerations", () => {
  it("use the same effect rules and operator checks", () => {
    expect(
      text(validatePod(pod({ tolerations: [{ key: "a", operator: "Exists", effect: "Never" }] }))),
    ).toBe(
      'spec.tolerations[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
    expect(text(validatePod(pod({ tolerations: [{ operator: "Equal", value: "x" }] })))).toBe(
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    );
    expect(text(validatePod(pod({ tolerations: [{ key: "a", operator: "Maybe" }] })))).toBe(
      'spec.tolerations[0].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"',
    );
    expect(
      validatePod(
        pod({
          tolerations: [
            { key: "a", operator: "Exists", effect: "NoExecute", tolerationSeconds: 30 },
          ],
        }),
      ),
    ).toEqual([]);
  });
});
