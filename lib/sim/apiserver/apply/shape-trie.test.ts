import { describe, expect, it } from "vitest";
import type { JsonValue } from "../object";
import { contentSignature, shapeSignature } from "./created-shape";
import { shapeNode, shapeNodeOfContent } from "./shape-trie";

const pod = (): Record<string, JsonValue> => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "web-1",
    labels: { app: "web" },
    ownerReferences: [{ uid: "u1", name: "rs", controller: true }],
    creationTimestamp: "2026-01-01T00:00:00Z",
  },
  spec: {
    containers: [
      {
        name: "web",
        image: "nginx",
        ports: [{ containerPort: 80 }, { containerPort: 53, protocol: "UDP" }],
        env: [{ name: "A", value: "1" }],
        args: ["--x"],
        resources: { requests: { cpu: "10m" } },
      },
    ],
    nodeSelector: { disk: "ssd" },
    volumes: [],
    tolerations: [{ key: "k", operator: "Exists" }],
  },
  status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "True" }] },
});

// Objects that differ from the pod by one change each: some keep its shape (scalar values),
// most change it, including the cases a careless token stream would merge (a field name that
// looks like the signature's separators, an empty list against an empty map, null).
type Change = (o: Record<string, JsonValue>) => void;
const meta = (o: Record<string, JsonValue>) => o.metadata as Record<string, JsonValue>;
const spec = (o: Record<string, JsonValue>) => o.spec as Record<string, JsonValue>;
const container = (o: Record<string, JsonValue>) =>
  (spec(o).containers as Record<string, JsonValue>[])[0]!;
const changes: Record<string, Change> = {
  same: () => {},
  otherName: (o) => (meta(o).name = "web-2"),
  otherImage: (o) => (container(o).image = "pause"),
  otherArg: (o) => (container(o).args = ["--y", "--z"]),
  otherToleration: (o) => (spec(o).tolerations = [{ key: "j" }, { key: "k" }]),
  otherSelectorValue: (o) => (spec(o).nodeSelector = { disk: "hdd" }),
  otherSelectorKey: (o) => (spec(o).nodeSelector = { zone: "a" }),
  otherLabelKey: (o) => (meta(o).labels = { tier: "web" }),
  nullTime: (o) => (meta(o).creationTimestamp = null),
  noTime: (o) => delete meta(o).creationTimestamp,
  undefinedTime: (o) => ((meta(o) as Record<string, unknown>).creationTimestamp = undefined),
  otherContainerName: (o) => (container(o).name = "app"),
  otherPort: (o) => (container(o).ports = [{ containerPort: 81 }]),
  portsSwapped: (o) =>
    (container(o).ports = [{ containerPort: 53, protocol: "UDP" }, { containerPort: 80 }]),
  emptyVolumesMap: (o) => (spec(o).volumes = {}),
  nullVolumes: (o) => (spec(o).volumes = null),
  scalarVolumes: (o) => (spec(o).volumes = ""),
  separatorName: (o) => (spec(o)["a;1:b"] = 1),
  twoFields: (o) => {
    spec(o).a = 1;
    spec(o).b = 1;
  },
  keyOrder: (o) => {
    const { name, ...rest } = meta(o);
    o.metadata = { ...rest, name: name! };
  },
  managedFields: (o) => (meta(o).managedFields = [{ manager: "kubelet" }]),
  resourceVersion: (o) => (meta(o).resourceVersion = "7"),
  managedFieldsInSpec: (o) => (spec(o).managedFields = []),
  nestedMetadata: (o) =>
    ((spec(o) as Record<string, JsonValue>).metadata = { resourceVersion: "1" }),
  noStatus: (o) => delete o.status,
  otherCondition: (o) =>
    ((o.status as Record<string, JsonValue>).conditions = [{ type: "Ready", status: "True" }]),
  atomicSelectorNested: (o) => (spec(o).nodeSelector = { disk: { a: null } }),
};
const variants = Object.entries(changes).map(([name, change]) => {
  const o = pod();
  change(o);
  return { name, o };
});

describe("the shape trie", () => {
  it("reaches one node for two objects exactly when their shape signatures are equal", () => {
    for (const a of variants) {
      for (const b of variants) {
        const sameSignature = shapeSignature(a.o) === shapeSignature(b.o);
        const sameNode = shapeNode("k", a.o) === shapeNode("k", b.o);
        expect(sameNode, `${a.name} / ${b.name}`).toBe(sameSignature);
      }
    }
    // The pairs cover both answers.
    const node = (name: string) => shapeNode("k", variants.find((v) => v.name === name)!.o);
    expect(node("same")).toBe(node("otherArg"));
    expect(node("same")).not.toBe(node("otherContainerName"));
  });

  it("reads a stored object's content as contentSignature does (bookkeeping left out)", () => {
    for (const a of variants) {
      for (const b of variants) {
        const sameSignature = contentSignature(a.o as never) === contentSignature(b.o as never);
        const sameNode =
          shapeNodeOfContent("k", a.o as never) === shapeNodeOfContent("k", b.o as never);
        expect(sameNode, `${a.name} / ${b.name}`).toBe(sameSignature);
      }
    }
    const plain = variants.find((v) => v.name === "same")!.o;
    const withBookkeeping = variants.find((v) => v.name === "managedFields")!.o;
    const inSpec = variants.find((v) => v.name === "managedFieldsInSpec")!.o;
    expect(shapeNodeOfContent("k", withBookkeeping as never)).toBe(
      shapeNodeOfContent("k", plain as never),
    );
    // Only the root's metadata loses those keys.
    expect(shapeNodeOfContent("k", inSpec as never)).not.toBe(
      shapeNodeOfContent("k", plain as never),
    );
    expect(shapeNode("k", withBookkeeping)).not.toBe(shapeNode("k", plain));
  });

  it("keeps one trie per root", () => {
    const o = pod();
    expect(shapeNode("kPod", o)).toBe(shapeNode("kPod", pod()));
    expect(shapeNode("kPod", o)).not.toBe(shapeNode("rPod", o));
    expect(shapeNode("k", o)).not.toBe(shapeNode("kPod", o));
  });

  it("starts afresh past its bound and still tells shapes apart", () => {
    const first = shapeNode("kBound", pod());
    // Many shapes that differ from their first field on: thousands of new nodes.
    for (let i = 0; i < 200; i++) {
      const o: Record<string, JsonValue> = { [`field${i}`]: pod() };
      shapeNode("kBound", o);
    }
    // The trie was replaced: the pod's shape has a new node, shared again by equal shapes.
    const again = shapeNode("kBound", pod());
    expect(again).not.toBe(first);
    expect(shapeNode("kBound", pod())).toBe(again);
    const other = pod();
    (other.metadata as Record<string, JsonValue>).extra = "x";
    expect(shapeNode("kBound", other)).not.toBe(again);
  });
});
