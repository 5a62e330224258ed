import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { validateWriteOptions } from "./write-options";

function statusOf(fn: () => void) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
  return undefined;
}

describe("write options", () => {
  it("accepts the values kube-apiserver accepts", () => {
    for (const q of [
      "",
      "dryRun=All",
      "fieldValidation=Strict",
      "fieldValidation=Warn",
      "fieldValidation=Ignore",
    ]) {
      expect(statusOf(() => validateWriteOptions("POST", new URLSearchParams(q)))).toBeUndefined();
    }
    expect(
      statusOf(() => validateWriteOptions("GET", new URLSearchParams("dryRun=x"))),
    ).toBeUndefined();
  });

  it("refuses an unknown dryRun with apimachinery's message", () => {
    const s = statusOf(() => validateWriteOptions("POST", new URLSearchParams("dryRun=Maybe")));
    expect(s).toMatchObject({
      code: 422,
      reason: "Invalid",
      message:
        'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Maybe"}: supported values: "All"',
    });
  });

  it("refuses an unknown fieldValidation, naming the options kind of the verb", () => {
    const s = statusOf(() =>
      validateWriteOptions("PATCH", new URLSearchParams("fieldValidation=Loose")),
    );
    expect(s?.message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Loose": supported values: "", "Ignore", "Strict", "Warn"',
    );
    const d = statusOf(() => validateWriteOptions("DELETE", new URLSearchParams(), ["Yes"]));
    expect(d?.message).toMatch(/^DeleteOptions\.meta\.k8s\.io "" is invalid: dryRun/);
  });
});
