// kubectl rollout's viewers beyond the deployment's own: DaemonSetStatusViewer and
// StatefulSetStatusViewer (polymorphichelpers/rollout_status.go), and one revision of a
// deployment's history (history.go printTemplate).

import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import type { CommandResult } from "../types";
import { jsonEqual } from "../../json-value";
import { describePodTemplate } from "./describe/containers";
import { PrefixWriter } from "./describe/writer";

export interface Workload extends KubeObject {
  kind: string;
  spec: {
    replicas?: number;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
  };
  status?: {
    observedGeneration?: number;
    desiredNumberScheduled?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    currentReplicas?: number;
    updateRevision?: string;
    currentRevision?: string;
  };
}

/** One look at the state kubectl's watch would end in, for a DaemonSet or StatefulSet. */
export function workloadStatus(w: Workload): string {
  const s = w.status ?? {};
  const gen = w.metadata.generation ?? 0;
  const observed = s.observedGeneration ?? 0;
  const name = JSON.stringify(w.metadata.name);
  if ((w.spec.updateStrategy?.type ?? "RollingUpdate") !== "RollingUpdate")
    throw new CliError("error: rollout status is only available for RollingUpdate strategy type");
  if (w.kind === "DaemonSet") {
    if (gen > observed) return "Waiting for daemon set spec update to be observed...\n";
    const desired = s.desiredNumberScheduled ?? 0;
    if ((s.updatedNumberScheduled ?? 0) < desired)
      return `Waiting for daemon set ${name} rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`;
    if ((s.numberAvailable ?? 0) < desired)
      return `Waiting for daemon set ${name} rollout to finish: ${s.numberAvailable ?? 0} of ${desired} updated pods are available...\n`;
    return `daemon set ${name} successfully rolled out\n`;
  }
  if (observed === 0 || gen > observed)
    return "Waiting for statefulset spec update to be observed...\n";
  const replicas = w.spec.replicas;
  if (replicas !== undefined && (s.readyReplicas ?? 0) < replicas)
    return `Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...\n`;
  const rolling = w.spec.updateStrategy?.rollingUpdate;
  if (rolling) {
    const partition = rolling.partition;
    if (
      replicas !== undefined &&
      partition !== undefined &&
      (s.updatedReplicas ?? 0) < replicas - partition
    )
      return `Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`;
    return `partitioned roll out complete: ${s.updatedReplicas ?? 0} new pods have been updated...\n`;
  }
  if (s.updateRevision !== s.currentRevision)
    return `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision ?? ""}...\n`;
  return `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision ?? ""}...\n`;
}

/** kubectl writes the template with a bare PrefixWriter: its tabs are not aligned. */
class RawWriter extends PrefixWriter {
  raw = "";
  override write(level: number, s: string): void {
    this.raw += "  ".repeat(level) + s;
  }
  override line(...words: string[]): void {
    this.raw += `${words.join(" ")}\n`;
  }
}

/** `rollout history deployment/NAME --revision=N`: the revision's ReplicaSet template. */
export function rolloutHistoryRevision(
  byRev: { rs: KubeObject; rev: number }[],
  revision: number,
  name: string,
): CommandResult {
  const found = byRev.find((x) => x.rev === revision);
  if (!found) throw new CliError("error: unable to find the specified revision");
  const template = structuredClone(
    (found.rs.spec as { template?: { metadata?: { annotations?: Record<string, string> } } })
      .template ?? {},
  );
  // The viewer copies the ReplicaSet's change-cause onto the template it prints.
  const cause = found.rs.metadata.annotations?.["kubernetes.io/change-cause"];
  if (cause)
    template.metadata = {
      ...template.metadata,
      annotations: { ...template.metadata?.annotations, "kubernetes.io/change-cause": cause },
    };
  const w = new RawWriter();
  describePodTemplate(w, template as Parameters<typeof describePodTemplate>[1]);
  return {
    stdout: `deployment.apps/${name} with revision #${revision}\n${w.raw}\n`,
    stderr: "",
    exitCode: 0,
  };
}

/**
 * `rollout undo --dry-run=client`: the rollbacker returns the chosen ReplicaSet's template
 * text (hash label kept), which the name printer prints as the operation.
 */
export function undoClientDryRun(rs: KubeObject, name: string): CommandResult {
  const w = new RawWriter();
  const template = (rs.spec as { template?: unknown }).template ?? {};
  describePodTemplate(w, template as Parameters<typeof describePodTemplate>[1]);
  return { stdout: `deployment.apps/${name} ${w.raw} (dry run)\n`, stderr: "", exitCode: 0 };
}

/** Deployment annotations the rollback keeps from the Deployment, never from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  "deployment.kubernetes.io/revision",
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

type Template = { metadata?: { labels?: Record<string, string> } };

function withoutHash(template: Template): Template {
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels["pod-template-hash"];
  return { ...template, metadata: { ...template.metadata, labels } };
}

/**
 * kubectl's DeploymentRollbacker: a JSON patch replacing the Deployment's template with
 * the ReplicaSet's (hash label removed) and its annotations with the ReplicaSet's, keeping
 * the Deployment's own revision bookkeeping; undefined when the template already matches
 * (kubectl's "skipped rollback"). A merge patch would keep labels the old template lacks.
 */
export function undoPatch(rs: KubeObject, deployment: KubeObject): unknown[] | undefined {
  const target = withoutHash((rs.spec as { template?: Template }).template ?? {});
  const current = withoutHash((deployment.spec as { template?: Template }).template ?? {});
  if (jsonEqual(target, current)) return undefined;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(deployment.metadata.annotations ?? {}))
    if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  return [
    { op: "replace", path: "/spec/template", value: target },
    { op: "replace", path: "/metadata/annotations", value: annotations },
  ];
}
