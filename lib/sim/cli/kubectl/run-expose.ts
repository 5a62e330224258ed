// kubectl run (one pod, kubectl's generator) and kubectl expose (a Service
// selecting what a deployment, replica set, pod or service selects).

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { expectObject, objectPath } from "./api";
import { flagArray, flagBool, flagString, parseFlags } from "./flags";
import { resourceRequests } from "./get";
import { submitGenerated } from "./submit-generated";
import { WRITE_FLAGS } from "./write-flags";

function parseLabels(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of s.split(",")) {
    const i = pair.indexOf("=");
    if (i <= 0) throw new CliError(`error: invalid label spec: ${pair}`);
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

export async function kubectlRun(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      ...WRITE_FLAGS,
      { name: "image", type: "string" },
      { name: "labels", short: "l", type: "string" },
      { name: "port", type: "string" },
      { name: "env", type: "array" },
      { name: "restart", type: "string" },
      { name: "command", type: "bool" },
      { name: "image-pull-policy", type: "string" },
      { name: "annotations", type: "array" },
      { name: "stdin", short: "i", type: "bool" },
      { name: "tty", short: "t", type: "bool" },
      { name: "rm", type: "bool" },
      { name: "attach", type: "bool" },
      { name: "privileged", type: "bool" },
      { name: "expose", type: "bool" },
    ],
    "kubectl run",
  );
  const name = p.positional[0];
  if (!name)
    throw new CliError(
      "error: NAME is required for run\nSee 'kubectl run -h' for help and examples",
    );
  const image = flagString(p, "image");
  if (!image) throw new CliError('error: required flag(s) "image" not set');
  if (flagBool(p, "stdin") || flagBool(p, "tty") || flagBool(p, "rm") || flagBool(p, "attach"))
    throw new CliError(
      "error: kubectl run -i/-t/--rm/--attach 는 이 시뮬레이터에서 지원하지 않습니다 (파드는 만들 수 있지만 터미널을 붙일 수는 없습니다). -i/-t 없이 실행한 뒤 kubectl exec 를 사용하세요.",
    );
  if (flagBool(p, "expose"))
    throw new CliError(
      "error: kubectl run --expose 는 이 시뮬레이터에서 지원하지 않습니다: kubectl expose pod 를 사용하세요",
    );
  const restart = flagString(p, "restart") ?? "Always";
  if (!["Always", "OnFailure", "Never"].includes(restart))
    throw new CliError(`error: invalid restart policy: ${restart}`);
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const container: Record<string, unknown> = { image, name };
  const words = [...p.positional.slice(1), ...p.rest];
  if (words.length) container[flagBool(p, "command") ? "command" : "args"] = words;
  const env = flagArray(p, "env").map((e) => {
    const i = e.indexOf("=");
    return { name: i < 0 ? e : e.slice(0, i), value: i < 0 ? "" : e.slice(i + 1) };
  });
  if (env.length) container.env = env;
  const pullPolicy = flagString(p, "image-pull-policy");
  if (pullPolicy) container.imagePullPolicy = pullPolicy;
  const port = flagString(p, "port");
  if (port) container.ports = [{ containerPort: Number(port) }];
  container.resources = {};
  const annotations = Object.fromEntries(
    flagArray(p, "annotations").map((a) => [a.split("=")[0]!, a.split("=").slice(1).join("=")]),
  );
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...(Object.keys(annotations).length ? { annotations } : {}),
      creationTimestamp: null,
      labels: flagString(p, "labels") ? parseLabels(flagString(p, "labels")!) : { run: name },
      name,
      namespace: ns,
    },
    spec: { containers: [container], dnsPolicy: "ClusterFirst", restartPolicy: restart },
    status: {},
  } as unknown as KubeObject;
  return submitGenerated(ctx, pod, p, "created", "kubectl-run");
}

