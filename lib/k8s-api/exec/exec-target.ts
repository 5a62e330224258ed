// Where an exec/attach/port-forward goes, decided as kube-apiserver's
// pod connect REST (streamLocation) and then the kubelet decide it: pod lookup,
// the container (defaulted only when the pod has one), a node assigned, the node's
// kubelet reachable, the container running. Each refusal is the real answer: a
// Status from the apiserver, or the kubelet's plain-text error that kubectl prints
// as "error: unable to upgrade connection: …".

import type { SandboxState, Status } from "@/lib/sim";
import { machineRunning } from "@/lib/sim";
import { newBadRequest, newNotFound } from "@/lib/sim/apiserver/errors";
import type {
  ContainerTarget,
  ExecContainer,
  ExecVolume,
} from "@/lib/sim/cli/kubectl/container-exec";
import { get } from "@/lib/sim/store";

export type ConnectKind = "exec" | "attach" | "portforward";

interface PodView {
  metadata: { name: string; namespace: string; uid?: string };
  spec: {
    nodeName?: string;
    containers: ExecContainer[];
    initContainers?: { name: string }[];
    ephemeralContainers?: { name: string }[];
    volumes?: ExecVolume[];
  };
  status?: {
    containerStatuses?: { name: string; state?: { running?: unknown } }[];
  };
}

interface NodeView {
  status?: { addresses?: { type: string; address: string }[] };
}

export type ConnectOutcome =
  | { ok: true; target: ContainerTarget; podUid: string }
  /** Refused by the API server before any upgrade. */
  | { ok: false; status: Status }
  /** Refused by the kubelet: plain text and its HTTP code, proxied as is. */
  | { ok: false; kubelet: { code: number; text: string } };

function read<T>(state: SandboxState, key: string): T | undefined {
  const kv = get(state.store, key);
  return kv ? (JSON.parse(kv.value) as T) : undefined;
}

/** An error that is not an API status: the proxy's Status has no reason (kubectl: "Error from server: …"). */
function plainFailure(code: number, message: string): Status {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    code,
  } as Status;
}

export function resolveConnect(
  state: SandboxState,
  kind: ConnectKind,
  namespace: string,
  name: string,
  query: URLSearchParams,
): ConnectOutcome {
  const pod = read<PodView>(state, `/registry/pods/${namespace}/${name}`);
  if (!pod) return { ok: false, status: newNotFound({ group: "", resource: "pods" }, name).status };
  const names = pod.spec.containers.map((c) => c.name);
  const initNames = (pod.spec.initContainers ?? []).map((c) => c.name);
  let containerName = kind === "portforward" ? names[0] : (query.get("container") ?? "");
  if (kind !== "portforward") {
    if (!containerName) {
      if (names.length === 1) containerName = names[0]!;
      else {
        let msg = `a container name must be specified for pod ${name}, choose one of: [${names.join(" ")}]`;
        if (initNames.length) msg += ` or one of the init containers: [${initNames.join(" ")}]`;
        return { ok: false, status: newBadRequest(msg).status };
      }
    } else {
      const known = [
        ...names,
        ...initNames,
        ...(pod.spec.ephemeralContainers ?? []).map((c) => c.name),
      ];
      if (!known.includes(containerName))
        return {
          ok: false,
          status: newBadRequest(`container ${containerName} is not valid for pod ${name}`).status,
        };
    }
  }
  const nodeName = pod.spec.nodeName;
  if (!nodeName)
    return {
      ok: false,
      status: newBadRequest(`pod ${name} does not have a host assigned`).status,
    };
  if (!machineRunning(state, nodeName)) {
    const node = read<NodeView>(state, `/registry/minions/${nodeName}`);
    const ip = node?.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? nodeName;
    return {
      ok: false,
      status: plainFailure(500, `error dialing backend: dial tcp ${ip}:10250: i/o timeout`),
    };
  }
  const container = pod.spec.containers.find((c) => c.name === containerName);
  const running = pod.status?.containerStatuses?.find((s) => s.name === containerName)?.state
    ?.running;
  if (kind !== "portforward" && (!container || !running))
    return {
      ok: false,
      kubelet: { code: 500, text: `container not found (${JSON.stringify(containerName)})` },
    };
  return {
    ok: true,
    podUid: pod.metadata.uid ?? "",
    target: {
      namespace,
      podName: name,
      nodeName,
      container: container ?? { name: containerName ?? "" },
      volumes: pod.spec.volumes ?? [],
    },
  };
}
