// The container and volume sections shared by describe pod and every pod
// template (deployment, replicaset, daemonset, job): describeContainers,
// describeVolumes and DescribePodTemplate of k8s.io/kubectl/pkg/describe.

/* eslint-disable @typescript-eslint/no-explicit-any -- pod specs are read as loose JSON */
import { formatQuantity, parseQuantity } from "../../../quantity/quantity";
import {
  annotationsMultiline,
  labelsMultiline,
  ptrBool,
  rfc1123z,
  type PrefixWriter,
} from "./writer";

type Json = any;

/** ResourceList keys in kubectl's order (SortedResourceNames: alphabetical). */
const quantity = (v: string) => {
  try {
    return formatQuantity(parseQuantity(v));
  } catch {
    return v;
  }
};

function describeResources(w: PrefixWriter, res: Json, level: number) {
  if (!res) return;
  for (const [title, list] of [
    ["Limits", res.limits],
    ["Requests", res.requests],
  ] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (!keys.length) continue;
    w.write(level, `${title}:\n`);
    for (const k of keys) w.write(level + 1, `${k}:\t${quantity(String(list[k]))}\n`);
  }
}

/** Go's url.URL.String() path escaping for a probe path ("?" is not a path character). */
const escapePath = (p: string) =>
  p.replace(/[?#% ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function describeProbe(p: Json): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const port = g.port === undefined ? "" : String(g.port);
    const host = port
      ? `${g.host?.includes(":") ? `[${g.host}]` : (g.host ?? "")}:${port}`
      : (g.host ?? "");
    const path = g.path ? (g.path.startsWith("/") ? g.path : `/${g.path}`) : "";
    return `http-get ${String(g.scheme ?? "").toLowerCase()}://${host}${escapePath(path)} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeState(w: PrefixWriter, name: string, state: Json) {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
    if (state?.waiting?.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  }
}

/** The value a fieldRef resolves to in a running pod (EnvValueRetriever). */
export type EnvResolver = (e: Json) => string;

export function podEnvResolver(pod: Json): EnvResolver {
  return (e) => {
    const path = e.valueFrom?.fieldRef?.fieldPath as string | undefined;
    const table: Record<string, unknown> = {
      "metadata.name": pod.metadata?.name,
      "metadata.namespace": pod.metadata?.namespace,
      "metadata.uid": pod.metadata?.uid,
      "spec.nodeName": pod.spec?.nodeName,
      "spec.serviceAccountName": pod.spec?.serviceAccountName,
      "status.hostIP": pod.status?.hostIP,
      "status.podIP": pod.status?.podIP,
    };
    return path && table[path] !== undefined ? String(table[path]) : "";
  };
}

function describeEnv(w: PrefixWriter, c: Json, resolve?: EnvResolver) {
  if (c.envFrom?.length) {
    w.write(2, "Environment Variables from:\n");
    for (const e of c.envFrom) {
      const ref = e.configMapRef ?? e.secretRef;
      const from = e.configMapRef ? "ConfigMap" : "Secret";
      const optional = Boolean(ref?.optional);
      w.write(
        3,
        e.prefix
          ? `${ref?.name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`
          : `${ref?.name}\t${from}\tOptional: ${optional}\n`,
      );
    }
  }
  w.write(2, `Environment:${c.env?.length ? "" : "\t<none>"}\n`);
  for (const e of c.env ?? []) {
    const vf = e.valueFrom;
    if (!vf) {
      String(e.value ?? "")
        .split("\n")
        .forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (vf.fieldRef) {
      w.write(
        3,
        `${e.name}:\t${resolve ? resolve(e) : ""} (${vf.fieldRef.apiVersion ?? ""}:${vf.fieldRef.fieldPath})\n`,
      );
    } else if (vf.resourceFieldRef) {
      w.write(3, `${e.name}:\t${resolve ? resolve(e) : ""} (${vf.resourceFieldRef.resource})\n`);
    } else if (vf.secretKeyRef) {
      const r = vf.secretKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' in secret '${r.name}'>\tOptional: ${Boolean(r.optional)}\n`,
      );
    } else if (vf.configMapKeyRef) {
      const r = vf.configMapKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' of config map '${r.name}'>\tOptional: ${Boolean(r.optional)}\n`,
      );
    }
  }
}

