import { describe, expect, it } from "vitest";
import {
  cannotBeHandledMessage,
  findInvalidQuantity,
  findUnknownFields,
  nestingDepthError,
  strictDecodingMessage,
} from "./decode";
import { deployment, pod } from "./test-helpers";

const DEPLOY = { group: "apps", kind: "Deployment" };
const POD = { group: "", kind: "Pod" };

describe("strict decoding", () => {
  it("accepts a full valid manifest", () => {
    const d = deployment({
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%" } },
    });
    expect(findUnknownFields(d, DEPLOY)).toEqual([]);
    expect(
      findUnknownFields(pod({ volumes: [{ name: "v", emptyDir: { medium: "Memory" } }] }), POD),
    ).toEqual([]);
  });

  it("reports unknown fields by path, including inside lists", () => {
    const d = deployment({ replica: 3 });
    (
      d.spec as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec.containers[0]!.imagePullPolicyy = "Always";
    const unknown = findUnknownFields({ ...d, extra: 1 }, DEPLOY);
    // Document order: spec.template comes before the added spec.replica.
    expect(unknown).toEqual([
      "spec.template.spec.containers[0].imagePullPolicyy",
      "spec.replica",
      "extra",
    ]);
    expect(strictDecodingMessage(["spec.replica"])).toBe(
      'strict decoding error: unknown field "spec.replica"',
    );
    expect(strictDecodingMessage(["a", "b"])).toBe(
      'strict decoding error: unknown field "a", unknown field "b"',
    );
    expect(
      cannotBeHandledMessage("Deployment", "v1", strictDecodingMessage(["spec.replica"])),
    ).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
    );
  });

  it("does not check kinds without a schema (custom resources)", () => {
    expect(
      findUnknownFields({ spec: { anything: 1 } }, { group: "example.com", kind: "CronTab" }),
    ).toEqual([]);
  });

  it("detects malformed quantities", () => {
    const bad = pod({
      containers: [{ name: "a", image: "x", resources: { limits: { memory: "1 GB" } } }],
    });
    expect(findInvalidQuantity(bad, POD)).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(findInvalidQuantity(pod(), POD)).toBeUndefined();
  });

  it("limits nesting depth without overflowing the stack", () => {
    let deep: unknown = {};
    for (let i = 0; i < 10_001; i++) deep = { a: deep };
    expect(nestingDepthError(deep)).toBe("invalid character '{' exceeded max depth");
    let ok: unknown = [];
    for (let i = 0; i < 100; i++) ok = [ok];
    expect(nestingDepthError(ok)).toBeUndefined();
  });
});
