// Watch: the store's rows after a revision, as ADDED/MODIFIED/DELETED of the
// resource, filtered by selectors (an object leaving the selection is DELETED,
// entering it ADDED), with an optional BOOKMARK and the 410 ERROR event once the
// requested revision has been compacted - all as kube-apiserver's watch cache does.

import { requireLinearizableRead } from "../../etcd/quorum";
import { StoreError } from "../../store/errors";
import { prefixEnd } from "../../store/store";
import { watchEvents } from "../../store/watch";
import { newResourceExpired } from "../errors";
import type { KubeObject } from "../object";
import { apiVersionOf, type ResourceInfo } from "../resources/resource-info";
import { decodeObject } from "./codec";
import type { RequestContext } from "./context";
import { selectorFilter } from "./rest-read";
import { parseResourceVersion } from "./request-options";
import { listObjects } from "./storage";
import type { WatchEvent } from "./types";
import { fromStorage } from "./version-conversion";

export interface WatchResult {
  events: WatchEvent[];
  resourceVersion: string;
}

function withType(info: ResourceInfo, obj: KubeObject): KubeObject {
  return fromStorage(info, obj);
}

export function watchResource(
  ctx: RequestContext,
  info: ResourceInfo,
  namespace: string,
  query: URLSearchParams,
): WatchResult {
  const filter = selectorFilter(ctx, info, query) ?? (() => true);
  const rvText = query.get("resourceVersion");
  const rv = parseResourceVersion(rvText);
  const events: WatchEvent[] = [];
  const current = ctx.writer.currentRevision;
  let from: number;
  if (rv === undefined || rv === 0) {
    // "Get State and Start at Most Recent": the current objects as ADDED first.
    if (rv === undefined) requireLinearizableRead(ctx.etcd);
    const { items } = listObjects(ctx, info, namespace, { fromCache: true, filter });
    for (const item of items) events.push({ type: "ADDED", object: withType(info, item) });
    from = current + 1;
  } else {
    from = rv + 1;
  }
  const prefix =
    info.namespaced && namespace ? `${info.etcdPrefix}${namespace}/` : info.etcdPrefix!;
  let rows;
  try {
    rows = watchEvents(ctx.writer.commitPreview(), {
      key: prefix,
      rangeEnd: prefixEnd(prefix),
      startRevision: from,
    });
  } catch (err) {
    if (err instanceof StoreError && err.code === "compacted") {
      const status = newResourceExpired(
        `too old resource version: ${rv} (${err.compactRevision})`,
      ).status;
      return { events: [{ type: "ERROR", object: status }], resourceVersion: String(current) };
    }
    throw err;
  }
  for (const ev of rows) {
    if (ev.type === "DELETE") {
      if (!ev.prevKv) continue;
      const prev = decodeObject(ev.prevKv);
      if (!filter(prev)) continue;
      const gone = {
        ...prev,
        metadata: { ...prev.metadata, resourceVersion: String(ev.kv.modRevision) },
      };
      events.push({ type: "DELETED", object: withType(info, gone) });
      continue;
    }
    const obj = decodeObject(ev.kv);
    const now = filter(obj);
    const before = ev.prevKv ? filter(decodeObject(ev.prevKv)) : false;
    if (now && !ev.prevKv) events.push({ type: "ADDED", object: withType(info, obj) });
    else if (now && before) events.push({ type: "MODIFIED", object: withType(info, obj) });
    else if (now && !before) events.push({ type: "ADDED", object: withType(info, obj) });
    else if (!now && before) events.push({ type: "DELETED", object: withType(info, obj) });
  }
  if (query.get("allowWatchBookmarks") === "true") {
    events.push({
      type: "BOOKMARK",
      object: {
        apiVersion: apiVersionOf(info),
        kind: info.kind,
        metadata: { resourceVersion: String(current) },
      },
    });
  }
  return { events, resourceVersion: String(current) };
}
