import { describe, expect, it } from "vitest";
import { aggregateFieldErrors, fieldErrorString, fieldErrors } from "./field-error";

describe("field errors (apimachinery util/validation/field)", () => {
  it("renders each error type like ErrorBody()", () => {
    expect(fieldErrorString(fieldErrors.required("spec.containers", ""))).toBe(
      "spec.containers: Required value",
    );
    expect(fieldErrorString(fieldErrors.required("spec.containers[0].image", "x"))).toBe(
      "spec.containers[0].image: Required value: x",
    );
    expect(
      fieldErrorString(
        fieldErrors.invalid("spec.replicas", -1, "must be greater than or equal to 0"),
      ),
    ).toBe("spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    expect(
      fieldErrorString(
        fieldErrors.notSupported("spec.restartPolicy", "Sometimes", [
          "Always",
          "OnFailure",
          "Never",
        ]),
      ),
    ).toBe(
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
    expect(fieldErrorString(fieldErrors.duplicate("spec.containers[1].name", "app"))).toBe(
      'spec.containers[1].name: Duplicate value: "app"',
    );
    expect(
      fieldErrorString(fieldErrors.forbidden("spec", "pod updates may not change fields")),
    ).toBe("spec: Forbidden: pod updates may not change fields");
    expect(fieldErrorString(fieldErrors.tooLong("metadata.annotations", "", 262144))).toBe(
      "metadata.annotations: Too long: must have at most 262144 bytes",
    );
    expect(fieldErrorString(fieldErrors.tooMany("spec.items", 5, 3))).toBe(
      "spec.items: Too many: 5: must have at most 3 items",
    );
    expect(fieldErrorString(fieldErrors.tooMany("spec.items", -1, 3))).toBe(
      "spec.items: Too many: must have at most 3 items",
    );
    expect(fieldErrorString(fieldErrors.invalid("x", null, "d"))).toBe("x: Invalid value: null: d");
    expect(fieldErrorString(fieldErrors.invalid("f", ["a", "b"], "d"))).toBe(
      'f: Invalid value: []string{"a", "b"}: d',
    );
  });

  it("aggregates like utilerrors.Aggregate", () => {
    const a = fieldErrors.required("a", "");
    const b = fieldErrors.required("b", "");
    expect(aggregateFieldErrors([])).toBe("");
    expect(aggregateFieldErrors([a])).toBe("a: Required value");
    expect(aggregateFieldErrors([a, a])).toBe("a: Required value");
    expect(aggregateFieldErrors([a, b])).toBe("[a: Required value, b: Required value]");
  });
});
