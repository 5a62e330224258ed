// A request's audit events and traces are stored as ONE SandboxLog row: kind "pack",
// `seq` the first entry's sequence number, `count` entries, `packed` their JSON
// (compressed unless short, formats below). One row per entry cost Postgres an insert, an
// index entry and a jsonb parse per entry (~20 for a write command, ~6 for a read whose catch-up renewed
// Leases) and sent ~25 KB of JSON per write command; the entries of one request
// repeat the same users, components and paths, so deflate makes them ~10× smaller,
// and a row under a page stays inline (toast_tuple_target, see the migration).
// Rows written before (kind "audit" / "trace", one entry in `data`) stay readable.
//
// Format 1: the byte 0x01, then a raw-deflate stream of the UTF-8 JSON
// [[kind, data], ...] in sequence order.
// Format 2: the byte 0x02, then that JSON as it is. Used for a pack whose JSON is shorter
// than RAW_BELOW characters: a read command's one audit event and one trace (~1.1-2 KiB).
// A deflate call costs a zlib stream object and its ~256 KiB of state whatever the input,
// and was most of a read's packing time (real packs of the load test's reads: 45 -> 8 µs
// per pack, bench/log-pack.ts), for ~1 KiB saved on a row that stays inline either way
// (STORAGE EXTERNAL, toast_tuple_target 8160: Postgres does not compress it). Writes'
// packs (20-60 KiB of repetitive JSON) are compressed (format 3).
// Format 3: the byte 0x03, then a Brotli stream (quality 0, 64 KiB window) of that JSON.
// On the load test's write packs (26 KiB of JSON on average) it compresses as well as
// deflate level 1 (2.6 KiB) in about half the CPU (25-29 vs 54-64 µs, bench/log-pack.ts
// packs alone, load 16), and decompresses as fast. Format 1 is no longer written.
// Formats 2 and 3 are written as ASCII-only JSON (non-ASCII characters as \uXXXX escapes,
// asciiJson below); rows written before hold UTF-8 JSON, which the same reader reads (JSON.parse
// gives the same strings either way), so no format number changed.
// An instance older than a format reading such a row throws StoredLogFormatError (roll
// instances forward, not back).

import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from "node:zlib";

export type LogKind = "audit" | "trace";

export interface LogEntry {
  kind: LogKind;
  data: unknown;
}

/** One stored entry with its sequence number. */
export interface LogRecord<T = unknown> {
  seq: number;
  kind: LogKind;
  data: T;
}

/** A SandboxLog row as selected by the readers (log-read.ts). */
export interface StoredLogRow {
  seq: number;
  kind: string;
  count: number;
  data: unknown;
  packed: Buffer | null;
}

const FORMAT_1 = 0x01;
const FORMAT_2 = 0x02;
const FORMAT_3 = 0x03;

/** Packs whose JSON is shorter than this (UTF-16 units) are stored uncompressed (format 2). */
export const RAW_BELOW = 2048;

/** A packed row written by a newer format than this code knows. */
export class StoredLogFormatError extends Error {
  override readonly name = "StoredLogFormatError";
  constructor(readonly marker: number | undefined) {
    super(`unknown stored log format (first byte ${marker === undefined ? "none" : marker})`);
  }
}

export function packLogEntries(entries: readonly LogEntry[]): Buffer {
  // The JSON written straight into the row's buffer after its format byte: no joined string of
  // the whole pack (a write's is 20-60 KiB on V8's heap) and no second copy of it.
  const json = asciiJson(entries);
  if (json.length - 1 < RAW_BELOW) {
    json[0] = FORMAT_2;
    return json;
  }
  const input = json.subarray(1);
  // Quality 0: the entries' repetition is local (one request's users and paths), so the
  // fastest setting already finds it; a 64 KiB window holds a whole pack but a few.
  const body = brotliCompressSync(input, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 0,
      [constants.BROTLI_PARAM_LGWIN]: 16,
      [constants.BROTLI_PARAM_SIZE_HINT]: input.byteLength,
    },
  });
  const out = Buffer.allocUnsafe(body.byteLength + 1);
  out[0] = FORMAT_3;
  body.copy(out, 1);
  return out;
}

