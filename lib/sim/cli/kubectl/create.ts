// kubectl create: -f manifests, and the generators (namespace, deployment, configmap,
// serviceaccount here; secret and service subcommands in create-secret.ts and
// create-service.ts; job, role, clusterrole, rolebinding, clusterrolebinding, quota
// and pdb in create-more.ts; ingress, cronjob, priorityclass, token in their own files).
// Which flags each generator takes: create-flag-tables.ts.

import { createHash } from "node:crypto";
import type { ApiResponse } from "../../apiserver/handler/types";
import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import { STANDARD_VERBS, type ResourceInfo } from "../../apiserver/resources/resource-info";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { collectionPath, kindName, serverError } from "./api";
import { flagArray, flagBool, flagString, parseFlags, type ParsedArgs } from "./flags";
import { withHashSuffix } from "./create-hash";
import { typedObject } from "../../apiserver/typed-order";
import { kubectlCreateFromFiles } from "./create-from-files";
import { printerFor } from "./output";
import { generateMore } from "./create-more";
import { clientDryRunView } from "./submit-generated";
import {
  generateService,
  SERVICE_FLAGS,
  SERVICE_SUB_FLAGS,
  SERVICE_TYPES,
  type ServiceSubcommand,
} from "./create-service";
import {
  dataSources,
  generateSecret,
  SECRET_FLAGS,
  SECRET_SUB_FLAGS,
  SECRET_TYPES,
  type SecretSubcommand,
} from "./create-secret";
import { generateIngress } from "./create-ingress";
import { generateCronJob, generatePriorityClass } from "./create-cronjob";
import { createToken } from "./create-token";
import { CREATE_NO_FILE, subcommandHelp } from "./create-help";
import { BASE_FLAGS, CREATE_ALIASES, flagsOf, OWN_FLAGS } from "./create-flag-tables";
import { goJsonEscapes } from "./go-value";

/**
 * create deployment's container name: the image's last path element without tag or
 * digest; with "_" or "." it becomes "-" plus a random 5-letter suffix (kubectl's
 * sanitizeAndUniquify). Here the suffix is derived from `salt`, so runs stay reproducible.
 */
function containerName(image: string, salt: string): string {
  let name = image.split("/").pop()!;
  name = name.split(":")[0]!.split("@")[0]!;
  if (!/[_.]/.test(name)) return name;
  const letters = "bcdfghjklmnpqrstvwxz2456789"; // utilrand's alphabet
  const digest = createHash("sha256").update(salt).digest();
  const suffix = [...digest.subarray(0, 5)].map((b) => letters[b % letters.length]).join("");
  return `${name.replaceAll("_", "-").replaceAll(".", "-")}-${suffix}`;
}

async function generate(
  kind: string,
  name: string,
  p: ParsedArgs,
  ns: string,
  ctx: CommandContext,
): Promise<KubeObject> {
  const meta = { name, namespace: ns };
  switch (kind) {
    case "namespace":
      return { apiVersion: "v1", kind: "Namespace", metadata: { name } };
    case "deployment": {
      const images = flagArray(p, "image");
      if (!images.length) throw new CliError(`error: required flag(s) "image" not set`);
      if (images.length > 1 && p.rest.length)
        throw new CliError("error: cannot specify multiple --image options and command");
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
              // The command goes to every container (there is one when it is given),
              // --port to the first only.
              containers: images.map((image, i) => ({
                ...(p.rest.length ? { command: p.rest } : {}),
                name: containerName(image, `${name}/${i}/${ctx.env.now()}`),
                image,
                ...(port && Number(port) >= 0 && i === 0
                  ? { ports: [{ containerPort: Number(port) }] }
                  : {}),
                resources: {},
              })),
            },
          },
          strategy: {},
        },
      } as KubeObject;
    }
    case "configmap": {
      const data: Record<string, string> = {};
      const add = (k: string, v: string) => {
        if (Object.prototype.hasOwnProperty.call(data, k))
          throw new CliError(`error: cannot add key ${k}, another key by that name already exists`);
        data[k] = v;
      };
      for (const [k, v] of await dataSources(ctx, p)) add(k, v);
      return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: meta,
        ...(Object.keys(data).length ? { data } : {}),
      } as KubeObject;
    }
    case "serviceaccount":
      return { apiVersion: "v1", kind: "ServiceAccount", metadata: meta };
    case "ingress":
      return generateIngress(name, p, ns);
    case "cronjob":
      return generateCronJob(name, p, ns, p.rest);
    case "priorityclass":
      return generatePriorityClass(name, p);
    default: {
      const more = await generateMore(kind, name, p, ns, ctx);
      if (more) return more;
      throw new CliError(
        `error: unknown command "${kind}" for "kubectl create"\nRun 'kubectl create --help' for usage.`,
      );
    }
  }
}

