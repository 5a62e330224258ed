import { describe, expect, it } from "vitest";
import { aggregateFieldErrors } from "../validation/field-error";
import {
  labelSelectorAsSelector,
  labelSelectorMatches,
  validateLabelSelector,
} from "./label-selector-object";

describe("LabelSelector objects", () => {
  it("nil selects nothing, empty selects everything", () => {
    expect(labelSelectorMatches(undefined, { a: "b" })).toBe(false);
    expect(labelSelectorMatches({}, { a: "b" })).toBe(true);
  });

  it("combines matchLabels and matchExpressions", () => {
    const sel = {
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["front", "edge"] },
        { key: "legacy", operator: "DoesNotExist" },
      ],
    };
    expect(labelSelectorMatches(sel, { app: "web", tier: "edge" })).toBe(true);
    expect(labelSelectorMatches(sel, { app: "web", tier: "edge", legacy: "1" })).toBe(false);
    expect(labelSelectorMatches(sel, { app: "web", tier: "back" })).toBe(false);
  });

  it("rejects unknown operators when converting", () => {
    expect(() =>
      labelSelectorAsSelector({ matchExpressions: [{ key: "a", operator: "Maybe" }] }),
    ).toThrow('"Maybe" is not a valid label selector operator');
  });

  it("validates like metav1validation.ValidateLabelSelector", () => {
    const errs = validateLabelSelector(
      {
        matchExpressions: [
          { key: "a", operator: "In" },
          { key: "b", operator: "Exists", values: ["x"] },
          { key: "c", operator: "Near" },
        ],
      },
      "spec.selector",
    );
    expect(aggregateFieldErrors(errs)).toBe(
      "[spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn', spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist', spec.selector.matchExpressions[2].operator: Invalid value: \"Near\": not a valid selector operator]",
    );
  });
});
