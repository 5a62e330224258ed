// kubectl rollout status / restart / history / undo: Deployments fully; DaemonSets and
// StatefulSets for status and restart (their revisions are ControllerRevisions).

import type { KubeObject } from "../../apiserver/object";
import { tabwrite } from "../../kubeadm/tabwriter";
import { formatTime } from "../../clock";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { expectObject, kindName, objectPath } from "./api";
import { flagString, parseFlags } from "./flags";
import { resourceRequests } from "./get";
import { dryRunQuery, dryRunSuffix } from "./write-flags";
import {
  rolloutHistoryRevision as historyRevision,
  undoClientDryRun,
  undoPatch,
  workloadStatus,
  type Workload,
} from "./rollout-views";

const ROLLABLE = new Set(["Deployment", "DaemonSet", "StatefulSet"]);

const REVISION = "deployment.kubernetes.io/revision";

interface Deployment extends KubeObject {
  spec: {
    replicas?: number;
    template: KubeObject & Record<string, unknown>;
    selector: { matchLabels?: Record<string, string> };
  };
  status?: {
    updatedReplicas?: number;
    availableReplicas?: number;
    replicas?: number;
    observedGeneration?: number;
  };
}

export async function kubectlRollout(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const [sub, ...rest] = args;
  const p = parseFlags(
    rest,
    [
      { name: "to-revision", type: "int" },
      { name: "dry-run", type: "string" },
      { name: "watch", short: "w", type: "string" },
      { name: "timeout", type: "string" },
      { name: "revision", type: "int" },
    ],
    `kubectl rollout ${sub ?? ""}`.trim(),
  );
  const target = p.positional[0];
  if (!sub || !["status", "restart", "history", "undo"].includes(sub))
    throw new CliError(
      sub
        ? `error: unknown command "${sub}" for "kubectl rollout"`
        : "error: kubectl rollout: 하위 명령이 필요합니다 (status, restart, history, undo)",
    );
  if (!target) throw new CliError("error: required resource not specified");
  const requests = await resourceRequests(ctx, p.positional);
  const req = requests[0]!;
  const deployName = req.names[0];
  if (requests.length !== 1 || req.names.length !== 1 || !deployName)
    throw new CliError("error: required resource not specified");
  const info = req.info;
  const kind = info.kind;
  const gk = info.group ? `${kind}.${info.group}` : kind;
  const rollable = info.group === "apps" && ROLLABLE.has(kind);
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const path = objectPath(info, ns, deployName);
  // kubectl's StatusViewerFor / HistoryViewerFor / ObjectRestarter: apps workloads only.
  if (!rollable) {
    if (sub === "status")
      throw new CliError(`error: no status viewer has been implemented for ${gk}`);
    if (sub === "history")
      throw new CliError(`error: no history viewer has been implemented for "${gk}"`);
  }
  const d = expectObject<Deployment>(await ctx.env.request({ method: "GET", path }));
  if (sub === "restart") {
    if (!rollable) throw new CliError("error: restarting is not supported");
    expectObject(
      await ctx.env.request({
        method: "PATCH",
        path,
        contentType: "application/strategic-merge-patch+json",
        body: {
          spec: {
            template: {
              metadata: {
                annotations: { "kubectl.kubernetes.io/restartedAt": formatTime(ctx.env.now()) },
              },
            },
          },
        },
      }),
    );
    return { stdout: `${kindName(info)}/${deployName} restarted\n`, stderr: "", exitCode: 0 };
  }
  if (sub === "status" && kind !== "Deployment")
    return { stdout: workloadStatus(d as unknown as Workload), stderr: "", exitCode: 0 };
  if (kind !== "Deployment") {
    // Their history and undo read ControllerRevisions. The simulated API does not serve
    // them: history prints kubectl's own error for that answer (measured), undo says so.
    if (sub === "history") {
      const resp = await ctx.env.request({
        method: "GET",
        path: `/apis/apps/v1/namespaces/${ns}/controllerrevisions`,
      });
      if (resp.code >= 400) {
        const message =
          resp.kind === "status" && resp.body.message
            ? resp.body.message
            : "the server could not find the requested resource";
        throw new CliError(
          `error: unable to find history controlled by ${kind} ${deployName}: ${message}`,
        );
      }
    }
    throw new CliError(
      `error: rollout ${sub}: ${kind === "DaemonSet" ? "데몬셋" : "스테이트풀셋"}의 리비전(ControllerRevision)은 이 시뮬레이터에서 지원하지 않습니다`,
    );
  }
  const rsList = expectObject<{ items: KubeObject[] }>(
    await ctx.env.request({ method: "GET", path: `/apis/apps/v1/namespaces/${ns}/replicasets` }),
  ).items.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
  const byRev = rsList
    .map((rs) => ({ rs, rev: Number(rs.metadata.annotations?.[REVISION] ?? 0) }))
    .sort((a, b) => a.rev - b.rev);
  if (sub === "history") {
    const revision = Number(flagString(p, "revision") ?? 0);
    if (revision > 0) return historyRevision(byRev, revision, deployName);
    const rows = [
      ["REVISION", "CHANGE-CAUSE"],
      ...byRev.map(({ rs, rev }) => [
        String(rev),
        rs.metadata.annotations?.["kubernetes.io/change-cause"] ?? "<none>",
      ]),
    ];
    return {
      stdout: `deployment.apps/${deployName} \n${tabwrite(rows, 0, 2)}\n`,
      stderr: "",
      exitCode: 0,
    };
  }
  if (sub === "undo") {
    // kubectl's deploymentRevision: without --to-revision, the ReplicaSet with the second
    // highest revision (the newest is the current template's), whatever the Deployment says.
    const wanted = Number(flagString(p, "to-revision") ?? 0);
    const revised = byRev.filter((x) => x.rev > 0);
    const pick = wanted ? byRev.find((x) => x.rev === wanted) : revised.at(-2);
    if (!pick)
      throw new CliError(
        wanted
          ? `error: unable to find specified revision ${wanted} in history`
          : 'error: no rollout history found for deployment "' + deployName + '"',
      );
    const dry = dryRunQuery(p);
    if (dry.clientDryRun) return undoClientDryRun(pick.rs, deployName);
    if ((d.spec as { paused?: boolean }).paused)
      throw new CliError(
        "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
      );
    const rollback = undoPatch(pick.rs, d);
    if (!rollback)
      return {
        stdout: `deployment.apps/${deployName} skipped rollback (current template already matches revision ${wanted})\n`,
        stderr: "",
        exitCode: 0,
      };
    expectObject(
      await ctx.env.request({
        method: "PATCH",
        path,
        contentType: "application/json-patch+json",
        body: rollback,
        ...(dry.dryRun ? { query: { dryRun: dry.dryRun } } : {}),
      }),
    );
    return {
      stdout: `deployment.apps/${deployName} rolled back${dryRunSuffix(p)}\n`,
      stderr: "",
      exitCode: 0,
    };
  }
  // status: one look at the state kubectl's watch would end in.
  const want = d.spec.replicas ?? 1;
  const s = d.status ?? {};
  if ((s.updatedReplicas ?? 0) < want)
    return {
      stdout: `Waiting for deployment "${deployName}" rollout to finish: ${s.updatedReplicas ?? 0} out of ${want} new replicas have been updated...\n`,
      stderr: "",
      exitCode: 0,
    };
  if ((s.replicas ?? 0) > (s.updatedReplicas ?? 0))
    return {
      stdout: `Waiting for deployment "${deployName}" rollout to finish: ${(s.replicas ?? 0) - (s.updatedReplicas ?? 0)} old replicas are pending termination...\n`,
      stderr: "",
      exitCode: 0,
    };
  if ((s.availableReplicas ?? 0) < (s.updatedReplicas ?? 0))
    return {
      stdout: `Waiting for deployment "${deployName}" rollout to finish: ${s.availableReplicas ?? 0} of ${s.updatedReplicas ?? 0} updated replicas are available...\n`,
      stderr: "",
      exitCode: 0,
    };
  return {
    stdout: `deployment "${deployName}" successfully rolled out\n`,
    stderr: "",
    exitCode: 0,
  };
}
