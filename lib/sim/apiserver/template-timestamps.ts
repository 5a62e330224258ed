// kube-apiserver's objects are Go structs, and metav1.Time is a struct that omitempty never
// drops: an ObjectMeta nested in an object - a pod template's, a CronJob's job template's, a
// StatefulSet's volume claim templates' - leaves the server as `creationTimestamp: null` when
// nobody set it (and `metadata: {creationTimestamp: null}` when there was no metadata at all).
// kubectl prints what arrives, so `kubectl get deploy -o yaml` shows the null line too.
//
// The engine keeps objects as they were written (its stored bytes and digest depend on it);
// both faces add the null where they print: the REST API's answers (wire-order.ts) and the
// terminal's kubectl printers (-o yaml/json/jsonpath/..., apply -o, edit).
// Custom resources are unstructured on the server: nothing is added to them.

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Built-in kinds whose spec.template is a PodTemplateSpec, by apiVersion. */
const POD_TEMPLATE_OWNERS: Record<string, readonly string[]> = {
  "apps/v1": ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"],
  "batch/v1": ["Job"],
  v1: ["ReplicationController"],
};

/** `holder` with its `key` (an ObjectMeta) carrying a null creationTimestamp; same object when it has one. */
function zeroed(holder: JsonObject, key: string): JsonObject {
  const meta = holder[key];
  if (isObject(meta) && "creationTimestamp" in meta) return holder;
  return { ...holder, [key]: { creationTimestamp: null, ...(isObject(meta) ? meta : {}) } };
}

/** `holder[key]` (an object) replaced by `fn` of it; `holder` itself when nothing changed. */
function at(holder: JsonObject, key: string, fn: (v: JsonObject) => JsonObject): JsonObject {
  const v = holder[key];
  if (!isObject(v)) return holder;
  const next = fn(v);
  return next === v ? holder : { ...holder, [key]: next };
}

function podTemplateHolder(spec: JsonObject): JsonObject {
  return at(spec, "template", (t) => zeroed(t, "metadata"));
}

/**
 * `obj` as kube-apiserver would write it: nested ObjectMetas with `creationTimestamp: null`
 * when they have none. Returns `obj` itself when nothing is added (and never changes it:
 * it may be the engine's shared, read-only decode).
 */
export function withTemplateTimestamps<T>(obj: T, type?: { kind: string; apiVersion: string }): T {
  if (!isObject(obj)) return obj;
  // A list's items may go without TypeMeta (kube-apiserver's lists write none): the list's.
  const kind = obj.kind ?? type?.kind;
  const apiVersion = obj.apiVersion ?? type?.apiVersion;
  if (typeof kind !== "string" || typeof apiVersion !== "string") return obj;
  if (apiVersion === "v1" && kind === "PodTemplate")
    return at(obj, "template", (t) => zeroed(t, "metadata")) as T;
  if (apiVersion === "batch/v1" && kind === "CronJob")
    return at(obj, "spec", (spec) =>
      at(spec, "jobTemplate", (jt) => at(zeroed(jt, "metadata"), "spec", podTemplateHolder)),
    ) as T;
  if (!POD_TEMPLATE_OWNERS[apiVersion]?.includes(kind)) return obj;
  return at(obj, "spec", (spec) => {
    const withPods = podTemplateHolder(spec);
    const claims = withPods.volumeClaimTemplates;
    if (kind !== "StatefulSet" || !Array.isArray(claims)) return withPods;
    const next = claims.map((c: unknown) => (isObject(c) ? zeroed(c, "metadata") : c));
    return next.every((c, i) => c === claims[i])
      ? withPods
      : { ...withPods, volumeClaimTemplates: next };
  }) as T;
}

/** A list's items (or one object) with withTemplateTimestamps applied. */
export function listWithTemplateTimestamps<T>(body: T): T {
  if (!isObject(body) || !Array.isArray(body.items)) return withTemplateTimestamps(body);
  const items = body.items as unknown[];
  const { kind, apiVersion } = body;
  const type =
    typeof kind === "string" && kind.endsWith("List") && typeof apiVersion === "string"
      ? { kind: kind.slice(0, -4), apiVersion }
      : undefined;
  const next = items.map((item) => withTemplateTimestamps(item, type));
  return next.every((v, i) => v === items[i]) ? body : ({ ...body, items: next } as T);
}
