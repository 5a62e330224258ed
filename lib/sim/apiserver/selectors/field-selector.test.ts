import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import {
  checkFieldSelector,
  fieldSelectorMatches,
  FieldSelectorError,
  parseFieldSelector,
  unableToFindMessage,
} from "./field-selector";

const pod: KubeObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web-1", namespace: "default" },
  spec: { nodeName: "worker-1" },
  status: { phase: "Running" },
};

describe("field selectors", () => {
  it("parses =, == and != with escapes", () => {
    expect(parseFieldSelector("status.phase!=Failed,spec.nodeName=worker-1")).toEqual([
      { field: "spec.nodeName", operator: "=", value: "worker-1" },
      { field: "status.phase", operator: "!=", value: "Failed" },
    ]);
    expect(parseFieldSelector("metadata.name==a\\,b")).toEqual([
      { field: "metadata.name", operator: "==", value: "a,b" },
    ]);
    // split at the first operator position, like fields.splitTerm
    expect(parseFieldSelector("a=b!=c")).toEqual([{ field: "a", operator: "=", value: "b!=c" }]);
    expect(parseFieldSelector("a=1,,")).toHaveLength(1);
    expect(() => parseFieldSelector("spec.nodeName")).toThrow(
      "invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'",
    );
  });

  it("matches the kind's selectable fields", () => {
    const sel = parseFieldSelector(
      "spec.nodeName=worker-1,status.phase=Running,metadata.namespace=default",
    );
    expect(fieldSelectorMatches(sel, pod, "", "pods")).toBe(true);
    expect(
      fieldSelectorMatches(parseFieldSelector("spec.nodeName!=worker-1"), pod, "", "pods"),
    ).toBe(false);
    expect(
      fieldSelectorMatches(parseFieldSelector("spec.hostNetwork=false"), pod, "", "pods"),
    ).toBe(true);
  });

  it("rejects unsupported fields with the registry's error, wrapped as the list handler does", () => {
    let message = "";
    try {
      checkFieldSelector(parseFieldSelector("spec.foo=bar"), "", "pods");
    } catch (e) {
      expect(e).toBeInstanceOf(FieldSelectorError);
      message = (e as Error).message;
    }
    expect(message).toBe("field label not supported: spec.foo");
    expect(() =>
      checkFieldSelector(parseFieldSelector("spec.nodeName=x"), "apps", "deployments"),
    ).toThrow("field label not supported: spec.nodeName");
    expect(() =>
      checkFieldSelector(parseFieldSelector("involvedObject.name=x"), "", "events"),
    ).not.toThrow();
    expect(
      unableToFindMessage(
        { group: "", version: "v1", resource: "events" },
        "",
        "message=whatever",
        message,
      ),
    ).toBe(
      'Unable to find "/v1, Resource=events" that match label selector "", field selector "message=whatever": field label not supported: spec.foo',
    );
  });
});
