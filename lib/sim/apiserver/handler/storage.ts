// The apiserver's storage layer (registry/generic + storage/etcd3): objects in,
// etcd transactions out. Every write is a Raft proposal, so it first needs a
// quorum; consistent reads need one too.

import { requireLinearizableRead, requireWrite } from "../../etcd/quorum";
import { prefixEnd } from "../../store/store";
import { newAlreadyExists, newForbidden, newNotFound, newStaleConflict } from "../errors";
import type { KubeObject } from "../object";
import { etcdKey, type ResourceInfo } from "../resources/resource-info";
import {
  adoptDecoded,
  decodeObject,
  decodeRow,
  encodeObject,
  rememberDecoded,
  withRevision,
} from "./codec";
import type { RequestContext } from "./context";
import { fromStorage, toStorage } from "./version-conversion";

export function groupResource(info: ResourceInfo) {
  return { group: info.group, resource: info.resource };
}

function keyOf(info: ResourceInfo, namespace: string, name: string): string {
  return etcdKey(info, info.namespaced ? namespace : undefined, name);
}

export interface ReadOptions {
  /** resourceVersion "0": served from the watch cache, no quorum needed (may be stale). */
  fromCache?: boolean;
}

function readCheck(ctx: RequestContext, opts: ReadOptions): void {
  if (opts.fromCache) return;
  requireLinearizableRead(ctx.etcd);
  ctx.trace.recordStep("kube-apiserver", "etcd", "range", "linearizable read");
}

export function getObject(
  ctx: RequestContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
  opts: ReadOptions = {},
): KubeObject {
  readCheck(ctx, opts);
  const row = ctx.writer.getRow(keyOf(info, namespace, name));
  if (!row) throw newNotFound(groupResource(info), name);
  return fromStorage(info, decodeRow(row));
}

export function findObject(
  ctx: RequestContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
) {
  const row = ctx.writer.getRow(keyOf(info, namespace, name));
  return row ? fromStorage(info, decodeRow(row)) : undefined;
}

export interface ListOptions extends ReadOptions {
  /** Read at this revision (continue tokens pin the first page's revision). */
  revision?: number;
  /** Key (after the list prefix) to continue from, inclusive. */
  startAfterPrefix?: string;
  limit?: number;
  filter?: (obj: KubeObject) => boolean;
}

export interface ListResult {
  items: KubeObject[];
  revision: number;
  /** Relative key of the next item when the page was cut by the limit. */
  nextStart?: string;
  remaining?: number;
}

export function listObjects(
  ctx: RequestContext,
  info: ResourceInfo,
  namespace: string,
  opts: ListOptions,
): ListResult {
  readCheck(ctx, opts);
  const prefix =
    info.namespaced && namespace ? `${info.etcdPrefix}${namespace}/` : info.etcdPrefix!;
  const start = prefix + (opts.startAfterPrefix ?? "");
  const res = ctx.writer.range({
    key: start,
    rangeEnd: prefixEnd(prefix),
    revision: opts.revision,
  });
  const items: KubeObject[] = [];
  let nextStart: string | undefined;
  let lastKey = "";
  let remaining = 0;
  for (const kv of res.kvs) {
    const obj = fromStorage(info, decodeObject(kv));
    if (opts.filter && !opts.filter(obj)) continue;
    if (opts.limit && items.length >= opts.limit) {
      // Like the apiserver's token: continue strictly after the last returned key.
      if (nextStart === undefined) nextStart = lastKey.slice(prefix.length) + "\0";
      remaining++;
      continue;
    }
    items.push(obj);
    lastKey = kv.key;
  }
  const revision = opts.revision ?? ctx.writer.currentRevision;
  return nextStart === undefined ? { items, revision } : { items, revision, nextStart, remaining };
}

function proposal(ctx: RequestContext, action: string, key: string): void {
  ctx.etcd = requireWrite(ctx.etcd);
  ctx.trace.record({
    from: "kube-apiserver",
    to: "etcd",
    action,
    detail: key,
    revision: ctx.writer.currentRevision + 1,
  });
}

