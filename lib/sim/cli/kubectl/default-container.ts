// The container kubectl exec/attach use when -c is not given (kubectl's
// podcmd.FindOrDefaultContainerByName): the one the `kubectl.kubernetes.io/default-container`
// annotation names, else the first, with "Defaulted container …" on stderr when the
// pod has others to choose from (measured with kubectl 1.28: `Defaulted container "app"
// out of: app, side`).

const DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

export interface PodContainers {
  metadata?: { annotations?: Record<string, string> };
  spec: {
    containers: { name: string }[];
    initContainers?: { name: string }[];
    ephemeralContainers?: { name: string }[];
  };
}

function annotated(pod: PodContainers): { name: string } | undefined {
  const name = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (!name) return undefined;
  const all = [
    ...pod.spec.containers,
    ...(pod.spec.initContainers ?? []),
    ...(pod.spec.ephemeralContainers ?? []),
  ];
  return all.find((c) => c.name === name);
}

/** The name of the container kubectl picks without -c. */
export function defaultContainer(pod: PodContainers): string {
  return (annotated(pod) ?? pod.spec.containers[0])?.name ?? "";
}

/** kubectl's line when it picked the first container among several (none when annotated). */
export function defaultedNotice(pod: PodContainers): string {
  if (annotated(pod)) return "";
  const { containers, initContainers = [], ephemeralContainers = [] } = pod.spec;
  if (containers.length <= 1 && !initContainers.length && !ephemeralContainers.length) return "";
  const names = [...containers, ...initContainers, ...ephemeralContainers].map((c) => c.name);
  return `Defaulted container ${JSON.stringify(containers[0]?.name ?? "")} out of: ${names.join(", ")}\n`;
}
