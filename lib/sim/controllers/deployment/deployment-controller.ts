// The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod
// template (named <deployment>-<pod-template-hash>), revisions in the
// deployment.kubernetes.io/revision annotation (an old template coming back - a
// rollout undo - moves its ReplicaSet to the newest revision), RollingUpdate within
// maxSurge/maxUnavailable or Recreate, history trimmed to revisionHistoryLimit, and
// the Available/Progressing conditions `kubectl rollout status` waits for.

import type { KubeObject } from "../../apiserver/object";
import type { ControlLoop } from "../../engine";
import { getObject, keyOf, listObjects, watchPrefix } from "../shared/cache";
import { Client } from "../shared/client";
import type { ActiveCheck, ControllerContext } from "../shared/controller";
import { controllerLoop, splitKey } from "../shared/controller";
import { recordEvent } from "../shared/events";
import { asNumber, asObj, asString, jsonEqual, type Obj } from "../shared/fields";
import { computeHash } from "../shared/hash";
import { controlledIn, isControlledBy, newControllerRef } from "../shared/owners";
import { selectorMatcher } from "../shared/pods";
import { fenceposts, maxScaledDown, newReplicaSetReplicas } from "./rolling";
import { cloneJson } from "../../json-value";
import { REVISION, statusOf, updateDeploymentStatus } from "./deployment-status";

const SOURCE = { component: "deployment-controller" };
const DESIRED = "deployment.kubernetes.io/desired-replicas";
const MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
const HASH_LABEL = "pod-template-hash";

const revisionOf = (rs: KubeObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
const specReplicas = (o: KubeObject) => asNumber(asObj(o.spec).replicas);

/** The template without the pod-template-hash label, for comparing a ReplicaSet to the Deployment. */
function templateWithoutHash(template: unknown): Obj {
  const t = cloneJson(asObj(template));
  const meta = asObj(t.metadata);
  const labels = { ...(asObj(meta.labels) as Record<string, string>) };
  delete labels[HASH_LABEL];
  return { ...t, metadata: { ...meta, ...(Object.keys(labels).length ? { labels } : {}) } };
}

function scaleRS(
  ctx: ControllerContext,
  d: KubeObject,
  rs: KubeObject,
  to: number,
  replicas: number,
  surge: number,
): KubeObject {
  const from = specReplicas(rs);
  const annotations = {
    ...(rs.metadata.annotations ?? {}),
    [DESIRED]: String(replicas),
    [MAX_REPLICAS]: String(replicas + surge),
  };
  if (from === to && jsonEqual(annotations, rs.metadata.annotations ?? {})) return rs;
  const r = ctx.client.update("apps", "replicasets", {
    ...rs,
    metadata: { ...rs.metadata, annotations },
    spec: { ...asObj(rs.spec), replicas: to },
  });
  const updated = Client.objectOf(r) ?? rs;
  if (from !== to && Client.objectOf(r)) {
    recordEvent(ctx.client, SOURCE, {
      involved: d,
      type: "Normal",
      reason: "ScalingReplicaSet",
      message: `Scaled ${to > from ? "up" : "down"} replica set ${rs.metadata.name} to ${to} from ${from}`,
    });
  }
  return updated;
}

function newReplicaSet(
  ctx: ControllerContext,
  d: KubeObject,
  owned: KubeObject[],
  replicas: number,
  surge: number,
): KubeObject | undefined {
  const spec = asObj(d.spec);
  const template = asObj(spec.template);
  const maxRevision = owned.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
  const hashNow = computeHash(template, asNumber(asObj(d.status).collisionCount));
  // EqualIgnoreHash, or the same hash label: objects written before defaulting compare unequal.
  const existing = owned.find(
    (rs) =>
      rs.metadata.labels?.[HASH_LABEL] === hashNow ||
      jsonEqual(templateWithoutHash(asObj(rs.spec).template), templateWithoutHash(template)),
  );
  if (existing) {
    if (revisionOf(existing) < maxRevision) {
      // Rollback / re-rollout to an old template: its ReplicaSet becomes the newest revision.
      const old = String(revisionOf(existing));
      const history = existing.metadata.annotations?.["deployment.kubernetes.io/revision-history"];
      const r = ctx.client.update("apps", "replicasets", {
        ...existing,
        metadata: {
          ...existing.metadata,
          annotations: {
            ...(existing.metadata.annotations ?? {}),
            [REVISION]: String(maxRevision + 1),
            "deployment.kubernetes.io/revision-history": history ? `${history},${old}` : old,
          },
        },
      });
      return Client.objectOf(r) ?? existing;
    }
    return existing;
  }
  const collisionCount = asNumber(asObj(d.status).collisionCount);
  const hash = computeHash(template, collisionCount);
  const tmeta = asObj(template.metadata);
  const labels = { ...(asObj(tmeta.labels) as Record<string, string>), [HASH_LABEL]: hash };
  const selector = asObj(spec.selector);
  const allOld = owned.reduce((n, rs) => n + specReplicas(rs), 0);
  const strategy = asObj(spec.strategy);
  const initial =
    asString(strategy.type, "RollingUpdate") === "Recreate"
      ? 0
      : newReplicaSetReplicas(replicas, surge, allOld, 0);
  const rs: KubeObject = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels,
      annotations: {
        [DESIRED]: String(replicas),
        [MAX_REPLICAS]: String(replicas + surge),
        [REVISION]: String(maxRevision + 1),
      },
      ownerReferences: [newControllerRef(d)],
    },
    spec: {
      replicas: initial,
      minReadySeconds: asNumber(spec.minReadySeconds),
      selector: {
        ...selector,
        matchLabels: {
          ...(asObj(selector.matchLabels) as Record<string, string>),
          [HASH_LABEL]: hash,
        },
      },
      template: { ...template, metadata: { ...tmeta, labels } },
    },
  };
  return Client.objectOf(ctx.client.create("apps", "replicasets", rs));
}

