// POST: create an object - system fields, generateName, mutating admission,
// validation, validating admission (quota), then the etcd create txn.

import { formatTime } from "../../clock";
import { newGenerateNameConflict, isAlreadyExists } from "../errors";
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import { admitDetail } from "./admit-detail";
import type { RequestContext } from "./context";
import {
  checkUnknownFields,
  reconcileNamespace,
  requireBodyObject,
  throwIfInvalid,
} from "./object-checks";
import type { AdmissionRequest } from "./plugins";
import type { UserInfo } from "./types";
import { createObject, groupResource, updateObject } from "./storage";
import { hasStatusSubresource, prepareForCreate } from "./strategy";
import { type ManagerRef, updateManagedFields } from "../apply/managed-fields";
import { applyDefaults } from "../admission/defaults";
import { adoptPrivateCopy, withPrivateCopies } from "../admission/util";

export interface CreateInput {
  info: ResourceInfo;
  namespace: string;
  body: unknown;
  user: UserInfo;
  fieldValidation: string | null;
  dryRun: boolean;
  warnings: string[];
  /** The field manager to record the created fields under (absent: already recorded by apply). */
  manager?: ManagerRef;
}

/** Metadata a create drops from the body: the server sets them (or leaves them unset). */
const SERVER_SET = new Set([
  "resourceVersion",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "generation",
]);

/** FillObjectMetaSystemFields + generateName: what the server owns on create. */
function fillSystemFields(ctx: RequestContext, obj: KubeObject): KubeObject {
  // Built key by key from an empty literal, not a spread copy: uid and creationTimestamp are
  // added to it, which is V8's slow path on a spread copy (json-value.ts copyForAdding).
  const src = obj.metadata as Record<string, unknown>;
  const meta: Record<string, unknown> = {};
  for (const key of Object.keys(src)) if (!SERVER_SET.has(key)) meta[key] = src[key];
  if (!meta.name && meta.generateName) meta.name = String(meta.generateName) + ctx.rng.suffix(5);
  meta.uid = ctx.rng.uuid();
  meta.creationTimestamp = formatTime(ctx.now);
  return { ...obj, metadata: meta as KubeObject["metadata"] };
}

export function createResource(ctx: RequestContext, input: CreateInput): KubeObject {
  const { info } = input;
  let obj = requireBodyObject(input.body, info);
  obj = checkUnknownFields(ctx, obj, info, input.fieldValidation, input.warnings);
  obj = reconcileNamespace(obj, info, input.namespace);
  const generated = !obj.metadata.name && !!obj.metadata.generateName;
  obj = fillSystemFields(ctx, obj);
  const name = obj.metadata.name ?? "";
  // A literal per call rather than a spread adding `object` to a shared base: such a spread is
  // V8's slow path (~2 µs, twice per create).
  const admissionOf = (object: KubeObject): AdmissionRequest => ({
    operation: "CREATE",
    info,
    subresource: "",
    namespace: input.namespace,
    name,
    object,
    user: input.user,
    lookup: ctx.lookup,
    randomSuffix: ctx.randomSuffix,
    now: ctx.now,
  });
  obj = withPrivateCopies(() => {
    let o = obj;
    if (input.manager) {
      // The decoder defaults the object before the field manager runs: the creator owns
      // the defaulted fields too (imagePullPolicy, strategy, dnsPolicy...). A kind nothing
      // defaults or admission changes (an Event) is not copied at all: every later step only
      // reads what the body holds (the handler owns an in-process body: ApiRequest.body).
      if (ctx.plugins.createLeavesContent?.(info) !== true) {
        o = applyDefaults(o, info, { decodeOnly: true });
      }
      // A shallow copy of that private copy, plus the managedFields (admission leaves them).
      o = adoptPrivateCopy(
        updateManagedFields({
          old: undefined,
          next: o,
          ref: input.manager,
          now: ctx.now,
          resetStatus: hasStatusSubresource(info),
        }),
      );
    }
    return ctx.plugins.mutate(admissionOf(o));
  });
  // The registry's PrepareForCreate runs after mutating admission (QoS sees LimitRanger's defaults).
  obj = prepareForCreate(info, obj);
  ctx.trace.recordStep(
    "kube-apiserver",
    "mutating-admission",
    "admit",
    admitDetail("CREATE", info.resource),
  );
  throwIfInvalid(info, obj.metadata.name ?? "", ctx.plugins.validateCreate(obj, info));
  ctx.trace.recordStep("kube-apiserver", "validation", "validate", info.kind);
  const { sideWrites } = ctx.plugins.admit(admissionOf(obj));
  ctx.trace.recordStep(
    "kube-apiserver",
    "validating-admission",
    "admit",
    admitDetail("CREATE", info.resource),
  );
  if (input.dryRun) return obj;

  let created: KubeObject;
  try {
    created = createObject(ctx, info, obj);
  } catch (err) {
    if (generated && isAlreadyExists(err)) {
      throw newGenerateNameConflict(groupResource(info), obj.metadata.name ?? "", 1);
    }
    throw err;
  }
  writeSide(ctx, sideWrites);
  if (info.group === "apiextensions.k8s.io") ctx.invalidateRegistry();
  return created;
}

/** Objects admission changed along with the request (ResourceQuota usage). */
export function writeSide(ctx: RequestContext, objects: KubeObject[]): void {
  for (const side of objects) {
    const sideInfo = ctx.registry().byApiVersionKind(side.apiVersion, side.kind);
    if (!sideInfo) continue;
    updateObject(ctx, sideInfo, side, Number(side.metadata.resourceVersion));
  }
}
