import { describe, expect, it } from "vitest";
import { isDNS1123Subdomain } from "./names";
import { validateObjectMeta, validateObjectMetaUpdate } from "./object-meta";
import { text } from "./test-helpers";

describe("object metadata", () => {
  it("needs a name or generateName, and a namespace when namespaced", () => {
    expect(text(validateObjectMeta({}, true, isDNS1123Subdomain))).toBe(
      "[metadata.name: Required value: name or generateName is required, metadata.namespace: Required value]",
    );
    expect(
      validateObjectMeta({ name: "a", namespace: "default" }, true, isDNS1123Subdomain),
    ).toEqual([]);
    expect(text(validateObjectMeta({ name: "n", namespace: "x" }, false, isDNS1123Subdomain))).toBe(
      "metadata.namespace: Forbidden: not allowed on this type",
    );
  });

  it("validates label keys and values", () => {
    expect(
      text(validateObjectMeta({ name: "a", labels: { "app/": "x" } }, false, isDNS1123Subdomain)),
    ).toMatch(/^\[metadata\.labels: Invalid value: "app\/": name part must be non-empty/);
    expect(
      text(
        validateObjectMeta({ name: "a", labels: { app: "bad value" } }, false, isDNS1123Subdomain),
      ),
    ).toMatch(
      /^metadata\.labels: Invalid value: "bad value": a valid label must be an empty string/,
    );
  });

  it("limits the total annotation size", () => {
    const big = { note: "x".repeat(256 * 1024) };
    expect(
      text(validateObjectMeta({ name: "a", annotations: big }, false, isDNS1123Subdomain)),
    ).toBe("metadata.annotations: Too long: must have at most 262144 bytes");
  });

  it("rejects non-qualified unknown finalizers", () => {
    expect(
      text(
        validateObjectMeta(
          { name: "a", finalizers: ["kubernetes", "mine"] },
          false,
          isDNS1123Subdomain,
        ),
      ),
    ).toBe(
      'metadata.finalizers[1]: Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified',
    );
  });

  it("allows one controller owner", () => {
    const ref = (name: string) => ({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      name,
      uid: `u-${name}`,
      controller: true,
    });
    const errs = validateObjectMeta(
      { name: "p", ownerReferences: [ref("a"), ref("b")] },
      false,
      isDNS1123Subdomain,
    );
    expect(errs.map((e) => e.detail)).toEqual([
      'Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
    ]);
    expect(
      text(
        validateObjectMeta(
          { name: "p", ownerReferences: [{ apiVersion: "", kind: "", name: "x", uid: "1" }] },
          false,
          isDNS1123Subdomain,
        ),
      ),
    ).toBe(
      '[metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty, metadata.ownerReferences.kind: Invalid value: "": kind must not be empty]',
    );
  });

  it("keeps identity fields immutable", () => {
    const prev = {
      name: "a",
      namespace: "default",
      uid: "u1",
      creationTimestamp: "2024-01-01T00:00:00Z",
    };
    expect(text(validateObjectMetaUpdate({ ...prev, uid: "u2" }, prev))).toBe(
      'metadata.uid: Invalid value: "u2": field is immutable',
    );
    expect(validateObjectMetaUpdate({ ...prev, labels: { a: "b" } }, prev)).toEqual([]);
  });
});