function syncDeployment(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const d = getObject(ctx.state(), "apps", "deployments", ns, name);
  if (!d || d.metadata.deletionTimestamp) return;
  const spec = asObj(d.spec);
  const replicas = asNumber(spec.replicas, 1);
  const matches = selectorMatcher(spec.selector);
  const owned = () =>
    listObjects(ctx.state(), "apps", "replicasets", ns).filter(
      (rs) =>
        isControlledBy(rs, d) &&
        matches({
          ...rs,
          metadata: {
            ...rs.metadata,
            labels: asObj(asObj(asObj(rs.spec).template).metadata).labels as Record<string, string>,
          },
        }),
    );
  const { surge, unavailable } = fenceposts(spec.strategy, replicas);
  let created = false;
  const before = owned().length;
  let newRS = spec.paused ? undefined : newReplicaSet(ctx, d, owned(), replicas, surge);
  if (newRS && owned().length > before) created = true;
  if (newRS && created && specReplicas(newRS) > 0) {
    recordEvent(ctx.client, SOURCE, {
      involved: d,
      type: "Normal",
      reason: "ScalingReplicaSet",
      message: `Scaled up replica set ${newRS.metadata.name} to ${specReplicas(newRS)}`,
    });
  }
  const all = owned();
  newRS = newRS ? all.find((rs) => rs.metadata.uid === newRS!.metadata.uid) : undefined;
  const olds = all.filter((rs) => rs !== newRS).sort((a, b) => revisionOf(a) - revisionOf(b));
  if (newRS && !spec.paused) {
    if (asString(asObj(spec.strategy).type, "RollingUpdate") === "Recreate") {
      for (const rs of olds) scaleRS(ctx, d, rs, 0, replicas, surge);
      const oldPods = listObjects(ctx.state(), "", "pods", ns).some((p) =>
        olds.some((rs) => isControlledBy(p, rs)),
      );
      if (!oldPods) scaleRS(ctx, d, newRS, replicas, replicas, surge);
    } else {
      const current = all.reduce((n, rs) => n + specReplicas(rs), 0);
      const target = newReplicaSetReplicas(replicas, surge, current, specReplicas(newRS));
      // Scaling down a Deployment: the new ReplicaSet follows spec.replicas directly.
      const want = specReplicas(newRS) > replicas ? replicas : target;
      newRS = scaleRS(ctx, d, newRS, want, replicas, surge);
      const allPods = all.reduce(
        (n, rs) => n + (rs === newRS ? specReplicas(newRS!) : specReplicas(rs)),
        0,
      );
      const newUnavailable = specReplicas(newRS) - statusOf(newRS, "availableReplicas");
      let budget = maxScaledDown(allPods, replicas, unavailable, newUnavailable);
      // Old pods that are not available can always go (cleanupUnhealthyReplicas).
      for (const rs of olds) {
        const unhealthy = specReplicas(rs) - statusOf(rs, "availableReplicas");
        if (unhealthy > 0) {
          const to = specReplicas(rs) - unhealthy;
          scaleRS(ctx, d, rs, to, replicas, surge);
          rs.metadata = { ...rs.metadata };
        }
      }
      for (const rs of olds) {
        const fresh =
          getObject(ctx.state(), "apps", "replicasets", ns, rs.metadata.name ?? "") ?? rs;
        if (budget <= 0) break;
        const n = specReplicas(fresh);
        if (n === 0) continue;
        const down = Math.min(n, budget);
        scaleRS(ctx, d, fresh, n - down, replicas, surge);
        budget -= down;
      }
    }
  }
  cleanupHistory(ctx, d);
  updateDeploymentStatus(ctx, d, newRS?.metadata.name, created);
}

