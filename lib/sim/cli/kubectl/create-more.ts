// More of kubectl create's generators: job, role, clusterrole (--aggregation-rule too),
// rolebinding, clusterrolebinding, quota and pdb, with kubectl's validation texts
// (k8s.io/kubectl/pkg/cmd/create).

import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import type { CommandContext } from "../types";
import { parseLabelSelector, SelectorParseError } from "../../apiserver/selectors/label-selector";
import { canonicalQuantity, QuantityError } from "../../quantity/quantity";
import { objectPath, resolveResource, serverError } from "./api";
import { flagArray, flagString, type FlagSpec, type ParsedArgs } from "./flags";

export const MORE_FLAGS: FlagSpec[] = [
  { name: "verb", type: "array" },
  { name: "resource", type: "array" },
  { name: "resource-name", type: "array" },
  { name: "non-resource-url", type: "array" },
  { name: "role", type: "string" },
  { name: "clusterrole", type: "string" },
  { name: "user", type: "array" },
  { name: "group", type: "array" },
  { name: "serviceaccount", type: "array" },
  { name: "hard", type: "string" },
  { name: "scopes", type: "string" },
  { name: "from", type: "string" },
  { name: "selector", type: "string" },
  { name: "min-available", type: "string" },
  { name: "max-unavailable", type: "string" },
  { name: "aggregation-rule", type: "stringArray" },
];

const RBAC = "rbac.authorization.k8s.io";
const VALID_VERBS = [
  "*",
  "get",
  "delete",
  "list",
  "create",
  "update",
  "patch",
  "watch",
  "proxy",
  "deletecollection",
  "use",
  "bind",
  "escalate",
  "impersonate",
];

async function rules(ctx: CommandContext, p: ParsedArgs, cluster: boolean) {
  const verbs = flagArray(p, "verb");
  const resources = flagArray(p, "resource");
  const urls = flagArray(p, "non-resource-url");
  if (!verbs.length) throw new CliError("error: at least one verb must be specified");
  if (!resources.length && !(cluster && urls.length))
    throw new CliError("error: at least one resource must be specified");
  for (const v of verbs)
    if (!VALID_VERBS.includes(v)) throw new CliError(`error: invalid verb: '${v}'`);
  // One rule per API group, groups sorted (sets.StringKeySet(...).List()).
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const [res, sub] = r.split("/");
    let group = "";
    let name = res!;
    if (res !== "*") {
      const info = await resolveResource(ctx.env, res!);
      group = info.group;
      name = info.resource;
    }
    byGroup.set(group, [...(byGroup.get(group) ?? []), sub ? `${name}/${sub}` : name]);
  }
  const names = flagArray(p, "resource-name");
  const out: Record<string, unknown>[] = [...byGroup.keys()].sort().map((g) => ({
    apiGroups: [g],
    resources: byGroup.get(g),
    ...(names.length ? { resourceNames: names } : {}),
    verbs,
  }));
  if (urls.length) out.push({ nonResourceURLs: urls, verbs });
  return out;
}

function subjects(p: ParsedArgs) {
  const out: Record<string, string>[] = [];
  for (const u of flagArray(p, "user")) out.push({ apiGroup: RBAC, kind: "User", name: u });
  for (const g of flagArray(p, "group")) out.push({ apiGroup: RBAC, kind: "Group", name: g });
  for (const sa of flagArray(p, "serviceaccount")) {
    const [ns, name, ...rest] = sa.split(":");
    if (!ns || !name || rest.length)
      throw new CliError(`error: serviceaccount must be <namespace>:<name>`);
    out.push({ kind: "ServiceAccount", name, namespace: ns });
  }
  return out;
}

