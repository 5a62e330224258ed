// Resource arithmetic in the units kube-scheduler uses: millicores for cpu, bytes for memory and
// ephemeral-storage, plain counts for pods and extended ("scalar") resources.
import { parseQuantity, quantityMilliValue, quantityValue } from "../../quantity/quantity";
import type { Container, Pod, ResourceList } from "../api-types";
import { SchedulerError } from "./scheduler-error";

export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources, hugepages-*, attachable-volumes-*: name → count. */
  scalars: Map<string, number>;
}

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalars: new Map() };
}

/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest, used only for scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

// Pods of one workload repeat the same few quantities ("100m", "128Mi"), so parsed amounts are
// memoised; the cache is bounded so hostile input cannot grow it without limit.
const MEMO_LIMIT = 4096;
const milliMemo = new Map<string, number>();
const valueMemo = new Map<string, number>();

function amount(name: string, text: string): number {
  const milli = name === "cpu";
  const memo = milli ? milliMemo : valueMemo;
  const key = String(text);
  const known = memo.get(key);
  if (known !== undefined) return known;
  let value: number;
  try {
    const q = parseQuantity(key);
    value = milli ? quantityMilliValue(q) : quantityValue(q);
  } catch {
    throw new SchedulerError(
      "InvalidQuantity",
      `invalid quantity ${JSON.stringify(text)} for ${name}`,
    );
  }
  if (memo.size < MEMO_LIMIT) memo.set(key, value);
  return value;
}

/** Adds a ResourceList (as strings) into `into`, ignoring "pods" which is not a request. */
export function addResourceList(into: Resource, list: ResourceList | undefined): void {
  if (!list) return;
  for (const [name, text] of Object.entries(list)) {
    const value = amount(name, text);
    switch (name) {
      case "cpu":
        into.milliCPU += value;
        break;
      case "memory":
        into.memory += value;
        break;
      case "ephemeral-storage":
        into.ephemeralStorage += value;
        break;
      case "pods":
        break;
      default:
        into.scalars.set(name, (into.scalars.get(name) ?? 0) + value);
    }
  }
}

function maxInto(into: Resource, other: Resource): void {
  into.milliCPU = Math.max(into.milliCPU, other.milliCPU);
  into.memory = Math.max(into.memory, other.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, other.ephemeralStorage);
  for (const [name, value] of other.scalars) {
    into.scalars.set(name, Math.max(into.scalars.get(name) ?? 0, value));
  }
}

/**
 * A container's requests. The API server defaults a missing request to the limit; reading the
 * limit here keeps the scheduler right even for objects that skipped defaulting.
 */
function containerRequests(container: Container): ResourceList | undefined {
  const requests = container.resources?.requests;
  const limits = container.resources?.limits;
  if (!limits) return requests;
  return { ...limits, ...requests };
}

export interface PodRequests {
  /** What NodeResourcesFit checks and NodeInfo.Requested sums. */
  requests: Resource;
  /** cpu/memory with the scoring defaults for containers that request none (NonZeroRequested). */
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
}

/**
 * resourcehelper.PodRequests (1.28): sum of containers, at least the largest init container,
 * plus the pod overhead. Restartable (sidecar) init containers are alpha in 1.28 and treated as
 * ordinary init containers.
 */
export function computePodRequests(pod: Pod): PodRequests {
  const spec = pod.spec ?? {};
  const requests = emptyResource();
  let nonZeroMilliCPU = 0;
  let nonZeroMemory = 0;
  for (const container of spec.containers ?? []) {
    const list = containerRequests(container);
    addResourceList(requests, list);
    nonZeroMilliCPU +=
      list?.cpu !== undefined ? amount("cpu", list.cpu) : DEFAULT_MILLI_CPU_REQUEST;
    nonZeroMemory +=
      list?.memory !== undefined ? amount("memory", list.memory) : DEFAULT_MEMORY_REQUEST;
  }
  let initNonZeroCPU = 0;
  let initNonZeroMemory = 0;
  for (const container of spec.initContainers ?? []) {
    const one = emptyResource();
    const list = containerRequests(container);
    addResourceList(one, list);
    maxInto(requests, one);
    initNonZeroCPU = Math.max(
      initNonZeroCPU,
      list?.cpu !== undefined ? amount("cpu", list.cpu) : DEFAULT_MILLI_CPU_REQUEST,
    );
    initNonZeroMemory = Math.max(
      initNonZeroMemory,
      list?.memory !== undefined ? amount("memory", list.memory) : DEFAULT_MEMORY_REQUEST,
    );
  }
  nonZeroMilliCPU = Math.max(nonZeroMilliCPU, initNonZeroCPU);
  nonZeroMemory = Math.max(nonZeroMemory, initNonZeroMemory);
  if (spec.overhead) {
    addResourceList(requests, spec.overhead);
    const overhead = emptyResource();
    addResourceList(overhead, spec.overhead);
    nonZeroMilliCPU += overhead.milliCPU;
    nonZeroMemory += overhead.memory;
  }
  return { requests, nonZeroMilliCPU, nonZeroMemory };
}

export interface Allocatable extends Resource {
  allowedPodNumber: number;
}

/**
 * Per allocatable list (a stored node's, shared while its row is unchanged): every scheduling run
 * builds a NodeInfo per node, and parsing the quantities cost ~15-25 us a node. Read-only.
 */
const allocatables = new WeakMap<ResourceList, Allocatable>();
const NO_ALLOCATABLE: ResourceList = {};

/** node.status.allocatable in scheduler units (framework.NewResource). Shared: never change it. */
export function nodeAllocatable(list: ResourceList | undefined): Allocatable {
  const key = list ?? NO_ALLOCATABLE;
  let out = allocatables.get(key);
  if (!out) {
    const resource = emptyResource();
    addResourceList(resource, list);
    const pods = list?.pods !== undefined ? amount("pods", list.pods) : 0;
    out = Object.assign(resource, { allowedPodNumber: pods });
    allocatables.set(key, out);
  }
  return out;
}
