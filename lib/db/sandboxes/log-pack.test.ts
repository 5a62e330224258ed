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

const OLD_UTF8_PACK =
  "AwOlBQCAqqqq6v90deCzGpibe3p4uJ4jDn51gDgZ2EFNVcxdw8xULVRFzcDBwADiFCc/RVziEABxvsc1IADy/67699xb3TOqy9sY7ooXCwsLGxureplRHXz48GMwGIzjTFbVYDAYDAaDOdQZkYrSKBwW2kn2nuCHXpZQyViGmNFaZyDxOJJjCIwUakjoQIoJAilSgJyRIgWneoJEvEamXrappizqC5nUUYDAOfg0RMjS1/DDUIkv5NhqxWRQLQK+fibNJ2ogZwSKPgVNkBi8iRBwqqc4KE2QMNSo1DHu4PcLiYnqbI1FQDnnWbH1LkLOcJ4JEn+32+/H1+r/9+crlqUSJTgoTRAzygvz4wMkrMmKgl7+WqCXRJGfTkdI5Gqw+VjkGRoj5vlJfzD54E3MJ6qzIq+tM9adIaC9IcjNuhAgx8FShCxnKIYs9ofd/Wa9vttvi0LAt5AcEgk0wfeQiPpCJnUUIMAeEm2qKVODjRRGChBQmq13kKitMxAwxMp2kDAEIuAcfbb6eXtfTT60FAosFQSACv7TimTfuA/1rftg37qfCudb97PA+T/3ob5zH+w791PhfOd+Fji/cx/qe/fBvnc/Fc737meB83v3oX5wH+wH91Ph/OB+FjgvLK0PfgBT66fE1loxtrwa";

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

  it("stores non-ASCII text as JSON escapes, every byte ASCII, and reads back the same strings", () => {
    const text = "default/web-0 \u2192 worker1 파드 \u{1F600} \u00e9 lone \ud800";
    const entries: LogEntry[] = [
      { kind: "audit", data: audit("create", "a") },
      { kind: "trace", data: { ...trace("b"), entries: [{ at: 1, detail: text, ok: true }] } },
      { kind: "audit", data: { ...audit("get", "파드"), annotations: { note: text } } },
    ];
    for (const many of [1, 40]) {
      const all = Array.from({ length: many }, () => entries).flat();
      const packed = packLogEntries(all);
      expect(packed[0]).toBe(many === 1 ? 0x02 : 0x03);
      const stored =
        packed[0] === 0x02 ? packed.subarray(1) : brotliDecompressSync(packed.subarray(1));
      expect(stored.every((b) => b < 0x80)).toBe(true);
      const read = unpackLogEntries(packed);
      expect(read).toEqual(all);
      // Byte-identical once serialized again: what the trace and audit views print.
      expect(JSON.stringify(read.map((e) => e.data))).toBe(JSON.stringify(all.map((e) => e.data)));
    }
  });

  it("escapes an entry whose only non-ASCII character is a Latin-1 one (one byte in latin1)", () => {
    for (const ch of ["\u0080", "\u00e9", "\u00ff"]) {
      const entries: LogEntry[] = [{ kind: "audit", data: { ...audit("get", "a"), note: ch } }];
      const packed = packLogEntries(entries);
      expect(packed[0]).toBe(0x02);
      expect(packed.subarray(1).every((b) => b < 0x80)).toBe(true);
      expect(packed.subarray(1).toString("latin1")).toContain(
        `\\u00${ch.charCodeAt(0).toString(16)}`,
      );
      expect(unpackLogEntries(packed)).toEqual(entries);
    }
  });

  it("reads a stored format-3 pack written as UTF-8 before the ASCII escapes", () => {
    // Written by packLogEntries of main at 72115b9 (12 entries: traces with the bind step's
    // arrow, audit events with Korean and an emoji in an annotation).
    const stored = Buffer.from(OLD_UTF8_PACK, "base64");
    expect(stored[0]).toBe(0x03);
    expect(brotliDecompressSync(stored.subarray(1)).toString("utf8")).toContain("\u2192 worker1");
    const read = unpackLogEntries(stored);
    expect(read).toHaveLength(12);
    expect(read[1]).toEqual({
      kind: "trace",
      data: {
        auditID: "id-1",
        verb: "create",
        requestURI: "/api/v1/namespaces/default/pods/web-1/binding",
        code: 201,
        entries: [
          {
            at: 1795820067311,
            ok: true,
            from: "scheduler",
            to: "kube-apiserver",
            action: "bind",
            detail: "default/web-1 \u2192 worker1",
          },
        ],
      },
    });
    expect(read[0]!.data).toMatchObject({ annotations: { note: "파드 \u{1F600}" } });
  });

  it("writes exactly the JSON of [[kind, data], ...], stored or compressed", () => {
    const json = (entries: LogEntry[]) =>
      JSON.stringify(entries.map((e) => [e.kind, e.data])).replace(
        /[\u0080-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
      );
    const body = (packed: Buffer) =>
      (packed[0] === 0x02 ? packed.subarray(1) : brotliDecompressSync(packed.subarray(1))).toString(
        "latin1",
      );
    const packs: LogEntry[][] = [
      [],
      [{ kind: "audit", data: undefined }],
      [
        { kind: "trace", data: trace("파드") },
        { kind: "audit", data: audit("get", "a") },
      ],
      Array.from({ length: 40 }, (_, i): LogEntry =>
        i % 3
          ? { kind: "audit", data: audit("create", `web-${i}-é`) }
          : { kind: "trace", data: trace(`w${i}`) },
      ),
    ];
    for (const entries of packs) expect(body(packLogEntries(entries))).toBe(json(entries));
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
