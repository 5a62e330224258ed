// internal/queue.PriorityQueue (1.28) on virtual time: activeQ ordered by PrioritySort
// (priority desc, then time queued), backoffQ ordered by backoff expiry (1s doubling to 10s per
// attempt), unschedulablePods parked until a cluster event or the 5-minute leftover flush, and
// pods with schedulingGates held back (PreEnqueue of SchedulingGates).
import type { Clock } from "../../clock";
import type { Pod } from "../api-types";
import { podInfoOf, type PodInfo } from "../framework/pod-info";
import { KeyedHeap } from "./heap";

export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** When the pod was (re)added to the queue, in virtual ms. */
  timestamp: number;
  /** Scheduling attempts so far (incremented by pop). */
  attempts: number;
  initialAttemptTimestamp: number | null;
  /** Plugins that rejected the pod in its last attempt. */
  unschedulablePlugins: Set<string>;
  /** Insertion order, the last tie-breaker so equal timestamps stay deterministic. */
  seq: number;
}

/** A parked pod as the sandbox keeps it between runs. */
export interface SavedQueuedPod {
  attempts: number;
  timestamp: number;
  parked: "backoff" | "unschedulable";
  plugins: readonly string[];
}

export interface QueueOptions {
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  podMaxInUnschedulablePodsDurationMs?: number;
}

/** PodScheduled=False reasons/messages the queue implies (v1.PodReasonSchedulingGated). */
export const REASON_SCHEDULING_GATED = "SchedulingGated";
export const MESSAGE_SCHEDULING_GATED = "Scheduling is blocked due to non-empty scheduling gates";

/**
 * Whether a pod belongs in this scheduler's queue: not bound yet, not terminating or finished,
 * and asking for this scheduler (spec.schedulerName, "default-scheduler" when unset).
 */
export function needsScheduling(pod: Pod, schedulerName = "default-scheduler"): boolean {
  if (pod.spec?.nodeName) return false;
  if (pod.metadata.deletionTimestamp) return false;
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  return (pod.spec?.schedulerName ?? "default-scheduler") === schedulerName;
}

/** isPodUpdated: ignores resourceVersion, generation, managedFields, finalizers and status. */
export function isPodUpdated(oldPod: Pod, newPod: Pod): boolean {
  const strip = (pod: Pod): string => {
    const metadata: Record<string, unknown> = { ...pod.metadata };
    for (const field of ["resourceVersion", "generation", "managedFields", "finalizers"]) {
      delete metadata[field];
    }
    const rest: Record<string, unknown> = { ...pod, metadata };
    delete rest.status;
    return JSON.stringify(rest);
  };
  return strip(oldPod) !== strip(newPod);
}

/** PrioritySort.Less. */
export function prioritySortLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  const pa = a.podInfo.priority;
  const pb = b.podInfo.priority;
  if (pa !== pb) return pa > pb;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  return a.seq < b.seq;
}

export class SchedulingQueue {
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxInUnschedulable: number;
  private readonly activeQ: KeyedHeap<QueuedPodInfo>;
  private readonly backoffQ: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly gated = new Map<string, QueuedPodInfo>();
  private seq = 0;
  /** Incremented on every pop (kube-scheduler's schedulingCycle). */
  schedulingCycle = 0;
  /** The cycle of the last cluster event that may make unschedulable pods schedulable. */
  private moveRequestCycle = -1;

  constructor(
    private readonly clock: Clock,
    options: QueueOptions = {},
  ) {
    this.initialBackoff = options.podInitialBackoffMs ?? 1_000;
    this.maxBackoff = options.podMaxBackoffMs ?? 10_000;
    this.maxInUnschedulable = options.podMaxInUnschedulablePodsDurationMs ?? 5 * 60_000;
    const key = (q: QueuedPodInfo): string => q.podInfo.key;
    this.activeQ = new KeyedHeap(key, prioritySortLess);
    this.backoffQ = new KeyedHeap(key, (a, b) => this.backoffExpiry(a) < this.backoffExpiry(b));
  }

  /** calculateBackoffDuration: initial × 2^(attempts−1), capped at the maximum. */
  backoffDuration(q: QueuedPodInfo): number {
    let duration = this.initialBackoff;
    for (let i = 1; i < q.attempts; i++) {
      if (duration > this.maxBackoff - duration) return this.maxBackoff;
      duration += duration;
    }
    return duration;
  }

  backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDuration(q);
  }

  /** Gated or never-tried pods are not backing off (isPodBackingoff). */
  private isBackingOff(q: QueuedPodInfo): boolean {
    if (q.attempts === 0) return false;
    return this.backoffExpiry(q) > this.clock.now();
  }

  private newQueued(pod: Pod): QueuedPodInfo {
    const now = this.clock.now();
    return {
      podInfo: podInfoOf(pod),
      timestamp: now,
      attempts: 0,
      initialAttemptTimestamp: null,
      unschedulablePlugins: new Set(),
      seq: this.seq++,
    };
  }

  private static isGated(pod: Pod): boolean {
    return (pod.spec?.schedulingGates ?? []).length > 0;
  }

  /** A new pending pod (informer Add). */
  add(pod: Pod): void {
    const q = this.newQueued(pod);
    this.removeEverywhere(q.podInfo.key);
    if (SchedulingQueue.isGated(pod)) this.gated.set(q.podInfo.key, q);
    else this.activeQ.push(q);
  }

  /**
   * A pending pod changed (informer Update): re-evaluate where it waits. Parked pods move only
   * when something other than status/resourceVersion changed (isPodUpdated), so the
   * scheduler's own condition updates do not retrigger it.
   */
  update(pod: Pod): void {
    const info = podInfoOf(pod);
    const key = info.key;
    const existing =
      this.activeQ.get(key) ??
      this.backoffQ.get(key) ??
      this.unschedulable.get(key) ??
      this.gated.get(key);
    if (!existing) return this.add(pod);
    const updated: QueuedPodInfo = { ...existing, podInfo: info };
    if (this.activeQ.has(key)) return this.activeQ.push(updated);
    if (this.backoffQ.has(key)) return this.backoffQ.push(updated);
    if (!isPodUpdated(existing.podInfo.pod, pod)) {
      if (this.unschedulable.has(key)) this.unschedulable.set(key, updated);
      else this.gated.set(key, updated);
      return;
    }
    this.unschedulable.delete(key);
    this.gated.delete(key);
    if (SchedulingQueue.isGated(pod)) this.gated.set(key, updated);
    else if (this.isBackingOff(updated)) this.backoffQ.push(updated);
    else this.activeQ.push(updated);
  }

  /**
   * A pod an earlier run already tried, put back where it waited (the sandbox keeps the queue
   * between requests, kube-scheduler keeps it in memory): backoffQ or unschedulablePods, with
   * its attempts, queue time and the plugins that rejected it.
   */
  restore(pod: Pod, saved: SavedQueuedPod): void {
    const q: QueuedPodInfo = {
      podInfo: podInfoOf(pod),
      timestamp: saved.timestamp,
      attempts: saved.attempts,
      initialAttemptTimestamp: null,
      unschedulablePlugins: new Set(saved.plugins),
      seq: this.seq++,
    };
    this.removeEverywhere(q.podInfo.key);
    if (SchedulingQueue.isGated(pod)) this.gated.set(q.podInfo.key, q);
    else if (saved.parked === "backoff") this.backoffQ.push(q);
    else this.unschedulable.set(q.podInfo.key, q);
  }

  /** The pods waiting in backoffQ or unschedulablePods, to keep until the next run. */
  parked(): { info: QueuedPodInfo; parked: SavedQueuedPod["parked"] }[] {
    return [
      ...this.backoffQ.list().map((info) => ({ info, parked: "backoff" as const })),
      ...[...this.unschedulable.values()].map((info) => ({
        info,
        parked: "unschedulable" as const,
      })),
    ];
  }

  /** The pod was deleted or bound elsewhere. */
  delete(key: string): void {
    this.removeEverywhere(key);
  }

  private removeEverywhere(key: string): void {
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
    this.gated.delete(key);
  }

  /** Pop: the most important active pod, with its attempt counted. */
  pop(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    if (!q) return undefined;
    q.attempts++;
    q.initialAttemptTimestamp ??= this.clock.now();
    this.schedulingCycle++;
    return q;
  }

  /**
   * AddUnschedulableIfNotPresent: a failed pod waits in backoffQ when a cluster event happened
   * since it was popped, else in unschedulablePods.
   */
  addUnschedulable(
    q: QueuedPodInfo,
    podSchedulingCycle: number,
    unschedulablePlugins: Iterable<string> = [],
  ): void {
    const key = q.podInfo.key;
    if (this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulable.has(key)) return;
    q.timestamp = this.clock.now();
    q.unschedulablePlugins = new Set(unschedulablePlugins);
    if (this.moveRequestCycle >= podSchedulingCycle) this.backoffQ.push(q);
    else this.unschedulable.set(key, q);
  }

  /**
   * MoveAllToActiveOrBackoffQueue: a cluster event (node added/updated, pod deleted...) may make
   * parked pods schedulable. kube-scheduler filters by each plugin's registered events; callers
   * pass `interested` for events only some plugins registered for, else every parked pod moves
   * (which can only retry more often, never less).
   */
  moveAllToActiveOrBackoff(interested?: (q: QueuedPodInfo) => boolean): void {
    for (const [key, q] of this.unschedulable) {
      if (interested && !interested(q)) continue;
      this.unschedulable.delete(key);
      if (this.isBackingOff(q)) this.backoffQ.push(q);
      else this.activeQ.push(q);
    }
    this.moveRequestCycle = this.schedulingCycle;
  }

  /**
   * The periodic flushes on virtual time: backoff-completed pods to activeQ (every 1s in
   * kube-scheduler) and pods parked longer than 5 minutes back to active/backoff (every 30s).
   */
  flush(): void {
    const now = this.clock.now();
    for (;;) {
      const head = this.backoffQ.peek();
      if (!head || this.backoffExpiry(head) > now) break;
      this.backoffQ.pop();
      this.activeQ.push(head);
    }
    for (const [key, q] of this.unschedulable) {
      if (now - q.timestamp > this.maxInUnschedulable) {
        this.unschedulable.delete(key);
        if (this.isBackingOff(q)) this.backoffQ.push(q);
        else this.activeQ.push(q);
      }
    }
  }

  /** When the next pod leaves backoff (for the engine's timer), or null. */
  nextBackoffExpiry(): number | null {
    const head = this.backoffQ.peek();
    return head ? this.backoffExpiry(head) : null;
  }

  /** PendingPods: where every waiting pod is, for `kubectl describe`-like views and tests. */
  pending(): { active: string[]; backoff: string[]; unschedulable: string[]; gated: string[] } {
    const keys = (list: QueuedPodInfo[]): string[] => list.map((q) => q.podInfo.key);
    const active = this.activeQ.list().sort((a, b) => (prioritySortLess(a, b) ? -1 : 1));
    const backoff = this.backoffQ
      .list()
      .sort((a, b) => this.backoffExpiry(a) - this.backoffExpiry(b));
    return {
      active: keys(active),
      backoff: keys(backoff),
      unschedulable: [...this.unschedulable.keys()],
      gated: [...this.gated.keys()],
    };
  }

  get activeLength(): number {
    return this.activeQ.size;
  }
}