function cleanupHistory(ctx: ControllerContext, d: KubeObject): void {
  const limit = asNumber(asObj(d.spec).revisionHistoryLimit, 10);
  const olds = listObjects(ctx.state(), "apps", "replicasets", d.metadata.namespace)
    .filter((rs) => isControlledBy(rs, d))
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  const newest = olds.pop();
  void newest;
  const idle = olds.filter((rs) => specReplicas(rs) === 0 && statusOf(rs, "replicas") === 0);
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
    ctx.client.delete("apps", "replicasets", rs.metadata.namespace, rs.metadata.name ?? "");
  }
}

function keys(ctx: ControllerContext): string[] {
  return listObjects(ctx.state(), "apps", "deployments").map(keyOf);
}

/**
 * What a Deployment's sync reads: the Deployment, the ReplicaSets it controls (owned(),
 * updateDeploymentStatus and cleanupHistory all filter by controllerRef; a sync that creates
 * one writes, and a writing sync takes no note) and, to Recreate, its namespace's pods.
 */
export function deploymentInputs(ctx: ControllerContext, key: string): unknown[] | undefined {
  const [ns, name] = splitKey(key);
  const state = ctx.state();
  const d = getObject(state, "apps", "deployments", ns, name);
  if (!d) return undefined;
  const recreate = asString(asObj(asObj(d.spec).strategy).type) === "Recreate";
  return [
    d,
    recreate ? listObjects(state, "", "pods", ns) : undefined,
    ...controlledIn(listObjects(state, "apps", "replicasets", ns), d.metadata.uid),
  ];
}

export function deploymentController(active?: ActiveCheck): ControlLoop {
  return controllerLoop(
    {
      name: "deployment-controller",
      serviceAccount: "deployment-controller",
      watches: [
        watchPrefix("apps", "deployments"),
        watchPrefix("apps", "replicasets"),
        watchPrefix("", "pods"),
      ],
      keys,
      reconcile: syncDeployment,
      inputs: deploymentInputs,
    },
    active,
  );
}
