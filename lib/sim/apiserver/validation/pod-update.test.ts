import { describe, expect, it } from "vitest";
import { POD_UPDATABLE_FIELDS, validatePodUpdate } from "./pod-update";
import { pod } from "./test-helpers";

describe("pod update rules", () => {
  it("allows image changes and added tolerations", () => {
    const prev = pod({ tolerations: [{ key: "a", operator: "Exists" }] });
    const next = pod({
      containers: [{ name: "app", image: "nginx:1.26" }],
      tolerations: [
        { key: "a", operator: "Exists" },
        { key: "b", operator: "Exists" },
      ],
      activeDeadlineSeconds: 30,
    });
    expect(validatePodUpdate(next, prev)).toEqual([]);
  });

  it("forbids other spec changes with the upstream message", () => {
    const errs = validatePodUpdate(pod({ nodeName: "worker-2" }), pod({ nodeName: "worker-1" }));
    expect(errs).toHaveLength(1);
    expect(errs[0]?.field).toBe("spec");
    expect(errs[0]?.type).toBe("FieldValueForbidden");
    expect(errs[0]?.detail.startsWith(`${POD_UPDATABLE_FIELDS}\n  core.PodSpec{`)).toBe(true);
    expect(errs[0]?.detail).toContain('- \tNodeName: "worker-1",');
    expect(errs[0]?.detail).toContain('+ \tNodeName: "worker-2",');
  });

  it("forbids removing tolerations", () => {
    const prev = pod({ tolerations: [{ key: "a", operator: "Exists" }] });
    expect(validatePodUpdate(pod({ tolerations: [] }), prev)).toHaveLength(1);
  });
});