function describeMounts(w: PrefixWriter, c: Json) {
  const mounts = [...(c.volumeMounts ?? [])].sort((a: Json, b: Json) =>
    a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
  );
  w.write(2, `Mounts:${mounts.length ? "" : "\t<none>"}\n`);
  for (const m of mounts) {
    const flags = [
      m.readOnly ? "ro" : "rw",
      ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : []),
    ];
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
  }
}

/** describeContainers: `space` is "" for a pod and "  " inside a pod template. */
export function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: Json[] | undefined,
  statuses: Json[] | undefined,
  space: string,
  resolve?: EnvResolver,
): void {
  const list = containers ?? [];
  if (!list.length) {
    w.write(0, `${space}${label}: <none>\n`);
    return;
  }
  w.write(0, `${space}${label}:\n`);
  const byName = new Map<string, Json>((statuses ?? []).map((s: Json) => [s.name, s]));
  for (const c of list) {
    const st = byName.get(c.name);
    w.write(1, `${space ? " " : ""}${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ""}\n`);
    w.write(2, `Image:\t${c.image ?? ""}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ""}\n`);
    const ports = (c.ports ?? []).map((p: Json) => `${p.containerPort}/${p.protocol ?? "TCP"}`);
    const hostPorts = (c.ports ?? []).map((p: Json) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`);
    w.write(
      2,
      ports.length > 1 ? `Ports:\t${ports.join(", ")}\n` : `Port:\t${ports[0] ?? "<none>"}\n`,
    );
    w.write(
      2,
      hostPorts.length > 1
        ? `Host Ports:\t${hostPorts.join(", ")}\n`
        : `Host Port:\t${hostPorts[0] ?? "<none>"}\n`,
    );
    for (const [title, words] of [
      ["Command", c.command],
      ["Args", c.args],
    ] as const) {
      if (!words?.length) continue;
      w.write(2, `${title}:\n`);
      for (const word of words) for (const s of String(word).split("\n")) w.write(3, `${s}\n`);
    }
    if (st) {
      describeState(w, "State", st.state);
      if (st.lastState?.terminated) describeState(w, "Last State", st.lastState);
      w.write(2, `Ready:\t${st.ready ? "True" : "False"}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    describeEnv(w, c, resolve);
    describeMounts(w, c);
  }
}

export function describeVolumes(w: PrefixWriter, volumes: Json[] | undefined, space: string): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? " " : ""}${v.name}:\n`);
    if (v.hostPath)
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? "<none>"}\n`,
      );
    else if (v.emptyDir)
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ""}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? "<unset>"}\n`,
      );
    else if (v.secret)
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName}\n    Optional:\t${Boolean(v.secret.optional)}\n`,
      );
    else if (v.configMap)
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${Boolean(v.configMap.optional)}\n`,
      );
    else if (v.persistentVolumeClaim)
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${Boolean(v.persistentVolumeClaim.readOnly)}\n`,
      );
    else if (v.projected) {
      w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
      for (const s of v.projected.sources ?? []) {
        if (s.secret)
          w.write(
            2,
            `SecretName:\t${s.secret.name}\n    SecretOptionalName:\t${ptrBool(s.secret.optional)}\n`,
          );
        else if (s.downwardAPI) w.write(2, "DownwardAPI:\ttrue\n");
        else if (s.configMap)
          w.write(
            2,
            `ConfigMapName:\t${s.configMap.name}\n    ConfigMapOptional:\t${ptrBool(s.configMap.optional)}\n`,
          );
        else if (s.serviceAccountToken)
          w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
      }
    } else if (v.downwardAPI) {
      w.write(
        2,
        "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n",
      );
      for (const i of v.downwardAPI.items ?? [])
        w.write(
          3,
          i.fieldRef
            ? `${i.fieldRef.fieldPath} -> ${i.path}\n`
            : `${i.resourceFieldRef?.resource} -> ${i.path}\n`,
        );
    } else w.write(1, "<unknown>\n");
  }
}

/** DescribePodTemplate. */
export function describePodTemplate(w: PrefixWriter, template: Json): void {
  w.write(0, "Pod Template:\n");
  if (!template) {
    w.write(1, "<unset>");
    return;
  }
  labelsMultiline(w, "  Labels", template.metadata?.labels);
  const ann = template.metadata?.annotations;
  if (ann && Object.keys(ann).length) annotationsMultiline(w, "  Annotations", ann);
  const spec = template.spec ?? {};
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length)
    describeContainers(w, "Init Containers", spec.initContainers, undefined, "  ");
  describeContainers(w, "Containers", spec.containers, undefined, "  ");
  describeVolumes(w, spec.volumes, "  ");
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
}
