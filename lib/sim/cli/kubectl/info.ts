// kubectl's informational commands: version, cluster-info, api-resources,
// api-versions, config (view, current-context, get-contexts, use-context,
// set-context --current --namespace).

import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import { apiVersionOf } from "../../apiserver/resources/resource-info";
import { tabwrite } from "../../kubeadm/tabwriter";
import { toGoYaml } from "../../topology/go-yaml";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { discover, expectObject } from "./api";
import { flagArray, flagBool, flagString, parseFlags, type FlagSpec } from "./flags";
import { goJson } from "./output";
import { KUBECTL_VERSION_INFO } from "../../version";

export const CLIENT_VERSION = KUBECTL_VERSION_INFO.gitVersion;
const KUSTOMIZE = "v5.0.4-0.20230601165947-6ce0bf390ce3";

// One table for every call: parseFlags keeps its lookup maps per table.
const VERSION_FLAGS: readonly FlagSpec[] = [
  { name: "client", type: "bool" },
  { name: "output", short: "o", type: "string" },
  { name: "short", type: "bool" },
];

export async function kubectlVersion(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(args, VERSION_FLAGS, "kubectl version");
  const client = KUBECTL_VERSION_INFO;
  const server = flagBool(p, "client")
    ? undefined
    : expectObject<{ gitVersion: string }>(
        await ctx.env.request({ method: "GET", path: "/version" }),
      );
  const out = flagString(p, "output");
  if (out === "json" || out === "yaml") {
    const doc = {
      clientVersion: client,
      kustomizeVersion: KUSTOMIZE,
      ...(server ? { serverVersion: server } : {}),
    };
    return {
      // kubectl Println()s the marshalled document: YAML ends with a blank line.
      stdout: out === "json" ? `${JSON.stringify(doc, null, 2)}\n` : `${toGoYaml(doc)}\n`,
      stderr: "",
      exitCode: 0,
    };
  }
  let stdout = `Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE}\n`;
  if (server) stdout += `Server Version: ${server.gitVersion}\n`;
  return { stdout, stderr: "", exitCode: 0 };
}

async function apiServerURL(ctx: CommandContext): Promise<string> {
  const resp = await ctx.env.request({
    method: "GET",
    path: "/api/v1/namespaces/default/endpoints/kubernetes",
  });
  const ep =
    resp.kind === "object" && resp.code < 400
      ? (resp.body as { subsets?: { addresses?: { ip: string }[]; ports?: { port: number }[] }[] })
      : {};
  const ip = ep.subsets?.[0]?.addresses?.[0]?.ip ?? "192.168.56.10";
  const port = ep.subsets?.[0]?.ports?.[0]?.port ?? 6443;
  return `https://${ip}:${port}`;
}

export async function kubectlClusterInfo(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  if (args[0] === "dump")
    throw new CliError("error: cluster-info dump은 이 시뮬레이터에서 지원하지 않습니다");
  parseFlags(args, [], "kubectl cluster-info");
  const url = await apiServerURL(ctx);
  // kubectl colours these (ct.ColorGreen / ct.ColorYellow); the lab terminal is xterm.
  const green = (t: string) => `\x1b[0;32m${t}\x1b[0m`;
  const yellow = (t: string) => `\x1b[0;33m${t}\x1b[0m`;
  let stdout = `${green("Kubernetes control plane")} is running at ${yellow(url)}\n`;
  // cluster-info lists the kube-system services labelled kubernetes.io/cluster-service=true.
  const resp = await ctx.env.request({
    method: "GET",
    path: "/api/v1/namespaces/kube-system/services",
    query: { labelSelector: "kubernetes.io/cluster-service=true" },
  });
  if (resp.kind === "object" && resp.code < 400) {
    for (const svc of (resp.body as { items: KubeObject[] }).items) {
      const name = svc.metadata.labels?.["kubernetes.io/name"] ?? svc.metadata.name;
      const port = (svc.spec as { ports?: { name?: string; port: number }[] }).ports?.[0];
      const portName = port?.name ? `:${port.name}` : "";
      stdout += `${green(name ?? "")} is running at ${yellow(`${url}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${portName}/proxy`)}\n`;
    }
  }
  stdout += `\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`;
  return { stdout, stderr: "", exitCode: 0 };
}