const AUDIT_HEAD = '["audit",';
const NON_ASCII_ALL = /[\u0080-\uffff]/g;
const escapeUnit = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * One byte (left for the format), then the JSON [[kind, data], ...] of the entries, with every
 * non-ASCII character written as a \uXXXX escape (JSON.parse reads back the same strings). One
 * non-ASCII character (the scheduler's bind step, "default/web-0-… → worker1") made
 * JSON.stringify of the whole pack a two-byte string, and encoding a fresh two-byte string to
 * UTF-8 cost ~6x an ASCII one (a scale write's 71 KB pack: ~350 against ~50 µs, plus a slower
 * stringify). Stringified entry by entry, only the entries holding such a character are
 * two-byte; their escaped text is made one-byte again, so every part is one byte per character
 * and "latin1" writes it as a plain copy.
 */
function asciiJson(entries: readonly LogEntry[]): Buffer {
  const parts = new Array<string>(entries.length);
  // "[", "]", a comma between entries, and `["kind",` + "]" around each entry's JSON.
  let length = 2 + Math.max(0, entries.length - 1);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    let json = JSON.stringify(e.data) ?? "null";
    // Its UTF-8 length is its length exactly when every character is ASCII (any other takes 2-3
    // bytes; JSON.stringify escapes lone surrogates). Node counts it without a copy, ~10-50x
    // faster than a regular expression's scan (a write's pack: ~60 KiB of JSON).
    if (Buffer.byteLength(json, "utf8") !== json.length) {
      // replace() keeps its subject's two-byte representation: a latin1 round trip of the
      // (now ASCII) text gives a one-byte string.
      json = Buffer.from(json.replace(NON_ASCII_ALL, escapeUnit), "latin1").toString("latin1");
    }
    parts[i] = json;
    length += e.kind.length + 5 + json.length;
  }
  const out = Buffer.allocUnsafe(1 + length);
  let at = 1;
  out[at++] = 0x5b; // [
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) out[at++] = 0x2c; // ,
    // The kind is one of LogKind's ASCII names; written apart from the JSON so that no joined
    // string is made (writing one would flatten it).
    const kind = entries[i]!.kind;
    at += out.write(kind === "audit" ? AUDIT_HEAD : `["${kind}",`, at, "latin1");
    at += out.write(parts[i]!, at, "latin1");
    out[at++] = 0x5d; // ]
  }
  out[at] = 0x5d; // ]
  return out;
}

function unpackPairs(packed: Buffer): [LogKind, unknown][] {
  const body = packed.subarray(1);
  let json: Buffer;
  if (packed[0] === FORMAT_2) json = body;
  else if (packed[0] === FORMAT_3) json = brotliDecompressSync(body);
  else if (packed[0] === FORMAT_1) json = inflateRawSync(body);
  else throw new StoredLogFormatError(packed[0]);
  return JSON.parse(json.toString("utf8")) as [LogKind, unknown][];
}

export function unpackLogEntries(packed: Buffer): LogEntry[] {
  return unpackPairs(packed).map(([kind, data]) => ({ kind, data }));
}

/** The entries a row holds, oldest first: one for an old single-entry row, `count` for a pack. */
export function entriesOfRow(row: StoredLogRow): LogRecord[] {
  if (row.kind !== "pack") {
    return row.kind === "audit" || row.kind === "trace"
      ? [{ seq: row.seq, kind: row.kind, data: row.data }]
      : [];
  }
  if (!row.packed) return [];
  // Built as literals: a spread adding keys to an object costs V8 several microseconds
  // per entry (notes/interfaces.md, E2), and graders read thousands of entries.
  const pairs = unpackPairs(row.packed);
  const out = new Array<LogRecord>(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const [kind, data] = pairs[i]!;
    out[i] = { seq: row.seq + i, kind, data };
  }
  return out;
}
