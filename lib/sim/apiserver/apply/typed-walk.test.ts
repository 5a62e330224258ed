import { describe, expect, it } from "vitest";
import { paths, pathString } from "./field-set";
import { compare, merge, removeItems, toFieldSet } from "./typed-walk";
import { fromPaths } from "./field-set";
import type { JsonValue } from "../object";

const show = (s: Parameters<typeof paths>[0]) => paths(s).map(pathString);

const deploy = (image: string, extra: Record<string, unknown> = {}) => ({
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: {
      spec: {
        containers: [{ name: "web", image, ports: [{ containerPort: 80 }] }],
        ...extra,
      },
    },
  },
});

describe("typed walks", () => {
  it("an applied configuration owns its leaves and list items; selectors are atomic", () => {
    expect(show(toFieldSet(deploy("nginx")))).toEqual([
      ".spec.replicas",
      ".spec.selector",
      '.spec.template.spec.containers[name="web"]',
      '.spec.template.spec.containers[name="web"].image',
      '.spec.template.spec.containers[name="web"].name',
      '.spec.template.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"]',
      '.spec.template.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"].containerPort',
    ]);
  });

  it("compare reports added, modified and removed paths", () => {
    const c = compare(deploy("nginx:1"), deploy("nginx:2", { nodeName: "w1" }));
    expect(show(c.modified)).toEqual(['.spec.template.spec.containers[name="web"].image']);
    expect(show(c.added)).toEqual([".spec.template.spec.nodeName"]);
    const back = compare(deploy("nginx:2", { nodeName: "w1" }), deploy("nginx:2"));
    expect(show(back.removed)).toEqual([".spec.template.spec.nodeName"]);
  });

  it("merge keeps live items, merges keyed items and replaces atomic lists", () => {
    const live: JsonValue = {
      spec: {
        containers: [
          { name: "a", image: "x", args: ["1", "2"] },
          { name: "b", image: "y" },
        ],
      },
    };
    const config = { spec: { containers: [{ name: "a", image: "z", args: ["3"] }] } };
    expect(merge(live, config)).toEqual({
      spec: {
        containers: [
          { name: "a", image: "z", args: ["3"] },
          { name: "b", image: "y" },
        ],
      },
    });
  });

  it("merge puts new config items after the shared ones, in the config's order", () => {
    const live = { env: [{ name: "A" }, { name: "B" }] };
    const config = { env: [{ name: "B" }, { name: "C" }] };
    expect(merge(live, config)).toEqual({ env: [{ name: "A" }, { name: "B" }, { name: "C" }] });
  });

  it("removeItems drops members with everything under them", () => {
    const obj: JsonValue = {
      spec: { containers: [{ name: "a", image: "x" }, { name: "b" }], replicas: 1 },
    };
    const out = removeItems(
      obj,
      fromPaths([
        ["f:spec", "f:containers", 'k:{"name":"a"}'],
        ["f:spec", "f:replicas"],
      ]),
    );
    expect(out).toEqual({ spec: { containers: [{ name: "b" }] } });
  });
});
