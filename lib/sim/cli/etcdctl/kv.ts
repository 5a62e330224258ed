// etcdctl get / put / del and the printers of their responses (simple, json, fields;
// the table printer has no form for them). A historical read (--rev) and the
// linearizable/serializable choice go through the etcd model's quorum rules.

import { etcdRead, etcdWrite } from "../../etcd/control";
import { prefixEnd, range, type RangeResult } from "../../store/store";
import type { KeyValue } from "../../store/types";
import type { SandboxState } from "../../state";
import type { CommandContext, CommandResult } from "../types";
import {
  b64,
  etcdctlError,
  flagBool,
  flagString,
  goQuote,
  header,
  headerFields,
  headerJson,
  unsupportedFormat,
  writeOut,
  EXIT,
  type Flags,
} from "./common";

export const REGISTRY_NOTE =
  "# 참고: 실제 etcd는 /registry/ 값을 protobuf 바이트로 저장합니다. 이 시뮬레이터는 읽을 수 있는 JSON으로 보여 줍니다.\n";

const ok = (stdout: string, stderr = ""): CommandResult => ({ stdout, stderr, exitCode: 0 });

/** printKV: the key line (unless --print-value-only), then the value line. */
export function simpleKv(kv: KeyValue, valueOnly: boolean): string {
  return `${valueOnly ? "" : `${kv.key}\n`}${kv.value}\n`;
}

export function jsonKv(kv: KeyValue): string {
  const parts = [`"key":"${b64(kv.key)}"`];
  if (kv.createRevision) parts.push(`"create_revision":${kv.createRevision}`);
  if (kv.modRevision) parts.push(`"mod_revision":${kv.modRevision}`);
  if (kv.version) parts.push(`"version":${kv.version}`);
  if (kv.value) parts.push(`"value":"${b64(kv.value)}"`);
  if (kv.lease) parts.push(`"lease":${kv.lease}`);
  return `{${parts.join(",")}}`;
}

function fieldsKv(kv: KeyValue, pfx = ""): string {
  return (
    `"${pfx}Key" : ${goQuote(kv.key)}\n"${pfx}CreateRevision" : ${kv.createRevision}\n` +
    `"${pfx}ModRevision" : ${kv.modRevision}\n"${pfx}Version" : ${kv.version}\n` +
    `"${pfx}Value" : ${goQuote(kv.value)}\n"${pfx}Lease" : ${kv.lease}\n`
  );
}

/** The simple printer's Get (also used for a txn's get responses). */
export function simpleGet(r: RangeResult, p: Flags): string {
  if (flagBool(p, "count-only")) return `${r.count}\n`;
  return r.kvs.map((kv) => simpleKv(kv, flagBool(p, "print-value-only"))).join("");
}

function printGet(state: SandboxState, r: RangeResult, p: Flags): string {
  const w = writeOut(p);
  const h = header(state);
  if (w === "json") {
    const body = [`"header":${headerJson(h)}`];
    if (r.kvs.length) body.push(`"kvs":[${r.kvs.map(jsonKv).join(",")}]`);
    if (r.more) body.push(`"more":true`);
    if (r.count) body.push(`"count":${r.count}`);
    return `{${body.join(",")}}\n`;
  }
  if (w === "fields")
    return `${headerFields(h)}${r.kvs.map((kv) => fieldsKv(kv)).join("")}"More" : ${r.more}\n"Count" : ${r.count}\n`;
  if (w !== "simple") throw unsupportedFormat(w);
  return simpleGet(r, p);
}

/** The range a key argument plus --prefix / --from-key / range_end names. */
export function keyRange(key: string, p: Flags, end?: string): string | undefined {
  if (flagBool(p, "prefix")) return prefixEnd(key);
  if (flagBool(p, "from-key")) return "\0";
  return end;
}

