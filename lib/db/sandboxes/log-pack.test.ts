import { brotliDecompressSync, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  entriesOfRow,
  packLogEntries,
  RAW_BELOW,
  StoredLogFormatError,
  unpackLogEntries,
  type LogEntry,
} from "./log-pack";

const audit = (verb: string, name: string) => ({
  kind: "Event",
  verb,
  user: { username: "system:kube-scheduler", groups: ["system:authenticated"] },
  objectRef: { resource: "pods", namespace: "default", name },
});
const trace = (name: string) => ({
  auditID: `id-${name}`,
  verb: "create",
  requestURI: `/api/v1/namespaces/default/pods/${name}`,
  code: 201,
  entries: [{ at: 1, from: "client", to: "kube-apiserver", action: "POST", ok: true }],
});

describe("packed SandboxLog rows", () => {
  it("round-trips a request's entries in order, kinds included", () => {
    const entries: LogEntry[] = [
      { kind: "audit", data: audit("create", "a") },
      { kind: "trace", data: trace("a") },
      { kind: "audit", data: audit("update", "b\u0000c") },
    ];
    const packed = packLogEntries(entries);
    expect(unpackLogEntries(packed)).toEqual(entries);
  });

  it("stores a small pack (a read's audit event and trace) as its JSON, not deflated", () => {
    const entries: LogEntry[] = [
      { kind: "audit", data: audit("list", "pods") },
      { kind: "trace", data: trace("pods") },
    ];
    const json = JSON.stringify(entries.map((e) => [e.kind, e.data]));
    expect(json.length).toBeLessThan(RAW_BELOW);
    const packed = packLogEntries(entries);
    expect(packed[0]).toBe(0x02);
    expect(packed.subarray(1).toString("utf8")).toBe(json);
    expect(unpackLogEntries(packed)).toEqual(entries);
  });

  it("compresses a pack whose JSON reaches RAW_BELOW with Brotli (format 3)", () => {
    const entries: LogEntry[] = Array.from({ length: 20 }, (_, i) => ({
      kind: "audit",
      data: audit("create", `web-${i}`),
    }));
    expect(JSON.stringify(entries.map((e) => [e.kind, e.data])).length).toBeGreaterThanOrEqual(
      RAW_BELOW,
    );
    const packed = packLogEntries(entries);
    expect(packed[0]).toBe(0x03);
    const json = JSON.stringify(entries.map((e) => [e.kind, e.data]));
    expect(brotliDecompressSync(packed.subarray(1)).toString("utf8")).toBe(json);
    expect(unpackLogEntries(packed)).toEqual(entries);
  });

  it("reads format 1 (deflate) rows, written before formats 2 and 3, of any size", () => {
    const entries: LogEntry[] = Array.from({ length: 30 }, (_, i) => ({
      kind: "audit",
      data: audit("get", `x\u00e9-${i}`),
    }));
    const json = JSON.stringify(entries.map((e) => [e.kind, e.data]));
    const packed = Buffer.concat([Buffer.of(0x01), deflateRawSync(Buffer.from(json))]);
    expect(unpackLogEntries(packed)).toEqual(entries);
  });

  it("keeps multi-byte text of a small pack intact", () => {
    const entries: LogEntry[] = [{ kind: "audit", data: audit("get", "파드-\u{1F600}") }];
    const packed = packLogEntries(entries);
    expect(packed[0]).toBe(0x02);
    expect(unpackLogEntries(packed)).toEqual(entries);
  });

  it("stores a write command's repetitive entries several times smaller than their JSON", () => {
    const entries: LogEntry[] = Array.from({ length: 20 }, (_, i) =>
      i % 2
        ? { kind: "trace", data: trace(`web-${i}`) }
        : { kind: "audit", data: audit("create", `web-${i}`) },
    );
    const json = Buffer.byteLength(JSON.stringify(entries.map((e) => e.data)));
    expect(packLogEntries(entries).byteLength).toBeLessThan(json / 4);
  });

  it("numbers a pack's entries from its row's seq", () => {
    const packed = packLogEntries([
      { kind: "audit", data: audit("get", "x") },
      { kind: "trace", data: trace("x") },
    ]);
    const records = entriesOfRow({ seq: 40, kind: "pack", count: 2, data: null, packed });
    expect(records.map((r) => [r.seq, r.kind])).toEqual([
      [40, "audit"],
      [41, "trace"],
    ]);
  });

  it("reads rows written before packing (one entry in data)", () => {
    const data = audit("delete", "old");
    expect(entriesOfRow({ seq: 7, kind: "audit", count: 1, data, packed: null })).toEqual([
      { seq: 7, kind: "audit", data },
    ]);
    expect(entriesOfRow({ seq: 8, kind: "other", count: 1, data, packed: null })).toEqual([]);
  });

  it("refuses a pack of an unknown format with a typed error", () => {
    const bad = Buffer.from([0x7f, 1, 2, 3]);
    expect(() => unpackLogEntries(bad)).toThrow(StoredLogFormatError);
  });
});
