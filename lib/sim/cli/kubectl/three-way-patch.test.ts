import { describe, expect, it } from "vitest";
import { strategicSafe, threeWayPatch } from "./three-way-patch";

const deploy = (containers: object[], extra: object = {}) => ({
  spec: { replicas: 2, template: { spec: { containers } }, ...extra },
});

describe("apply's three-way patch", () => {
  it("sets changed fields and leaves fields other writers own alone", () => {
    const original = { metadata: { labels: { a: "1" } }, data: { x: "1" } };
    const modified = { metadata: { labels: { a: "2" } }, data: { x: "1" } };
    const current = {
      metadata: { labels: { a: "1", added: "by-someone" }, uid: "u" },
      data: { x: "1" },
    };
    expect(threeWayPatch(original, modified, current)).toEqual({
      metadata: { labels: { a: "2" } },
    });
  });

  it("deletes what the previous configuration had and the new one dropped", () => {
    expect(
      threeWayPatch(
        { data: { x: "1", y: "2" } },
        { data: { x: "1" } },
        { data: { x: "1", y: "2" } },
      ),
    ).toEqual({ data: { y: null } });
  });

  it("is empty when nothing changed", () => {
    const o = { data: { x: "1" } };
    expect(threeWayPatch(o, o, { ...o, metadata: { uid: "u" } })).toEqual({});
  });

  it("merges containers by name with $setElementOrder and $patch: delete", () => {
    const original = deploy([
      { name: "a", image: "nginx:1" },
      { name: "b", image: "busybox" },
    ]);
    const modified = deploy([{ name: "a", image: "nginx:2" }]);
    const current = deploy([
      { name: "a", image: "nginx:1", imagePullPolicy: "IfNotPresent" },
      { name: "b", image: "busybox", imagePullPolicy: "Always" },
    ]);
    expect(threeWayPatch(original, modified, current)).toEqual({
      spec: {
        template: {
          spec: {
            containers: [
              { name: "a", image: "nginx:2" },
              { $patch: "delete", name: "b" },
            ],
            "$setElementOrder/containers": [{ name: "a" }],
          },
        },
      },
    });
  });

  it("replaces unkeyed lists whole, and says when keyed merging cannot apply", () => {
    expect(threeWayPatch({}, { spec: { args: ["a", "b"] } }, { spec: { args: ["a"] } })).toEqual({
      spec: { args: ["a", "b"] },
    });
    expect(strategicSafe({ spec: { ports: [{ port: 80 }] } })).toBe(false);
    expect(strategicSafe({ spec: { ports: [{ containerPort: 80 }] } })).toBe(true);
  });
});