/** The object `kubectl create <sub> <name>` makes, or undefined for other generators. */
export async function generateMore(
  sub: string,
  name: string,
  p: ParsedArgs,
  ns: string,
  ctx: CommandContext,
): Promise<KubeObject | undefined> {
  switch (sub) {
    case "job": {
      const image = flagArray(p, "image")[0];
      const from = flagString(p, "from") ?? "";
      if (Boolean(image) === Boolean(from))
        throw new CliError("error: either --image or --from must be specified");
      if (from && p.rest.length) throw new CliError("error: cannot specify --from and command");
      if (from) return jobFromCronJob(name, from, ns, ctx);
      const command = p.rest.length ? { command: p.rest } : {};
      return {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name, namespace: ns },
        spec: {
          template: {
            metadata: {},
            spec: {
              containers: [{ ...command, image, name, resources: {} }],
              restartPolicy: "Never",
            },
          },
        },
      } as unknown as KubeObject;
    }
    case "clusterrole":
      if (p.flags.has("aggregation-rule")) return aggregatedClusterRole(name, p);
      return {
        apiVersion: `${RBAC}/v1`,
        kind: "ClusterRole",
        metadata: { name },
        rules: await rules(ctx, p, true),
      } as unknown as KubeObject;
    case "role":
      return {
        apiVersion: `${RBAC}/v1`,
        kind: "Role",
        metadata: { name, namespace: ns },
        rules: await rules(ctx, p, false),
      } as unknown as KubeObject;
    case "rolebinding":
    case "clusterrolebinding": {
      const role = flagString(p, "role");
      const clusterRole = flagString(p, "clusterrole");
      if (sub === "rolebinding" && Boolean(role) === Boolean(clusterRole))
        throw new CliError("error: exactly one of clusterrole or role must be specified");
      if (sub === "clusterrolebinding" && !clusterRole)
        throw new CliError('error: required flag(s) "clusterrole" not set');
      const s = subjects(p);
      return {
        apiVersion: `${RBAC}/v1`,
        kind: sub === "rolebinding" ? "RoleBinding" : "ClusterRoleBinding",
        metadata: { name, ...(sub === "rolebinding" ? { namespace: ns } : {}) },
        roleRef: { apiGroup: RBAC, kind: role ? "Role" : "ClusterRole", name: role ?? clusterRole },
        ...(s.length ? { subjects: s } : {}),
      } as unknown as KubeObject;
    }
    case "quota":
    case "resourcequota": {
      const hard: Record<string, string> = {};
      // populateResourceListV1: name=quantity pairs, each quantity parsed and canonical.
      const spec = flagString(p, "hard") ?? "";
      for (const pair of spec ? spec.split(",") : []) {
        const parts = pair.split("=");
        if (parts.length !== 2)
          throw new CliError(`error: Invalid argument syntax ${pair}, expected <resource>=<value>`);
        try {
          hard[parts[0]!] = canonicalQuantity(parts[1]!);
        } catch (e) {
          if (e instanceof QuantityError) throw new CliError(`error: ${e.message}`);
          throw e;
        }
      }
      const scopes = (flagString(p, "scopes") ?? "").split(",").filter(Boolean);
      return {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name, namespace: ns },
        spec: { ...(spec ? { hard } : {}), ...(scopes.length ? { scopes } : {}) },
      } as unknown as KubeObject;
    }
    case "poddisruptionbudget":
    case "pdb":
      return disruptionBudget(name, p, ns);
    default:
      return undefined;
  }
}

/**
 * create job --from=cronjob/NAME: the builder resolves the type (the simulated API server
 * does not serve batch/v1 cronjobs, so this is where it stops today, with kubectl's
 * words), fetches the CronJob and copies its job template, owned by the CronJob.
 */
async function jobFromCronJob(
  name: string,
  from: string,
  ns: string,
  ctx: CommandContext,
): Promise<KubeObject> {
  const [type, objName, ...extra] = from.split("/");
  if (extra.length)
    throw new CliError("error: arguments in resource/name form may not have more than one slash");
  const info = await resolveResource(ctx.env, type!);
  if (!objName) throw new CliError("error: resource(s) were provided, but no name was specified");
  const resp = await ctx.env.request({ method: "GET", path: objectPath(info, ns, objName) });
  if (resp.kind !== "object" || resp.code >= 400) throw serverError(resp);
  const cronJob = resp.body as KubeObject;
  if (cronJob.kind !== "CronJob")
    throw new CliError(`error: unknown object type *${info.version}.${cronJob.kind}`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a stored CronJob is loose JSON
  const template = ((cronJob as any).spec?.jobTemplate ?? {}) as {
    metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> };
    spec?: unknown;
  };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name,
      namespace: ns,
      annotations: {
        "cronjob.kubernetes.io/instantiate": "manual",
        ...template.metadata?.annotations,
      },
      ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}),
      ownerReferences: [
        {
          apiVersion: "batch/v1",
          kind: "CronJob",
          name: cronJob.metadata.name,
          uid: cronJob.metadata.uid,
          controller: true,
        },
      ],
    },
    spec: template.spec ?? {},
  } as unknown as KubeObject;
}