// Most generator commands wrap the server's error as fmt.Errorf("failed to create
// <what>: %v"); create namespace, role and clusterrole return it as is. Measured with
// the real kubectl 1.28 and 1.32 against a sandbox (secret has no colon, as in kubectl).
const FAILED_TO_CREATE: Record<string, string> = {
  configmap: "failed to create configmap: ",
  deployment: "failed to create deployment: ",
  "secret-generic": "failed to create secret ",
  "secret-tls": "failed to create secret ",
  "secret-docker-registry": "failed to create secret ",
  serviceaccount: "failed to create serviceaccount: ",
  "service-clusterip": "failed to create ClusterIP service: ",
  "service-nodeport": "failed to create NodePort service: ",
  "service-loadbalancer": "failed to create LoadBalancer service: ",
  "service-externalname": "failed to create ExternalName service: ",
  job: "failed to create job: ",
  cronjob: "failed to create cronjob: ",
  ingress: "failed to create ingress: ",
  priorityclass: "failed to create priorityclass: ",
  quota: "failed to create quota: ",
  rolebinding: "failed to create rolebinding: ",
  clusterrolebinding: "failed to create clusterrolebinding: ",
  poddisruptionbudget: "failed to create poddisruptionbudgets: ",
};

function creationError(sub: string, resp: ApiResponse): CliError {
  const prefix = FAILED_TO_CREATE[sub];
  if (prefix && resp.kind === "status")
    return new CliError(`error: ${prefix}${resp.body.message ?? ""}`, 1);
  return serverError(resp);
}

/** What kubectl's typed generated object shows in a client dry run, kind by kind. */
function dryRunView(obj: KubeObject, explicitNamespace: boolean): KubeObject {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated objects are loose JSON
  const view = clientDryRunView(obj, explicitNamespace) as any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const o = obj as any;
  if (o.kind === "Secret" && o.type) view.type = o.type;
  if (o.kind === "Ingress") view.status ??= { loadBalancer: {} };
  if (o.kind === "CronJob") {
    const jt = view.spec.jobTemplate;
    jt.metadata = { creationTimestamp: null, ...jt.metadata };
    jt.spec.template.metadata = { creationTimestamp: null, ...jt.spec.template.metadata };
    view.status ??= {};
  }
  return view as KubeObject;
}

const CRONJOB_INFO: ResourceInfo = {
  group: "batch",
  version: "v1",
  kind: "CronJob",
  listKind: "CronJobList",
  resource: "cronjobs",
  singular: "cronjob",
  shortNames: ["cj"],
  namespaced: true,
  verbs: STANDARD_VERBS,
  categories: ["all"],
  subresources: [],
  etcdPrefix: "/registry/cronjobs/",
};

/**
 * The REST mapping of a generated object. batch/v1 CronJob is generated even though the
 * simulated API server does not serve it: kubectl still POSTs it (and the server says 404).
 */
function generatedInfo(obj: KubeObject): ResourceInfo {
  const info = builtinRegistry.byApiVersionKind(obj.apiVersion, obj.kind);
  if (info) return info;
  if (obj.kind === "CronJob") return CRONJOB_INFO;
  throw new CliError(`error: no REST mapping for ${obj.apiVersion} ${obj.kind}`);
}

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** util.CreateOrUpdateAnnotation: the typed object, compact JSON in Go's field order. */
function withLastApplied(obj: KubeObject, explicitNamespace: boolean): KubeObject {
  const json = `${goJsonEscapes(JSON.stringify(typedObject(dryRunView(obj, explicitNamespace))))}\n`;
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      annotations: { ...obj.metadata.annotations, [LAST_APPLIED]: json },
    },
  };
}

/** NameFromCommandArgs: exactly one argument before `--`. */
function nameArg(p: ParsedArgs, cmdPath: string): string {
  if (p.positional.length !== 1)
    throw new CliError(
      `error: exactly one NAME is required, got ${p.positional.length}\nSee '${cmdPath} -h' for help and examples`,
    );
  return p.positional[0]!;
}