export async function kubectlApiResources(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "namespaced", type: "bool" },
      { name: "api-group", type: "string" },
      { name: "output", short: "o", type: "string" },
      { name: "no-headers", type: "bool" },
      { name: "verbs", type: "array" },
      { name: "sort-by", type: "string" },
      { name: "cached", type: "bool" },
    ],
    "kubectl api-resources",
  );
  const registry = await discover(ctx.env);
  const seen = new Set<string>();
  let rows = registry
    .all()
    .filter((e) => {
      const key = `${e.group}/${e.resource}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return (
        registry.preferred(e.group, e.resource) === e || !registry.preferred(e.group, e.resource)
      );
    })
    .map((e) => registry.preferred(e.group, e.resource) ?? e);
  // A bool flag (default true) that only filters when given: --namespaced, --namespaced=false.
  if (p.flags.has("namespaced")) {
    const namespaced = flagBool(p, "namespaced");
    rows = rows.filter((e) => e.namespaced === namespaced);
  }
  // --verbs keeps the resources that support every verb given.
  const verbs = flagArray(p, "verbs")
    .flatMap((v) => v.split(","))
    .filter(Boolean);
  if (verbs.length) rows = rows.filter((e) => verbs.every((v) => e.verbs.includes(v)));
  const group = flagString(p, "api-group");
  if (group !== undefined) rows = rows.filter((e) => e.group === group);
  rows.sort((a, b) =>
    a.group === b.group ? (a.resource < b.resource ? -1 : 1) : a.group < b.group ? -1 : 1,
  );
  if (flagString(p, "output") === "name")
    return {
      stdout: rows.map((e) => `${e.resource}${e.group ? `.${e.group}` : ""}\n`).join(""),
      stderr: "",
      exitCode: 0,
    };
  const wide = flagString(p, "output") === "wide";
  const table = [
    [
      "NAME",
      "SHORTNAMES",
      "APIVERSION",
      "NAMESPACED",
      "KIND",
      ...(wide ? ["VERBS", "CATEGORIES"] : []),
    ],
  ];
  for (const e of rows)
    table.push([
      e.resource,
      e.shortNames.join(","),
      apiVersionOf(e),
      String(e.namespaced),
      e.kind,
      // kubectl prints the verbs as a sorted, comma-separated set.
      ...(wide ? [[...e.verbs].sort().join(","), e.categories.join(",")] : []),
    ]);
  return {
    stdout: tabwrite(flagBool(p, "no-headers") ? table.slice(1) : table, 6, 3),
    stderr: "",
    exitCode: 0,
  };
}

export async function kubectlApiVersions(
  _args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const registry = await discover(ctx.env);
  const versions = new Set(registry.all().map((e) => apiVersionOf(e)));
  return {
    stdout: [...versions]
      .sort()
      .map((v) => `${v}\n`)
      .join(""),
    stderr: "",
    exitCode: 0,
  };
}

export async function kubectlConfig(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const [sub, ...rest] = args;
  const p = parseFlags(
    rest,
    [
      { name: "current", type: "bool" },
      { name: "minify", type: "bool" },
      { name: "raw", type: "bool" },
      { name: "output", short: "o", type: "string" },
      { name: "flatten", type: "bool" },
    ],
    `kubectl config ${sub ?? ""}`.trim(),
  );
  const ctxName = "kubernetes-admin@kubernetes";
  switch (sub) {
    case "current-context":
      return { stdout: `${ctx.session.context}\n`, stderr: "", exitCode: 0 };
    case "get-contexts":
      return {
        stdout: tabwrite(
          [
            ["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"],
            [
              "*",
              ctxName,
              "kubernetes",
              "kubernetes-admin",
              ctx.session.namespace === "default" ? "" : ctx.session.namespace,
            ],
          ],
          6,
          3,
        ),
        stderr: "",
        exitCode: 0,
      };
    case "use-context": {
      const name = p.positional[0];
      if (name !== ctxName)
        throw new CliError(`error: no context exists with the name: "${name ?? ""}"`);
      return {
        stdout: `Switched to context "${name}".\n`,
        stderr: "",
        exitCode: 0,
        session: { context: name },
      };
    }
    case "set-context": {
      const namespace = flagString(p, "namespace");
      const name = flagBool(p, "current") ? ctxName : p.positional[0];
      if (name !== ctxName)
        throw new CliError(`error: 이 실습 kubeconfig에는 컨텍스트 "${ctxName}"만 있습니다`);
      return {
        stdout: `Context "${name}" modified.\n`,
        stderr: "",
        exitCode: 0,
        ...(namespace !== undefined ? { session: { namespace: namespace || "default" } } : {}),
      };
    }
    case "view": {
      const url = await apiServerURL(ctx);
      const context: Record<string, string> = { cluster: "kubernetes", user: "kubernetes-admin" };
      if (ctx.session.namespace !== "default") context.namespace = ctx.session.namespace;
      const doc = {
        apiVersion: "v1",
        clusters: [
          {
            cluster: { "certificate-authority-data": "DATA+OMITTED", server: url },
            name: "kubernetes",
          },
        ],
        contexts: [{ context, name: ctxName }],
        "current-context": ctxName,
        kind: "Config",
        preferences: {},
        users: [
          {
            name: "kubernetes-admin",
            user: { "client-certificate-data": "DATA+OMITTED", "client-key-data": "DATA+OMITTED" },
          },
        ],
      };
      const out = flagString(p, "output");
      return {
        stdout: out === "json" ? `${goJson(doc)}\n` : toGoYaml(doc),
        stderr: "",
        exitCode: 0,
      };
    }
    default:
      throw new CliError(
        sub
          ? `error: unknown command "${sub}" for "kubectl config"`
          : "error: kubectl config: 하위 명령이 필요합니다 (view, current-context, get-contexts, use-context, set-context)",
      );
  }
}

export { builtinRegistry };
