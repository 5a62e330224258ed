import { describe, expect, it } from "vitest";
import { type KvRow, toKeyValue } from "../../store/types";
import {
  adoptDecoded,
  decodeObject,
  decodeRow,
  encodeObject,
  forgetDecoded,
  rememberDecoded,
} from "./codec";
import type { KubeObject } from "../object";

const row = (revision: number, value: string): KvRow => ({
  revision,
  key: "/registry/configmaps/default/a",
  created: true,
  deleted: false,
  createRevision: revision,
  prevRevision: 0,
  lease: 0,
  value,
  version: 1,
});

const VALUE = JSON.stringify({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "a", namespace: "default" },
  data: { k: "v" },
});

describe("stored value codec", () => {
  it("decodes a row once and hands out the same object while the row lives", () => {
    const r = row(7, VALUE);
    const a = decodeRow(r);
    expect(a.metadata.resourceVersion).toBe("7");
    expect(a.data).toEqual({ k: "v" });
    expect(decodeRow(r)).toBe(a);
    // Read through a KeyValue of that row: the same decode.
    expect(decodeObject(toKeyValue(r))).toBe(a);
  });

  it("keeps the decode out of the row's own data: its keys, JSON and a spread copy", () => {
    const r = row(10, VALUE);
    const before = JSON.stringify(r);
    const a = decodeRow(r);
    expect(Object.keys(r)).toEqual(Object.keys(row(10, VALUE)));
    expect(JSON.stringify(r)).toBe(before);
    expect(r).toEqual(row(10, VALUE));
    // A copy of the row (how the sandbox cache sheds decodes) decodes anew.
    const copy = { ...r };
    expect(decodeRow(copy)).not.toBe(a);
    expect(decodeRow(copy)).toEqual(a);
  });

  it("decodes a row anew after its decode was forgotten", () => {
    const r = row(11, VALUE);
    const a = decodeRow(r);
    forgetDecoded(r);
    const b = decodeRow(r);
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
    expect(decodeRow(r)).toBe(b);
  });

  it("keeps rows with equal values apart: each carries its own resourceVersion", () => {
    const a = decodeRow(row(8, VALUE));
    const b = decodeRow(row(9, VALUE));
    expect(a).not.toBe(b);
    expect([a.metadata.resourceVersion, b.metadata.resourceVersion]).toEqual(["8", "9"]);
  });

  it("uses the KeyValue's own revision and value when they differ from its row's", () => {
    const r = row(10, VALUE);
    const prev = { ...toKeyValue(r), modRevision: 4 };
    expect(decodeObject(prev).metadata.resourceVersion).toBe("4");
    const other = { ...toKeyValue(r), value: VALUE.replace('"v"', '"w"') };
    expect(decodeObject(other).data).toEqual({ k: "w" });
  });

  it("decodes a value given without its row", () => {
    const obj = decodeObject({ value: VALUE, modRevision: 3 });
    expect(obj.metadata).toEqual({ name: "a", namespace: "default", resourceVersion: "3" });
  });

  it("remembers a written object as its row's decode", () => {
    const stored: KubeObject = JSON.parse(VALUE) as KubeObject;
    const r = row(11, encodeObject(stored));
    const read = rememberDecoded(r, stored);
    expect(read.metadata.resourceVersion).toBe("11");
    expect(decodeRow(r)).toBe(read);
    expect(stored.metadata.resourceVersion).toBeUndefined();
  });

  it("stores no resourceVersion, whether or not the object carries one", () => {
    const obj = JSON.parse(VALUE) as KubeObject;
    expect(encodeObject(obj)).toBe(VALUE);
    expect(encodeObject({ ...obj, metadata: { ...obj.metadata, resourceVersion: "5" } })).toBe(
      VALUE,
    );
  });

  it("writes exactly JSON.stringify's text, whatever the object shares with earlier versions", () => {
    const fieldsV1 = { "f:metadata": { "f:labels": { ".": {}, "f:app": {} } }, "f:spec": {} };
    const spec = {
      containers: [{ name: "web", image: "nginx", ports: [{ containerPort: 80 }], env: undefined }],
      nodeName: undefined,
      "10": "integer-like keys come first",
      list: [1, undefined, null, 'x"y\u2028', -0, Number.NaN, () => 1],
    };
    const first = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "a",
        resourceVersion: "3",
        creationTimestamp: new Date(Date.UTC(2026, 0, 1)),
        managedFields: [{ manager: "m", fieldsType: "FieldsV1", fieldsV1 }],
      },
      spec,
      status: { phase: "Pending" },
    } as unknown as KubeObject;
    const expected = (o: KubeObject) =>
      JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
    expect(encodeObject(first)).toBe(expected(first));
    // The next version keeps spec and the fieldsV1 tree (same objects), changes the rest.
    const second = {
      ...first,
      metadata: {
        ...first.metadata,
        managedFields: [
          ...first.metadata.managedFields!,
          { manager: "kubelet", subresource: "status", fieldsV1 },
        ],
      },
      status: { phase: "Running", podIP: "10.0.0.1" },
    } as KubeObject;
    expect(encodeObject(second)).toBe(expected(second));
    expect(JSON.parse(encodeObject(second))).toEqual(JSON.parse(expected(second)));
  });

  it("adopts a created object as its row's decode, with the row's resourceVersion last", () => {
    const created = JSON.parse(VALUE) as KubeObject;
    const r = row(12, encodeObject(created));
    const read = adoptDecoded(r, created);
    expect(read).toBe(created);
    expect(decodeRow(r)).toBe(created);
    expect(Object.keys(read.metadata)).toEqual(["name", "namespace", "resourceVersion"]);
    expect(read.metadata.resourceVersion).toBe("12");
    // The same object as rememberDecoded's copy would be.
    expect(read).toEqual(rememberDecoded(row(12, r.value), JSON.parse(VALUE) as KubeObject));
  });
});