export function countObjects(ctx: RequestContext): number {
  // Every key the apiserver writes lives under /registry/.
  return ctx.writer.liveCount();
}

/** kube-apiserver's --event-ttl default: Events live one hour. */
export const EVENT_TTL_SECONDS = 3600;
/** The apiserver's lease manager shares one lease among writes within a minute. */
const LEASE_REUSE_SECONDS = 60;

/** Events are written with an etcd lease, so etcd itself deletes them after the TTL. */
function leaseFor(ctx: RequestContext, info: ResourceInfo): number {
  if (info.resource !== "events" || (info.group !== "" && info.group !== "events.k8s.io")) return 0;
  const fresh = ctx.now + (EVENT_TTL_SECONDS - LEASE_REUSE_SECONDS) * 1000;
  const reusable = ctx.writer
    .leaseList()
    .find((l) => l.ttl === EVENT_TTL_SECONDS && l.expiresAt >= fresh);
  return (reusable ?? ctx.writer.grantLease(EVENT_TTL_SECONDS)).id;
}

export function createObject(ctx: RequestContext, info: ResourceInfo, obj: KubeObject): KubeObject {
  const name = obj.metadata.name ?? "";
  const key = keyOf(info, obj.metadata.namespace ?? "", name);
  if (ctx.writer.getRow(key)) throw newAlreadyExists(groupResource(info), name);
  if (countObjects(ctx) >= ctx.limits.maxObjects) {
    throw newForbidden(
      groupResource(info),
      name,
      `이 샌드박스에는 객체를 ${ctx.limits.maxObjects}개까지만 저장할 수 있습니다. 쓰지 않는 객체를 지운 뒤 다시 시도하세요`,
    );
  }
  proposal(ctx, "txn: create", key);
  const stored = toStorage(info, obj);
  const value = encodeObject(stored);
  // etcd3 store's Create: a txn putting the key if its mod revision is 0 (absent).
  const row = ctx.writer.putIfModRevision(key, 0, value, leaseFor(ctx, info));
  if (!row) throw newAlreadyExists(groupResource(info), name);
  // The object as stored is the one the response carries (no conversion): it becomes the
  // row's decode. A create's object is its own (fillSystemFields copied the metadata).
  if (stored === obj) return adoptDecoded(row, stored);
  rememberDecoded(row, stored);
  return withRevision(obj, row.revision);
}

/** Writes `obj` if the stored object is still at `expectedRevision`, else 409 Conflict. */
export function updateObject(
  ctx: RequestContext,
  info: ResourceInfo,
  obj: KubeObject,
  expectedRevision: number,
): KubeObject {
  const name = obj.metadata.name ?? "";
  const key = keyOf(info, obj.metadata.namespace ?? "", name);
  proposal(ctx, "txn: update", key);
  const stored = toStorage(info, obj);
  const value = encodeObject(stored);
  // GuaranteedUpdate's txn: put if the key is still at the revision the update read.
  const row = ctx.writer.putIfModRevision(key, expectedRevision, value, leaseFor(ctx, info));
  if (!row) {
    if (!ctx.writer.getRow(key)) throw newNotFound(groupResource(info), name);
    throw newStaleConflict(groupResource(info), name);
  }
  const read = rememberDecoded(row, stored);
  // The object as stored is the one the response carries (no conversion): share it.
  if (stored === obj) return read;
  return withRevision(obj, row.revision);
}

export function removeObject(
  ctx: RequestContext,
  info: ResourceInfo,
  obj: KubeObject,
  expectedRevision: number,
): void {
  const name = obj.metadata.name ?? "";
  const key = keyOf(info, obj.metadata.namespace ?? "", name);
  proposal(ctx, "txn: delete", key);
  const res = ctx.writer.txn(
    [{ key, target: "mod", result: "=", value: expectedRevision }],
    [{ op: "delete", key }],
  );
  if (!res.succeeded) {
    if (!ctx.writer.get(key)) throw newNotFound(groupResource(info), name);
    throw newStaleConflict(groupResource(info), name);
  }
}
