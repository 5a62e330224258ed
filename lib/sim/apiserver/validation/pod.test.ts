import { describe, expect, it } from "vitest";
import { validatePod } from "./pod";
import { pod, text } from "./test-helpers";

describe("pod validation", () => {
  it("accepts a minimal pod", () => {
    expect(validatePod(pod())).toEqual([]);
  });

  it("requires containers, names and images", () => {
    expect(text(validatePod(pod({ containers: [] })))).toBe("spec.containers: Required value");
    expect(text(validatePod(pod({ containers: [{ image: "nginx" }] })))).toBe(
      "spec.containers[0].name: Required value",
    );
    expect(text(validatePod(pod({ containers: [{ name: "app" }] })))).toBe(
      "spec.containers[0].image: Required value",
    );
  });

  it("rejects duplicate and malformed container names", () => {
    const errs = validatePod(
      pod({
        containers: [
          { name: "a", image: "x" },
          { name: "a", image: "y" },
        ],
      }),
    );
    expect(text(errs)).toBe('spec.containers[1].name: Duplicate value: "a"');
    expect(text(validatePod(pod({ containers: [{ name: "App", image: "x" }] })))).toMatch(
      /^spec\.containers\[0\]\.name: Invalid value: "App": a lowercase RFC 1123 label/,
    );
  });

  it("validates the pod name as a DNS subdomain", () => {
    expect(text(validatePod(pod({}, "Bad_Name")))).toMatch(
      /^metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    );
  });

  it("enumerates supported values", () => {
    expect(text(validatePod(pod({ restartPolicy: "Sometimes" })))).toBe(
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
    expect(
      text(validatePod(pod({ containers: [{ name: "a", image: "x", imagePullPolicy: "Maybe" }] }))),
    ).toBe(
      'spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"',
    );
  });

  it("checks ports, mounts and requests against limits", () => {
    const errs = validatePod(
      pod({
        containers: [
          {
            name: "a",
            image: "x",
            ports: [{ containerPort: 70000 }],
            volumeMounts: [{ name: "data", mountPath: "/data" }],
            resources: { requests: { cpu: "2" }, limits: { cpu: "1" } },
          },
        ],
      }),
    );
    expect(text(errs)).toBe(
      '[spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.containers[0].volumeMounts[0].name: Not found: "data", spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1]',
    );
  });

  it("requires exactly one volume source", () => {
    expect(text(validatePod(pod({ volumes: [{ name: "v" }] })))).toBe(
      "spec.volumes[0]: Required value: must specify a volume type",
    );
    expect(
      text(validatePod(pod({ volumes: [{ name: "v", emptyDir: {}, hostPath: { path: "/" } }] }))),
    ).toBe(
      // Sources are checked in upstream order (hostPath before emptyDir); later ones are flagged.
      "spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type",
    );
  });
});
