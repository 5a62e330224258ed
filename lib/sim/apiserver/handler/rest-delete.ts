// DELETE and deletecollection: preconditions, graceful deletion (pods),
// finalizers and propagation policy (foreground/orphan finalizers), namespace
// termination. Objects with finalizers or a grace period are only marked; the
// garbage collector / kubelet / namespace controller finish the job (part 2).

import { formatTime } from "../../clock";
import { newConflict } from "../errors";
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import type { RequestContext } from "./context";
import type { DeleteOptions } from "./request-options";
import { getObject, groupResource, listObjects, removeObject, updateObject } from "./storage";
import { gracePeriodSeconds, markNamespaceTerminating, returnsDeletedObject } from "./strategy";
import type { UserInfo } from "./types";

export interface DeleteInput {
  info: ResourceInfo;
  namespace: string;
  name: string;
  options: DeleteOptions;
  user: UserInfo;
  dryRun: boolean;
}

export interface DeleteOutcome {
  /** 200 with the object (marked or as deleted) or a Status; 202 when only marked (finalizers pending). */
  code: 200 | 202;
  body: unknown;
  deletedNow: boolean;
}

const FOREGROUND = "foregroundDeletion";
const ORPHAN = "orphan";

function successStatus(info: ResourceInfo, obj: KubeObject) {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    details: {
      name: obj.metadata.name,
      ...(info.group ? { group: info.group } : {}),
      kind: info.resource,
      uid: obj.metadata.uid,
    },
  };
}

export function deleteResource(ctx: RequestContext, input: DeleteInput): DeleteOutcome {
  const { info, options } = input;
  const obj = getObject(ctx, info, input.namespace, input.name);
  const pre = options.preconditions ?? {};
  if (pre.uid && pre.uid !== obj.metadata.uid) {
    throw newConflict(
      groupResource(info),
      input.name,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`,
    );
  }
  if (pre.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
    throw newConflict(
      groupResource(info),
      input.name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`,
    );
  }
  ctx.plugins.admit({
    operation: "DELETE",
    info,
    subresource: "",
    namespace: input.namespace,
    name: input.name,
    object: obj,
    oldObject: obj,
    user: input.user,
    lookup: ctx.lookup,
    randomSuffix: (n) => ctx.rng.suffix(n),
    now: ctx.now,
  });
  const rev = Number(obj.metadata.resourceVersion);

  // Namespaces terminate through their finalizer (spec.finalizers: ["kubernetes"]).
  if (info.group === "" && info.resource === "namespaces") {
    const finalizers = ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [])
      .length;
    if (finalizers > 0 || (obj.metadata.finalizers ?? []).length > 0) {
      if (obj.metadata.deletionTimestamp) return { code: 200, body: obj, deletedNow: false };
      const marked = markNamespaceTerminating(obj, ctx.now);
      return {
        code: 200,
        body: input.dryRun ? marked : updateObject(ctx, info, marked, rev),
        deletedNow: false,
      };
    }
  }

  const finalizers = [...(obj.metadata.finalizers ?? [])];
  const policy = options.propagationPolicy;
  if (policy === "Foreground" && !finalizers.includes(FOREGROUND)) finalizers.push(FOREGROUND);
  if (policy === "Orphan" && !finalizers.includes(ORPHAN)) finalizers.push(ORPHAN);
  const grace = gracePeriodSeconds(info, obj, options.gracePeriodSeconds);

  if (finalizers.length > 0 || grace > 0) {
    // Already terminating: a second delete only shortens the grace period.
    if (
      obj.metadata.deletionTimestamp &&
      finalizers.length === (obj.metadata.finalizers ?? []).length
    ) {
      const current = obj.metadata.deletionGracePeriodSeconds ?? 0;
      if (grace >= current) return { code: 200, body: obj, deletedNow: false };
    }
    const marked: KubeObject = {
      ...obj,
      metadata: {
        ...obj.metadata,
        deletionTimestamp:
          obj.metadata.deletionTimestamp && grace === 0
            ? obj.metadata.deletionTimestamp
            : formatTime(ctx.now + grace * 1000),
        deletionGracePeriodSeconds: grace,
        ...(finalizers.length ? { finalizers } : {}),
      },
    };
    const body = input.dryRun ? marked : updateObject(ctx, info, marked, rev);
    // With finalizers still pending the apiserver answers 202 Accepted (pods with a grace period: 200).
    return { code: finalizers.length > 0 ? 202 : 200, body, deletedNow: false };
  }

  if (!input.dryRun) removeObject(ctx, info, obj, rev);
  return {
    code: 200,
    body: returnsDeletedObject(info) ? obj : successStatus(info, obj),
    deletedNow: true,
  };
}

export function deleteCollection(
  ctx: RequestContext,
  input: Omit<DeleteInput, "name">,
  filter: ((o: KubeObject) => boolean) | undefined,
): KubeObject[] {
  const { items, revision } = listObjects(ctx, input.info, input.namespace, { filter });
  const deleted: KubeObject[] = [];
  for (const item of items) {
    const out = deleteResource(ctx, { ...input, name: item.metadata.name ?? "" });
    deleted.push(out.body as KubeObject);
  }
  void revision;
  return deleted;
}