/**
 * create clusterrole --aggregation-rule=k=v[,k=v]: no rules of its own (rules: null), one
 * selector of matchLabels. The flag is pflag's StringToString: a malformed pair fails parsing.
 */
function aggregatedClusterRole(name: string, p: ParsedArgs): KubeObject {
  const matchLabels: Record<string, string> = {};
  for (const value of p.flags.get("aggregation-rule") ?? [])
    for (const pair of value.split(",")) {
      const i = pair.indexOf("=");
      if (i < 0)
        throw new CliError(
          `error: invalid argument "${value}" for "--aggregation-rule" flag: malformed pair, expect string=string\nSee 'kubectl create clusterrole --help' for usage.`,
        );
      matchLabels[pair.slice(0, i)] = pair.slice(i + 1);
    }
  if (["verb", "resource", "resource-name", "non-resource-url"].some((f) => p.flags.has(f)))
    throw new CliError(
      "error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames",
    );
  return {
    aggregationRule: { clusterRoleSelectors: [{ matchLabels }] },
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRole",
    metadata: { name },
    rules: null,
  } as unknown as KubeObject;
}

/** metav1.ParseToLabelSelector: equality → matchLabels, set-based → matchExpressions. */
function labelSelectorObject(text: string): Record<string, unknown> {
  let reqs;
  try {
    reqs = parseLabelSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new CliError(`error: ${e.message}`);
    throw e;
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  const OPS: Record<string, string> = {
    in: "In",
    notin: "NotIn",
    exists: "Exists",
    "!": "DoesNotExist",
  };
  for (const r of reqs) {
    if (r.operator === "=" || r.operator === "==") matchLabels[r.key] = r.values[0] ?? "";
    else if (r.operator === "gt" || r.operator === "lt")
      throw new CliError(`error: "${r.operator}" isn't supported in label selectors`);
    else if (!OPS[r.operator])
      throw new CliError(`error: "${r.operator}" is not a valid label selector operator`);
    else
      matchExpressions.push({
        key: r.key,
        operator: OPS[r.operator],
        ...(r.values.length ? { values: [...r.values].sort() } : {}),
      });
  }
  return {
    ...(Object.keys(matchLabels).length ? { matchLabels } : {}),
    ...(matchExpressions.length ? { matchExpressions } : {}),
  };
}

/** kubectl create poddisruptionbudget: its Validate texts, then policy/v1 with intstr bounds. */
function disruptionBudget(name: string, p: ParsedArgs, ns: string): KubeObject {
  const selector = flagString(p, "selector") ?? "";
  const min = flagString(p, "min-available") ?? "";
  const max = flagString(p, "max-unavailable") ?? "";
  if (!selector) throw new CliError("error: a selector must be specified");
  if (!min && !max)
    throw new CliError("error: one of min-available or max-unavailable must be specified");
  if (min && max)
    throw new CliError("error: min-available and max-unavailable cannot be both specified");
  const format = /^[0-9]+%?$/;
  if (min && !format.test(min))
    throw new CliError("error: invalid format specified for min-available");
  if (max && !format.test(max))
    throw new CliError("error: invalid format specified for max-unavailable");
  const intOrString = (v: string) => (v.endsWith("%") ? v : Number(v));
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name, namespace: ns },
    spec: {
      ...(max ? { maxUnavailable: intOrString(max) } : {}),
      ...(min ? { minAvailable: intOrString(min) } : {}),
      selector: labelSelectorObject(selector),
    },
  } as unknown as KubeObject;
}
