import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { aggregateFieldErrors } from "./field-error";
import { validatePodDisruptionBudget } from "./pod-disruption-budget";

const pdb = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: "policy/v1",
  kind: "PodDisruptionBudget",
  metadata: { name: "web", namespace: "default" },
  spec: { selector: { matchLabels: { app: "web" } }, ...spec },
});
const text = (spec: Record<string, unknown>) =>
  aggregateFieldErrors(validatePodDisruptionBudget(pdb(spec)));

describe("PodDisruptionBudget validation (ValidatePodDisruptionBudgetSpec)", () => {
  it("accepts an int, a percent, or neither", () => {
    expect(text({ minAvailable: 2 })).toBe("");
    expect(text({ maxUnavailable: "25%" })).toBe("");
    expect(text({})).toBe("");
  });

  it("refuses minAvailable together with maxUnavailable", () => {
    expect(text({ minAvailable: 1, maxUnavailable: 1 })).toMatch(
      /^spec: Invalid value: .*: minAvailable and maxUnavailable cannot be both set$/,
    );
  });

  it("checks each bound as a non-negative int or a percent up to 100%", () => {
    expect(text({ minAvailable: -1 })).toBe(
      "spec.minAvailable: Invalid value: -1: must be greater than or equal to 0",
    );
    expect(text({ maxUnavailable: "120%" })).toBe(
      "spec.maxUnavailable: Invalid value: 120%: must not be greater than 100%",
    );
    expect(text({ minAvailable: "half" })).toBe(
      "spec.minAvailable: Invalid value: half: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    );
  });

  it("validates the selector and the unhealthy-pod eviction policy", () => {
    expect(text({ selector: { matchLabels: { app: "-bad-" } } })).toContain(
      'spec.selector.matchLabels: Invalid value: "-bad-"',
    );
    expect(text({ unhealthyPodEvictionPolicy: "Sometimes" })).toBe(
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"',
    );
  });
});
