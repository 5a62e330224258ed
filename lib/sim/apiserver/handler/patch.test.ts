import { describe, expect, it } from "vitest";
import { applyPatch } from "./patch";

const deployment = {
  spec: {
    template: {
      spec: {
        containers: [
          { name: "app", image: "nginx:1.25", env: [{ name: "A", value: "1" }] },
          { name: "sidecar", image: "busybox" },
        ],
      },
    },
  },
};

describe("patch types", () => {
  it("strategic merge merges containers and env by name, keeps the others, honours $patch: delete", () => {
    const out = applyPatch(
      structuredClone(deployment),
      {
        spec: {
          template: {
            spec: {
              containers: [
                { name: "app", image: "nginx:1.26", env: [{ name: "B", value: "2" }] },
                { name: "sidecar", $patch: "delete" },
              ],
            },
          },
        },
      },
      "application/strategic-merge-patch+json",
    );
    expect(out).toEqual({
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: "app",
                image: "nginx:1.26",
                env: [
                  { name: "A", value: "1" },
                  { name: "B", value: "2" },
                ],
              },
            ],
          },
        },
      },
    });
  });

  it("merge patch replaces lists wholesale and deletes keys set to null", () => {
    const out = applyPatch(
      structuredClone(deployment),
      { spec: { template: { spec: { containers: [{ name: "only", image: "x" }] } } } },
      "application/merge-patch+json",
    ) as typeof deployment;
    expect(out.spec.template.spec.containers).toEqual([{ name: "only", image: "x" }]);
  });

  it("JSON patch applies operations in order and fails a test op with a 400", () => {
    const doc = { metadata: { labels: { a: "1" } }, items: [1, 2] };
    expect(
      applyPatch(
        doc,
        [
          { op: "add", path: "/metadata/labels/b", value: "2" },
          { op: "remove", path: "/items/0" },
          { op: "replace", path: "/metadata/labels/a", value: "x" },
        ],
        "application/json-patch+json",
      ),
    ).toEqual({ metadata: { labels: { a: "x", b: "2" } }, items: [2] });
    expect(() =>
      applyPatch(doc, [{ op: "test", path: "/items/0", value: 9 }], "application/json-patch+json"),
    ).toThrow("testing value /items/0 failed: test failed");
  });

  it("answers an unknown patch type with 415 listing the supported ones", () => {
    try {
      applyPatch({}, {}, "text/plain");
      expect.unreachable();
    } catch (err) {
      expect((err as { status: { code: number; message: string } }).status).toMatchObject({
        code: 415,
        message:
          "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml",
      });
    }
  });

  it("strategic merge honours $setElementOrder, keeping server-only items in place", () => {
    const env = [{ name: "A" }, { name: "S" }, { name: "B" }];
    const live = { kind: "Pod", spec: { containers: [{ name: "c", env }] } };
    const out = applyPatch(
      structuredClone(live),
      {
        spec: {
          containers: [
            {
              name: "c",
              "$setElementOrder/env": [{ name: "B" }, { name: "N" }, { name: "A" }],
              env: [{ name: "N", value: "1" }],
            },
          ],
        },
      },
      "application/strategic-merge-patch+json",
    );
    // Patch items in the patch's order; S came before B on the server, so it stays before B
    // (mergeSortedSlice compares by the live list's order).
    const merged = (out as typeof live).spec.containers[0]!.env;
    expect(merged.map((e) => e.name)).toEqual(["S", "B", "N", "A"]);
  });

  it("strategic merge: $patch: replace in a list, and merge of finalizers", () => {
    const live = {
      kind: "Pod",
      metadata: { finalizers: ["x"] },
      spec: { containers: [{ name: "a" }, { name: "b" }] },
    };
    const out = applyPatch(
      structuredClone(live),
      {
        metadata: { finalizers: ["y"] },
        spec: { containers: [{ $patch: "replace" }, { name: "c" }] },
      },
      "application/strategic-merge-patch+json",
    );
    expect(out).toEqual({
      kind: "Pod",
      metadata: { finalizers: ["x", "y"] },
      spec: { containers: [{ name: "c" }] },
    });
  });
});

describe("patches cannot reach Object.prototype", () => {
  const target = () => ({ metadata: { name: "cm" }, data: { a: "1" } });

  it("a JSON patch through /__proto__ is a missing path, not a write to Object.prototype", () => {
    const patch = JSON.parse('[{"op":"add","path":"/__proto__/polluted","value":"yes"}]');
    expect(() => applyPatch(target(), patch, "application/json-patch+json")).toThrow(
      /doc is missing path/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("merge and strategic merge patches drop a __proto__ key", () => {
    const patch = JSON.parse('{"__proto__":{"polluted":"yes"},"data":{"b":"2"}}');
    for (const type of ["application/merge-patch+json", "application/strategic-merge-patch+json"]) {
      const out = applyPatch(target(), patch, type) as Record<string, unknown>;
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(out.polluted).toBeUndefined();
      expect(out.data).toEqual({ a: "1", b: "2" });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