/** `create secret|service <type>`: the type word, or cobra's help/unknown-command answer. */
function subType<T extends string>(
  group: "secret" | "service",
  argv: string[],
  types: readonly T[],
): T {
  const word = argv[0];
  if (word && (types as readonly string[]).includes(word)) {
    argv.shift();
    return word as T;
  }
  const words = argv.filter((a) => !a.startsWith("-"));
  if (words.length)
    throw new CliError(
      `error: unknown command "${words.join(" ")}"\nSee 'kubectl create ${group} -h' for help and examples`,
    );
  throw new CliError(subcommandHelp(group).replace(/\n$/, ""), 1);
}

export async function kubectlCreate(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const argv = [...args];
  const word = argv[0] && !argv[0].startsWith("-") ? argv.shift()! : "";
  let sub = CREATE_ALIASES[word] ?? word;
  let cmdPath = sub ? `kubectl create ${sub}` : "kubectl create";
  let specs = flagsOf(sub);
  // cobra: an argument that names no subcommand is an unknown command of `create`, whose
  // own Run has already failed for want of -f.
  if (sub && !OWN_FLAGS[sub] && !["secret", "service", "token"].includes(sub)) {
    const words = [word, ...argv.filter((a) => !a.startsWith("-"))];
    throw new CliError(
      `Error: must specify one of -f and -k\n\nerror: unknown command "${words.join(" ")}"\nSee 'kubectl create -h' for help and examples`,
    );
  }
  if (sub === "secret") {
    const type = subType<SecretSubcommand>("secret", argv, SECRET_TYPES);
    const own = new Set(SECRET_SUB_FLAGS[type]);
    specs = [
      ...BASE_FLAGS,
      ...(own.has("from-literal") ? [{ name: "from-literal", type: "array" } as const] : []),
      ...SECRET_FLAGS.filter((f) => own.has(f.name)),
    ];
    sub = `secret-${type}`;
    cmdPath = `kubectl create secret ${type}`;
  } else if (sub === "service") {
    const type = subType<ServiceSubcommand>(
      "service",
      argv,
      Object.keys(SERVICE_TYPES) as ServiceSubcommand[],
    );
    const own = new Set(SERVICE_SUB_FLAGS[type]);
    specs = [
      ...BASE_FLAGS,
      { name: "tcp", type: "array" },
      ...SERVICE_FLAGS.filter((f) => own.has(f.name)),
    ];
    sub = `service-${type}`;
    cmdPath = `kubectl create service ${type}`;
  }
  const p = parseFlags(argv, specs, cmdPath);
  if (!sub && !p.flags.has("filename")) throw new CliError(CREATE_NO_FILE.replace(/\n$/, ""));
  if (!sub) return kubectlCreateFromFiles(p, ctx);
  if (sub === "token") return createToken(nameArg(p, cmdPath), p, ctx);
  const name = nameArg(p, cmdPath);
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  let obj = sub.startsWith("secret-")
    ? await generateSecret(sub.slice(7) as SecretSubcommand, name, p, ns, ctx)
    : sub.startsWith("service-")
      ? generateService(sub.slice(8) as ServiceSubcommand, name, p, ns)
      : await generate(sub, name, p, ns, ctx);
  if (flagBool(p, "append-hash") && (obj.kind === "ConfigMap" || obj.kind === "Secret"))
    obj = withHashSuffix(obj);
  // --save-config: the last-applied annotation holds the object kubectl generated, as JSON.
  // kubectl's `create service` never reads the flag (ServiceOptions.CreateAnnotation stays false).
  if (flagBool(p, "save-config") && !sub.startsWith("service-"))
    obj = withLastApplied(obj, p.flags.has("namespace"));
  const info = generatedInfo(obj);
  const dry = flagString(p, "dry-run");
  const output = flagString(p, "output");
  let created = obj;
  if (dry !== "client") {
    const resp = await ctx.env.request({
      method: "POST",
      path: collectionPath(info, info.namespaced ? ns : undefined),
      body: obj,
      query: {
        fieldManager: flagString(p, "field-manager") ?? "kubectl-create",
        fieldValidation: "Strict",
        ...(dry === "server" ? { dryRun: "All" } : {}),
      },
    });
    if (resp.kind !== "object" || resp.code >= 400) throw creationError(sub, resp);
    created = resp.body as KubeObject;
  }
  if (output) {
    const printer = printerFor(output, false, true);
    if (printer)
      return {
        stdout: printer.print(
          [dry === "client" ? dryRunView(created, p.flags.has("namespace")) : created],
          true,
          () => kindName(info),
        ),
        stderr: "",
        exitCode: 0,
      };
  }
  const sfx = dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : "";
  return {
    stdout: `${kindName(info)}/${obj.metadata.name} created${sfx}\n`,
    stderr: "",
    exitCode: 0,
  };
}
