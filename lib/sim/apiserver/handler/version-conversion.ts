// One storage, several served versions: objects are stored in the resource's
// storage version (events.k8s.io/v1 Events as core v1 Events, CRDs in their
// storage version) and converted to the version a request addressed.

import type { KubeObject } from "../object";
import { coreToEventsV1, eventsV1ToCore } from "../resources/event-conversion";
import { apiVersionOf, type ResourceInfo } from "../resources/resource-info";

function isEventsV1(info: ResourceInfo): boolean {
  return info.group === "events.k8s.io" && info.resource === "events";
}

export function toStorage(info: ResourceInfo, obj: KubeObject): KubeObject {
  if (isEventsV1(info)) return eventsV1ToCore(obj);
  const storage = info.storageGroupVersion;
  if (!storage) return obj;
  const apiVersion = apiVersionOf(storage);
  return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
}

export function fromStorage(info: ResourceInfo, obj: KubeObject): KubeObject {
  if (isEventsV1(info)) return coreToEventsV1(obj);
  const apiVersion = apiVersionOf(info);
  return obj.apiVersion === apiVersion && obj.kind === info.kind
    ? obj
    : { ...obj, apiVersion, kind: info.kind };
}
