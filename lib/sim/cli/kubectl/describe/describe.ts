// kubectl describe: the objects named (exactly, or by name prefix as kubectl
// does), selected with -l, or every one of a type; each printed by its kind's
// describer, separated by two blank lines.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import type { ResourceInfo } from "../../../apiserver/resources/resource-info";
import { CliError } from "../../errors";
import type { CommandContext, CommandResult } from "../../types";
import { collectionPath, objectPath, serverError } from "../api";
import { flagArray, flagBool, flagString, parseFlags } from "../flags";
import { resourceRequests } from "../get";
import { manifestInfo, manifestNamespace, readManifests } from "../manifests";
import {
  describeConfigMap,
  describeLimitRange,
  describeNamespace,
  describePVC,
  describeResourceQuota,
  describeSecret,
  describeServiceAccount,
} from "./config";
import { describeContext, type DescribeContext } from "./context";
import { describeGeneric } from "./generic";
import { describeEndpoints, describeService } from "./network";
import { describeNode } from "./node";
import { describePod } from "./pod";
import { describeRole, describeRoleBinding } from "./rbac";
import { describePersistentVolume, describeStatefulSet } from "./storage-sets";
import { describeIngress } from "./ingress";
import { describePodDisruptionBudget } from "./disruption-budget";
import { describeCronJob } from "./cron-job";
import {
  describeDaemonSet,
  describeDeployment,
  describeJob,
  describeReplicaSet,
} from "./workloads";

type Describer = (o: any, d: DescribeContext) => Promise<string>;

const DESCRIBERS: Record<string, Describer> = {
  "/Pod": describePod,
  "/Node": describeNode,
  "/Service": describeService,
  "/Endpoints": describeEndpoints,
  "/ConfigMap": describeConfigMap,
  "/Secret": describeSecret,
  "/ServiceAccount": describeServiceAccount,
  "/Namespace": describeNamespace,
  "/ResourceQuota": describeResourceQuota,
  "/LimitRange": describeLimitRange,
  "/PersistentVolumeClaim": describePVC,
  "apps/Deployment": describeDeployment,
  "apps/ReplicaSet": describeReplicaSet,
  "apps/DaemonSet": describeDaemonSet,
  "apps/StatefulSet": describeStatefulSet,
  "/PersistentVolume": describePersistentVolume,
  "batch/Job": describeJob,
  "batch/CronJob": describeCronJob,
  "networking.k8s.io/Ingress": describeIngress,
  "policy/PodDisruptionBudget": describePodDisruptionBudget,
  "rbac.authorization.k8s.io/Role": describeRole,
  "rbac.authorization.k8s.io/ClusterRole": describeRole,
  "rbac.authorization.k8s.io/RoleBinding": describeRoleBinding,
  "rbac.authorization.k8s.io/ClusterRoleBinding": describeRoleBinding,
};

export function describerFor(info: Pick<ResourceInfo, "group" | "kind">): Describer {
  return DESCRIBERS[`${info.group}/${info.kind}`] ?? describeGeneric;
}

interface Found {
  info: ResourceInfo;
  obj: any;
}

async function list(
  ctx: CommandContext,
  info: ResourceInfo,
  ns: string | undefined,
  query?: Record<string, string>,
) {
  const r = await ctx.env.request({
    method: "GET",
    path: collectionPath(info, ns),
    ...(query ? { query } : {}),
  });
  if (r.kind !== "object" || r.code >= 400) throw serverError(r);
  return ((r.body as { items?: any[] }).items ?? []).map((o) => ({
    ...o,
    apiVersion: o.apiVersion ?? (info.group ? `${info.group}/${info.version}` : info.version),
    kind: o.kind ?? info.kind,
  }));
}

export async function kubectlDescribe(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "selector", short: "l", type: "string" },
      { name: "all-namespaces", short: "A", type: "bool" },
      { name: "show-events", type: "bool" },
      { name: "filename", short: "f", type: "array" },
      { name: "recursive", short: "R", type: "bool" },
      { name: "chunk-size", type: "int" },
    ],
    "kubectl describe",
  );
  const files = flagArray(p, "filename");
  if (!p.positional.length && !files.length)
    throw new CliError(
      `error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.`,
    );
  const all = flagBool(p, "all-namespaces");
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const sel = flagString(p, "selector");
  const found: Found[] = [];
  let stderr = "";
  if (files.length) {
    for (const m of await readManifests(ctx, files, "describe", flagBool(p, "recursive"))) {
      const info = await manifestInfo(ctx, m);
      const mns = manifestNamespace(info, m, flagString(p, "namespace"), ctx.session.namespace);
      const r = await ctx.env.request({
        method: "GET",
        path: objectPath(info, mns, m.obj.metadata?.name ?? ""),
      });
      if (r.kind !== "object" || r.code >= 400) stderr += `${serverError(r).stderr}\n`;
      else found.push({ info, obj: r.body });
    }
  } else {
    for (const req of await resourceRequests(ctx, p.positional)) {
      const scope = req.info.namespaced && !all ? ns : undefined;
      if (req.names.length === 0) {
        found.push(
          ...(await list(ctx, req.info, scope, sel ? { labelSelector: sel } : undefined)).map(
            (obj) => ({ info: req.info, obj }),
          ),
        );
        continue;
      }
      for (const name of req.names) {
        const r = await ctx.env.request({ method: "GET", path: objectPath(req.info, scope, name) });
        if (r.kind === "object" && r.code < 400) {
          found.push({ info: req.info, obj: r.body });
          continue;
        }
        // kubectl describe treats a name as a prefix when no object has exactly that name.
        const prefixed =
          r.code === 404
            ? (await list(ctx, req.info, scope)).filter((o) => o.metadata.name.startsWith(name))
            : [];
        if (prefixed.length) found.push(...prefixed.map((obj) => ({ info: req.info, obj })));
        else stderr += `${serverError(r).stderr}\n`;
      }
    }
  }
  if (!found.length && !stderr) {
    const namespaced =
      files.length === 0 && (await resourceRequests(ctx, p.positional))[0]?.info.namespaced;
    const where = all || !namespaced ? "" : ` in ${ns} namespace`;
    return { stdout: "", stderr: `No resources found${where}.\n`, exitCode: 0 };
  }
  const d = describeContext(ctx.env);
  const showEvents = p.flags.has("show-events") ? flagBool(p, "show-events") : true;
  if (!showEvents) d.events = async () => undefined as never;
  const texts: string[] = [];
  for (const f of found)
    texts.push(await describerFor(f.info)({ ...f.obj, kind: f.obj.kind ?? f.info.kind }, d));
  return { stdout: texts.join("\n\n"), stderr, exitCode: stderr ? 1 : 0 };
}