export function get(state: SandboxState, args: string[], p: Flags): CommandResult {
  const [key, end] = args;
  if (key === undefined || args.length > 2)
    throw etcdctlError(
      "get command needs one argument as key and an optional argument as range_end",
      EXIT.badArgs,
    );
  if (flagBool(p, "prefix") && flagBool(p, "from-key"))
    throw etcdctlError(
      "`--prefix` and `--from-key` cannot be set at the same time, choose one",
      EXIT.badArgs,
    );
  const rangeEnd = keyRange(key, p, end);
  const r = etcdRead(
    state,
    (s) =>
      range(s, {
        key,
        ...(rangeEnd !== undefined ? { rangeEnd } : {}),
        revision: Number(flagString(p, "rev") ?? 0),
        limit: Number(flagString(p, "limit") ?? 0),
        countOnly: flagBool(p, "count-only"),
        keysOnly: flagBool(p, "keys-only"),
      }),
    flagString(p, "consistency") === "s" ? "s" : "l",
  );
  const note =
    writeOut(p) === "simple" &&
    !flagBool(p, "keys-only") &&
    r.kvs.some((kv) => kv.key.startsWith("/registry/"))
      ? REGISTRY_NOTE
      : "";
  return ok(printGet(state, r, p), note);
}

export async function put(ctx: CommandContext, args: string[], p: Flags): Promise<CommandResult> {
  const [key] = args;
  // With one argument the value is read from stdin (etcdctl put key < file).
  const value =
    args.length === 2 ? args[1] : args.length === 1 && ctx.stdin ? ctx.stdin : undefined;
  if (key === undefined || value === undefined || args.length > 2)
    throw etcdctlError(
      "put command needs 1 argument and input from stdin or 2 arguments",
      EXIT.badArgs,
    );
  const lease = parseInt(flagString(p, "lease") ?? "0", 16);
  if (Number.isNaN(lease))
    throw etcdctlError(
      `bad lease ID (${flagString(p, "lease")}), expecting ID in Hex`,
      EXIT.badArgs,
    );
  const w = writeOut(p);
  const r = await ctx.env.etcdStep((s, now) => {
    const out = etcdWrite(s, now, (wr) => wr.put(key, value, lease));
    return { ...out, result: { ...out.result, h: header(out.state) } };
  });
  if (w === "json")
    return ok(
      `{"header":${headerJson(r.h)}${r.prevKv && flagBool(p, "prev-kv") ? `,"prev_kv":${jsonKv(r.prevKv)}` : ""}}\n`,
    );
  if (w === "fields")
    return ok(
      `${headerFields(r.h)}${r.prevKv && flagBool(p, "prev-kv") ? fieldsKv(r.prevKv, "Prev") : ""}`,
    );
  if (w !== "simple") throw unsupportedFormat(w);
  return ok(`OK\n${r.prevKv && flagBool(p, "prev-kv") ? simpleKv(r.prevKv, false) : ""}`);
}

export async function del(ctx: CommandContext, args: string[], p: Flags): Promise<CommandResult> {
  const [key, end] = args;
  if (key === undefined || args.length > 2)
    throw etcdctlError(
      "del command needs one argument as key and an optional argument as range_end",
      EXIT.badArgs,
    );
  const rangeEnd = keyRange(key, p, end);
  const w = writeOut(p);
  const r = await ctx.env.etcdStep((s, now) => {
    const out = etcdWrite(s, now, (wr) => wr.delete(key, rangeEnd));
    return { ...out, result: { ...out.result, h: header(out.state) } };
  });
  const prev = flagBool(p, "prev-kv") ? r.prevKvs : [];
  if (w === "json") {
    const body = [`"header":${headerJson(r.h)}`];
    if (r.deleted) body.push(`"deleted":${r.deleted}`);
    if (prev.length) body.push(`"prev_kvs":[${prev.map(jsonKv).join(",")}]`);
    return ok(`{${body.join(",")}}\n`);
  }
  if (w === "fields")
    return ok(
      `${headerFields(r.h)}"Deleted" : ${r.deleted}\n${prev.map((kv) => fieldsKv(kv, "Prev")).join("")}`,
    );
  if (w !== "simple") throw unsupportedFormat(w);
  return ok(`${r.deleted}\n${prev.map((kv) => simpleKv(kv, false)).join("")}`);
}
