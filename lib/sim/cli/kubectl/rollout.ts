// kubectl rollout status / restart / history / undo for Deployments.

import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import { tabwrite } from "../../kubeadm/tabwriter";
import { formatTime } from "../../clock";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { expectObject, objectPath } from "./api";
import { flagString, parseFlags } from "./flags";

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
      { name: "watch", short: "w", type: "string" },
      { name: "timeout", type: "string" },
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
  const name = target.replace(/^(deployments?|deploy)(\.apps)?\//, "");
  const argName = p.positional[1];
  const deployName = target.includes("/") ? name : argName;
  if (!deployName) throw new CliError("error: required resource not specified");
  const info = builtinRegistry.resolve("deployments.apps")!;
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const path = objectPath(info, ns, deployName);
  const d = expectObject<Deployment>(await ctx.env.request({ method: "GET", path }));
  if (sub === "restart") {
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
    return { stdout: `deployment.apps/${deployName} restarted\n`, stderr: "", exitCode: 0 };
  }
  const rsList = expectObject<{ items: KubeObject[] }>(
    await ctx.env.request({ method: "GET", path: `/apis/apps/v1/namespaces/${ns}/replicasets` }),
  ).items.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
  const byRev = rsList
    .map((rs) => ({ rs, rev: Number(rs.metadata.annotations?.[REVISION] ?? 0) }))
    .sort((a, b) => a.rev - b.rev);
  if (sub === "history") {
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
    // The newest ReplicaSet is the current template's (the controller moves a
    // template that comes back to the newest revision).
    const current = Number(d.metadata.annotations?.[REVISION] ?? byRev.at(-1)?.rev ?? 0);
    const wanted = Number(flagString(p, "to-revision") ?? 0);
    const pick = wanted
      ? byRev.find((x) => x.rev === wanted)
      : [...byRev].reverse().find((x) => x.rev !== current);
    if (!pick)
      throw new CliError(
        wanted
          ? `error: unable to find specified revision ${wanted} in history`
          : 'error: no rollout history found for deployment "' + deployName + '"',
      );
    const tpl = (pick.rs.spec as { template: { metadata?: { labels?: Record<string, string> } } })
      .template;
    const labels = { ...(tpl.metadata?.labels ?? {}) };
    delete labels["pod-template-hash"];
    expectObject(
      await ctx.env.request({
        method: "PATCH",
        path,
        contentType: "application/merge-patch+json",
        body: { spec: { template: { ...tpl, metadata: { ...tpl.metadata, labels } } } },
      }),
    );
    return { stdout: `deployment.apps/${deployName} rolled back\n`, stderr: "", exitCode: 0 };
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