/** The selector a Service needs to reach what `obj` runs. */
function selectorOf(obj: any): Record<string, string> {
  const kind = obj.kind;
  if (kind === "Pod") return obj.metadata.labels ?? {};
  if (kind === "Service") return obj.spec?.selector ?? {};
  const sel = obj.spec?.selector;
  if (sel?.matchExpressions?.length)
    throw new CliError(
      "error: couldn't convert expressions - \"" +
        JSON.stringify(sel.matchExpressions) +
        '" to map: operator "' +
        sel.matchExpressions[0].operator +
        '" cannot be converted into the old label selector format',
    );
  return sel?.matchLabels ?? sel ?? {};
}

function portsOf(obj: any): number[] {
  if (obj.kind === "Service") return (obj.spec?.ports ?? []).map((p: any) => p.port);
  const spec = obj.kind === "Pod" ? obj.spec : obj.spec?.template?.spec;
  return (spec?.containers ?? []).flatMap((c: any) =>
    (c.ports ?? []).map((p: any) => p.containerPort),
  );
}

export async function kubectlExpose(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      ...WRITE_FLAGS,
      { name: "port", type: "string" },
      { name: "target-port", type: "string" },
      { name: "name", type: "string" },
      { name: "type", type: "string" },
      { name: "protocol", type: "string" },
      { name: "selector", type: "string" },
      { name: "labels", short: "l", type: "string" },
      { name: "external-ip", type: "string" },
      { name: "cluster-ip", type: "string" },
      { name: "session-affinity", type: "string" },
    ],
    "kubectl expose",
  );
  if (!p.positional.length)
    throw new CliError(
      `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const [req] = await resourceRequests(ctx, p.positional);
  const name = req!.names[0];
  if (!name) throw new CliError("error: resource(s) were provided, but no name was specified");
  if (
    !["Pod", "Service", "ReplicaSet", "Deployment", "ReplicationController"].includes(
      req!.info.kind,
    )
  )
    throw new CliError(`error: cannot expose a ${req!.info.kind}.${req!.info.group}`);
  const obj = expectObject<any>(
    await ctx.env.request({ method: "GET", path: objectPath(req!.info, ns, name) }),
  );
  obj.kind ??= req!.info.kind;
  const selector = flagString(p, "selector")
    ? parseLabels(flagString(p, "selector")!)
    : selectorOf(obj);
  if (!Object.keys(selector).length)
    throw new CliError(
      `error: couldn't retrieve selectors via --selector flag or introspection: the ${req!.info.kind.toLowerCase()} has no selector`,
    );
  const portFlag = flagString(p, "port");
  const ports = portFlag ? portFlag.split(",").map(Number) : portsOf(obj);
  if (!ports.length)
    throw new CliError(
      "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples",
    );
  const protocol = flagString(p, "protocol") ?? "TCP";
  const target = flagString(p, "target-port");
  const svcPorts = ports.map((port, i) => ({
    ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
    port,
    protocol,
    targetPort: target ? (/^\d+$/.test(target) ? Number(target) : target) : port,
  }));
  const type = flagString(p, "type");
  const svc = {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      creationTimestamp: null,
      ...(Object.keys(obj.metadata.labels ?? {}).length || flagString(p, "labels")
        ? {
            labels: flagString(p, "labels")
              ? parseLabels(flagString(p, "labels")!)
              : obj.metadata.labels,
          }
        : {}),
      name: flagString(p, "name") ?? name,
      namespace: ns,
    },
    spec: {
      ...(flagString(p, "cluster-ip") ? { clusterIP: flagString(p, "cluster-ip") } : {}),
      ...(flagString(p, "external-ip") ? { externalIPs: [flagString(p, "external-ip")] } : {}),
      ports: svcPorts,
      selector,
      ...(flagString(p, "session-affinity")
        ? { sessionAffinity: flagString(p, "session-affinity") }
        : {}),
      ...(type ? { type } : {}),
    },
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
  return submitGenerated(ctx, svc, p, "exposed", "kubectl-expose");
}
