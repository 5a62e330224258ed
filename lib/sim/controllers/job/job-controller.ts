// The Job controller (pkg/controller/job): runs pods until spec.completions of them
// succeed, at most spec.parallelism at a time; gives up after backoffLimit failed
// pods (BackoffLimitExceeded); publishes active/succeeded/failed/ready and the
// Complete or Failed condition.

import type { KubeObject } from "../../apiserver/object";
import { formatTime } from "../../clock";
import type { ControlLoop } from "../../engine";
import { getObject, keyOf, listObjects, watchPrefix } from "../shared/cache";
import { Client } from "../shared/client";
import type { ActiveCheck, ControllerContext } from "../shared/controller";
import { controllerLoop, splitKey } from "../shared/controller";
import { recordEvent } from "../shared/events";
import { asArray, asNumber, asObj, jsonEqual, type Obj } from "../shared/fields";
import { isControlledBy } from "../shared/owners";
import { isPodActive, isPodReady, podPhase } from "../shared/pods";
import { podFromTemplate } from "../replicaset/replicaset-controller";

const SOURCE = { component: "job-controller" };

function finished(job: KubeObject): boolean {
  return asArray(asObj(job.status).conditions).some(
    (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
  );
}

function syncJob(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const job = getObject(ctx.state(), "batch", "jobs", ns, name);
  if (!job || job.metadata.deletionTimestamp) return;
  const spec = asObj(job.spec);
  const parallelism = asNumber(spec.parallelism, 1);
  const completions = spec.completions === null ? parallelism : asNumber(spec.completions, 1);
  const backoffLimit = asNumber(spec.backoffLimit, 6);
  const pods = listObjects(ctx.state(), "", "pods", ns).filter((p) => isControlledBy(p, job));
  const active = pods.filter(isPodActive);
  const succeeded = pods.filter((p) => podPhase(p) === "Succeeded").length;
  const failed = pods.filter((p) => podPhase(p) === "Failed").length;
  const stamp = formatTime(ctx.now);
  const status = asObj(job.status);
  const conditions = asArray(status.conditions);
  let completionTime = status.completionTime;
  if (!finished(job) && !spec.suspend) {
    if (failed > backoffLimit) {
      for (const p of active) ctx.client.delete("", "pods", ns, p.metadata.name ?? "");
      conditions.push({
        type: "Failed",
        status: "True",
        lastProbeTime: stamp,
        lastTransitionTime: stamp,
        reason: "BackoffLimitExceeded",
        message: "Job has reached the specified backoff limit",
      });
      recordEvent(ctx.client, SOURCE, {
        involved: job,
        type: "Warning",
        reason: "BackoffLimitExceeded",
        message: "Job has reached the specified backoff limit",
      });
    } else if (succeeded >= completions) {
      conditions.push({
        type: "Complete",
        status: "True",
        lastProbeTime: stamp,
        lastTransitionTime: stamp,
      });
      completionTime = stamp;
      recordEvent(ctx.client, SOURCE, {
        involved: job,
        type: "Normal",
        reason: "Completed",
        message: "Job completed",
      });
    } else {
      const want = Math.min(parallelism, completions - succeeded) - active.length;
      for (let i = 0; i < want; i++) {
        const pod = podFromTemplate(job, spec.template, `${name}-`);
        const r = ctx.client.create("", "pods", pod);
        const created = Client.objectOf(r);
        if (!created) {
          recordEvent(ctx.client, SOURCE, {
            involved: job,
            type: "Warning",
            reason: "FailedCreate",
            message: `Error creating: ${r.kind === "status" ? r.body.message : r.code}`,
          });
          break;
        }
        recordEvent(ctx.client, SOURCE, {
          involved: job,
          type: "Normal",
          reason: "SuccessfulCreate",
          message: `Created pod: ${created.metadata.name}`,
        });
      }
    }
  }
  const now = listObjects(ctx.state(), "", "pods", ns).filter((p) => isControlledBy(p, job));
  const nowActive = now.filter(isPodActive);
  const next: Obj = {
    ...(nowActive.length ? { active: nowActive.length } : {}),
    ...(completionTime ? { completionTime } : {}),
    ...(conditions.length ? { conditions } : {}),
    ...(failed ? { failed } : {}),
    ready: nowActive.filter(isPodReady).length,
    startTime: status.startTime ?? stamp,
    ...(succeeded ? { succeeded } : {}),
    uncountedTerminatedPods: {},
  };
  if (jsonEqual(next, status)) return;
  ctx.client.updateStatus("batch", "jobs", { ...job, status: next });
}

export function jobController(active?: ActiveCheck): ControlLoop {
  return controllerLoop(
    {
      name: "job-controller",
      serviceAccount: "job-controller",
      watches: [watchPrefix("batch", "jobs"), watchPrefix("", "pods")],
      keys: (ctx) => listObjects(ctx.state(), "batch", "jobs").map(keyOf),
      reconcile: syncJob,
    },
    active,
  );
}
