// kubectl create: -f manifests, and the generators learners use most (namespace,
// deployment, configmap, secret generic, serviceaccount, service clusterip; job,
// role, clusterrole, rolebinding, clusterrolebinding and quota in create-more.ts).

import type { ApiResponse } from "../../apiserver/handler/types";
import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { collectionPath, kindName, serverError } from "./api";
import { flagArray, flagString, parseFlags, type FlagSpec } from "./flags";
import { kubectlCreateFromFiles } from "./create-from-files";
import { printerFor } from "./output";
import { generateMore, MORE_FLAGS } from "./create-more";
import { clientDryRunView } from "./submit-generated";

const FLAGS: FlagSpec[] = [
  { name: "filename", short: "f", type: "array" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "dry-run", type: "string" },
  { name: "output", short: "o", type: "string" },
  { name: "image", type: "array" },
  { name: "replicas", short: "r", type: "int" },
  { name: "port", type: "int" },
  { name: "from-literal", type: "array" },
  { name: "tcp", type: "array" },
  { name: "save-config", type: "bool" },
  { name: "validate", type: "string" },
  ...MORE_FLAGS,
];

function kv(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf("=");
    if (i <= 0) throw new CliError(`error: invalid literal source ${p}, expected key=value`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

function generate(
  kind: string,
  name: string,
  p: ReturnType<typeof parseFlags>,
  ns: string,
): KubeObject {
  const meta = { name, ...(kind === "namespace" ? {} : { namespace: ns }) };
  switch (kind) {
    case "namespace":
    case "ns":
      return { apiVersion: "v1", kind: "Namespace", metadata: { name } };
    case "deployment":
    case "deploy": {
      const images = flagArray(p, "image");
      if (!images.length) throw new CliError(`error: required flag(s) "image" not set`);
      const port = flagString(p, "port");
      return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { ...meta, labels: { app: name } },
        spec: {
          replicas: Number(flagString(p, "replicas") ?? 1),
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: {
              containers: images.map((image) => ({
                name: (image.split("/").pop() ?? image)
                  .split(/[:@]/)[0]!
                  .replace(/[^a-z0-9-]/g, "-"),
                image,
                ...(port ? { ports: [{ containerPort: Number(port) }] } : {}),
                resources: {},
              })),
            },
          },
          strategy: {},
        },
      } as KubeObject;
    }
    case "configmap":
    case "cm":
      return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: meta,
        data: kv(flagArray(p, "from-literal")),
      } as KubeObject;
    case "serviceaccount":
    case "sa":
      return { apiVersion: "v1", kind: "ServiceAccount", metadata: meta };
    default:
      throw new CliError(`error: unknown command "${kind}" for "kubectl create"`);
  }
}

// Most generator commands wrap the server's error as fmt.Errorf("failed to create
// <what>: %v"); create namespace, role and clusterrole return it as is. Measured with
// the real kubectl 1.28 and 1.32 against a sandbox (secret has no colon, as in kubectl).
const FAILED_TO_CREATE: Record<string, string> = {
  configmap: "failed to create configmap: ",
  cm: "failed to create configmap: ",
  deployment: "failed to create deployment: ",
  deploy: "failed to create deployment: ",
  "secret-generic": "failed to create secret ",
  serviceaccount: "failed to create serviceaccount: ",
  sa: "failed to create serviceaccount: ",
  "service-clusterip": "failed to create ClusterIP service: ",
  job: "failed to create job: ",
  quota: "failed to create quota: ",
  resourcequota: "failed to create quota: ",
  rolebinding: "failed to create rolebinding: ",
  clusterrolebinding: "failed to create clusterrolebinding: ",
  poddisruptionbudget: "failed to create poddisruptionbudgets: ",
  pdb: "failed to create poddisruptionbudgets: ",
};

function creationError(sub: string, resp: ApiResponse): CliError {
  const prefix = FAILED_TO_CREATE[sub];
  if (prefix && resp.kind === "status")
    return new CliError(`error: ${prefix}${resp.body.message ?? ""}`, 1);
  return serverError(resp);
}

export async function kubectlCreate(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const argv = [...args];
  let sub = argv[0] && !argv[0].startsWith("-") ? argv.shift()! : "";
  if (sub === "secret") {
    const kind = argv.shift();
    if (kind !== "generic")
      throw new CliError(
        `error: kubectl create secret ${kind ?? ""}: 이 시뮬레이터는 generic만 지원합니다`,
      );
    sub = "secret-generic";
  }
  if (sub === "service") {
    const kind = argv.shift();
    if (kind !== "clusterip")
      throw new CliError(
        `error: kubectl create service ${kind ?? ""}: 이 시뮬레이터는 clusterip만 지원합니다`,
      );
    sub = "service-clusterip";
  }
  const p = parseFlags(argv, FLAGS, sub ? `kubectl create ${sub}` : "kubectl create");
  if (!sub) return kubectlCreateFromFiles(p, ctx);
  const name = p.positional[0];
  if (!name) throw new CliError(`error: NAME is required for ${sub}`);
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  let obj: KubeObject;
  if (sub === "secret-generic") {
    const data = Object.fromEntries(
      Object.entries(kv(flagArray(p, "from-literal"))).map(([k, v]) => [
        k,
        btoa(unescape(encodeURIComponent(v))),
      ]),
    );
    obj = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name, namespace: ns },
      data,
      type: "Opaque",
    } as KubeObject;
  } else if (sub === "service-clusterip") {
    const ports = flagArray(p, "tcp").map((t) => {
      const [port, target] = t.split(":");
      return {
        name: t.replace(":", "-"),
        port: Number(port),
        protocol: "TCP",
        targetPort: Number(target ?? port),
      };
    });
    obj = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace: ns, labels: { app: name } },
      spec: { ports, selector: { app: name }, type: "ClusterIP" },
    } as KubeObject;
  } else obj = (await generateMore(sub, name, p, ns, ctx)) ?? generate(sub, name, p, ns);
  const info = builtinRegistry.byApiVersionKind(obj.apiVersion, obj.kind)!;
  const dry = flagString(p, "dry-run");
  const output = flagString(p, "output");
  let created = obj;
  if (dry !== "client") {
    const resp = await ctx.env.request({
      method: "POST",
      path: collectionPath(info, info.namespaced ? ns : undefined),
      body: obj,
      query: {
        fieldManager: "kubectl-create",
        fieldValidation: "Strict",
        ...(dry === "server" ? { dryRun: "All" } : {}),
      },
    });
    if (resp.kind !== "object" || resp.code >= 400) throw creationError(sub, resp);
    created = resp.body as KubeObject;
  }
  if (output) {
    const printer = printerFor(output);
    if (printer)
      return {
        stdout: printer.print(
          [dry === "client" ? clientDryRunView(created, p.flags.has("namespace")) : created],
          true,
          () => kindName(info),
        ),
        stderr: "",
        exitCode: 0,
      };
  }
  const sfx = dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : "";
  return { stdout: `${kindName(info)}/${name} created${sfx}\n`, stderr: "", exitCode: 0 };
}
