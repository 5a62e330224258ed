// The ResourceQuota controller (pkg/controller/resourcequota): for every quota, status.hard
// mirrors spec.hard and status.used is recounted from the namespace's objects - so a new
// quota shows what is already used, and deleting a pod gives its share back (admission only
// ever raises status.used).

import { computeQuotaUsed, parseResourceList } from "../../apiserver/admission/quota-usage";
import { quotaMatchesObject } from "../../apiserver/admission/quota-scopes";
import type { KubeObject } from "../../apiserver/object";
import { formatQuantity } from "../../apiserver/validation/quantity";
import type { ControlLoop } from "../../engine";
import { getObject, listObjects, watchPrefix } from "../shared/cache";
import type { ActiveCheck, ControllerContext } from "../shared/controller";
import { controllerLoop, splitKey } from "../shared/controller";
import { asObj, jsonEqual } from "../shared/fields";

/** The namespaced resources whose usage a quota can track, and the names that track them. */
const TRACKED: readonly { group: string; resource: string; tracks: RegExp }[] = [
  {
    group: "",
    resource: "pods",
    tracks: /^(pods|count\/pods|cpu|memory|ephemeral-storage|(requests|limits)\.)/,
  },
  { group: "", resource: "services", tracks: /^(services|count\/services$)/ },
  { group: "", resource: "configmaps", tracks: /^(configmaps|count\/configmaps)$/ },
  { group: "", resource: "secrets", tracks: /^(secrets|count\/secrets)$/ },
  {
    group: "",
    resource: "persistentvolumeclaims",
    tracks:
      /^(persistentvolumeclaims|count\/persistentvolumeclaims|requests\.storage)$|storageclass\.storage\.k8s\.io\//,
  },
  { group: "", resource: "resourcequotas", tracks: /^(resourcequotas|count\/resourcequotas)$/ },
  {
    group: "",
    resource: "replicationcontrollers",
    tracks: /^(replicationcontrollers|count\/replicationcontrollers)$/,
  },
  { group: "apps", resource: "deployments", tracks: /^count\/deployments\.apps$/ },
  { group: "apps", resource: "replicasets", tracks: /^count\/replicasets\.apps$/ },
  { group: "apps", resource: "daemonsets", tracks: /^count\/daemonsets\.apps$/ },
  { group: "batch", resource: "jobs", tracks: /^count\/jobs\.batch$/ },
];

const format = (list: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(parseResourceList(list)).map(([k, v]) => [k, formatQuantity(v)]),
  );

function sync(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const quota = getObject(ctx.state(), "", "resourcequotas", ns, name);
  if (!quota || quota.metadata.deletionTimestamp) return;
  // Usage counts objects of many kinds: while a quota exists, run on every round.
  ctx.wakeAt(ctx.now);
  const hard = format(asObj(asObj(quota.spec).hard));
  const keys = Object.keys(hard);
  const objects: { object: KubeObject; info: { group: string; resource: string } }[] = [];
  for (const t of TRACKED) {
    if (!keys.some((k) => t.tracks.test(k))) continue;
    for (const object of listObjects(ctx.state(), t.group, t.resource, ns)) {
      if (object.metadata.deletionTimestamp && t.resource !== "pods") continue;
      if (quotaMatchesObject(quota, object, t)) objects.push({ object, info: t });
    }
  }
  const used = Object.fromEntries(
    Object.entries(computeQuotaUsed(keys, objects)).map(([k, v]) => [k, formatQuantity(v)]),
  );
  const status = asObj(quota.status);
  if (jsonEqual(status.hard, hard) && jsonEqual(status.used, used)) return;
  ctx.client.updateStatus("", "resourcequotas", { ...quota, status: { hard, used } });
}

export function resourceQuotaController(active?: ActiveCheck): ControlLoop {
  return controllerLoop(
    {
      name: "resourcequota-controller",
      serviceAccount: "resourcequota-controller",
      // Without a ResourceQuota it has nothing to do; with one it stays awake (sync).
      watches: [watchPrefix("", "resourcequotas")],
      keys: (ctx) =>
        listObjects(ctx.state(), "", "resourcequotas").map(
          (q) => `${q.metadata.namespace ?? ""}/${q.metadata.name ?? ""}`,
        ),
      reconcile: sync,
    },
    active,
  );
}
