import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import { naturalLess } from "./natural-less";
import { relaxedJsonPath, sortObjectsBy } from "./sort-by";

function pod(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, ...extra } } as KubeObject;
}

const names = (xs: KubeObject[]) => xs.map((o) => o.metadata.name);

describe("naturalLess (sortorder.NaturalLess)", () => {
  it("compares digit runs as numbers and the rest byte by byte", () => {
    // The case CI met: real kubectl printed web-…-2jtj2 before web-…-27ttw.
    expect(naturalLess("web-68bf9f694d-2jtj2", "web-68bf9f694d-27ttw")).toBe(true);
    expect(naturalLess("web-68bf9f694d-27ttw", "web-68bf9f694d-2jtj2")).toBe(false);
    expect(naturalLess("pod-9", "pod-10")).toBe(true);
    expect(naturalLess("a", "b")).toBe(true);
    expect(naturalLess("B", "a")).toBe(true);
  });

  it("puts digits before other characters, fewer leading zeros first, shorter strings first", () => {
    expect(naturalLess("a1", "aa")).toBe(true);
    expect(naturalLess("aa", "a1")).toBe(false);
    expect(naturalLess("a1", "a01")).toBe(true);
    expect(naturalLess("a01", "a1")).toBe(false);
    expect(naturalLess("abc", "abcd")).toBe(true);
    expect(naturalLess("abc", "abc")).toBe(false);
  });
});

describe("sortObjectsBy (kubectl get --sort-by)", () => {
  it("orders names naturally", () => {
    const xs = ["web-27ttw", "web-2jtj2", "web-10a", "web-9b"].map((n) => pod(n));
    expect(names(sortObjectsBy(xs, ".metadata.name"))).toEqual([
      "web-2jtj2",
      "web-9b",
      "web-10a",
      "web-27ttw",
    ]);
  });

  it("orders quantities by value and numbers as numbers", () => {
    const xs = [
      pod("a", { q: "1Gi", n: 10 }),
      pod("b", { q: "100Mi", n: 9 }),
      pod("c", { q: "2", n: 100 }),
    ];
    expect(names(sortObjectsBy(xs, "{.metadata.q}"))).toEqual(["c", "b", "a"]);
    expect(names(sortObjectsBy(xs, "metadata.n"))).toEqual(["b", "a", "c"]);
  });

  it("puts objects without the field first, and fails when none has it", () => {
    const xs = [pod("a", { uid: "2" }), pod("b"), pod("c", { uid: "1" })];
    expect(names(sortObjectsBy(xs, ".metadata.uid"))).toEqual(["b", "c", "a"]);
    expect(() => sortObjectsBy(xs, ".metadata.nothing")).toThrow(
      new CliError(
        'error: couldn\'t find any field with path "{.metadata.nothing}" in the list of objects',
      ),
    );
    expect(sortObjectsBy([], ".metadata.nothing")).toEqual([]);
  });

  it("relaxes the path spellings kubectl accepts", () => {
    for (const spec of ["metadata.name", ".metadata.name", "{metadata.name}", "{.metadata.name}"]) {
      expect(relaxedJsonPath(spec)).toBe("{.metadata.name}");
    }
    expect(() => relaxedJsonPath("{a}{b}")).toThrow(CliError);
  });
});
