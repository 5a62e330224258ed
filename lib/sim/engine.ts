// The engine: the one place that strings the pure pieces together. A request is
// handled by the API server, then the control loops (scheduler, controllers,
// kubelets - part 2) run until nothing changes; history is compacted; leases
// expire as virtual time passes. Every function returns a new state and the
// store rows to persist.

import { formatTime, type Clock, fixedClock } from "./clock";
import type { AuditEvent } from "./apiserver/audit/event";
import { defaultPlugins } from "./apiserver/handler/default-plugins";
import { handleRequest } from "./apiserver/handler/handle";
import type { ApiServerPlugins } from "./apiserver/handler/plugins";
import { prepareForCreate } from "./apiserver/handler/strategy";
import { applyDefaults } from "./apiserver/admission/defaults";
import { encodeObject } from "./apiserver/handler/codec";
import type { ApiRequest, ApiResponse, UserInfo } from "./apiserver/handler/types";
import { bootstrapObjects, kubernetesServiceObjects } from "./apiserver/bootstrap";
import type { KubeObject } from "./apiserver/object";
import { builtinRegistry } from "./apiserver/resources/registry";
import { etcdKey } from "./apiserver/resources/resource-info";
import { mergeAllChanges, mergeChanges, noChanges, withoutState } from "./changes";
import { compactIfNeeded } from "./compaction";
import { asLoopRequest } from "./loop-request";
import { createCluster, hasQuorum, type MemberSpec } from "./etcd/cluster";
import { Rng } from "./random";
import { loopMayBeQuiet, markQuiet } from "./loop-quiet";
import { annotateTrace, type TraceNotes } from "./trace";
import {
  appendJournal,
  DEFAULT_LIMITS,
  type RequestTrace,
  type SandboxLimits,
  type SandboxState,
} from "./state";
import { emptyStore } from "./store/store";
import type { StoreChanges } from "./store/writer";
import { StoreWriter } from "./store/writer";

/**
 * A control loop (part 2: scheduler, controllers, kubelets). It acts only through
 * the API, as the real components do, and reports whether it changed anything.
 */
export interface ControlLoop {
  name: string;
  /** The identity its requests carry, e.g. system:kube-scheduler. */
  user: UserInfo;
  run(api: LoopApi): void;
  /**
   * The etcd key prefixes of everything its decisions read (its informers' resources). When
   * set, the engine skips the loop while nothing under them changed since a run of it that
   * wrote nothing, and the time that run asked to be woken at (`api.wakeAt`) has not come -
   * client-go's work queue with AddAfter. Unset: the loop runs every round.
   */
  watches?: readonly string[];
  /**
   * Whether the component may act now (leader election, its machine up). A loop that may not
   * would do nothing: the engine does not run it, and changes wait for it in the revision log.
   */
  active?(state: SandboxState, now: number): boolean;
  /**
   * The part of a stored object its decisions read, when that is less than the whole object (the
   * garbage collector reads only ownership metadata): an update of a watched key that leaves this
   * part unchanged is no news to the loop. Gets the shared decoded object (read-only).
   */
  watchedPart?(obj: KubeObject): string;
  /**
   * Whether a newly created object can change its decisions (unset: always). The garbage
   * collector reads a new object only when it names owners or holds finalizers: the API server
   * gives every created object a fresh uid, so no existing ownerReference can point at it.
   * Gets the shared decoded object (read-only).
   */
  createdIsNews?(obj: KubeObject): boolean;
  /** The component's own memory outside the store (kube-scheduler's queue), compared by identity. */
  memoryOf?(state: SandboxState): unknown;
}

export interface LoopApi {
  readonly now: number;
  state(): SandboxState;
  /** A request as the loop's identity, or as `req.user` for a loop acting for several (kubelets). */
  request(req: Omit<ApiRequest, "token">, notes?: TraceNotes): ApiResponse;
  /**
   * Changes state outside the API: a component's own memory (kube-scheduler's cursor and
   * scheduling records), which a real component keeps in its process between events.
   */
  remember(change: (state: SandboxState) => SandboxState): void;
  /**
   * Time-driven work: the loop has something to do at virtual time `at` even if nothing it
   * watches changes (a lease to renew, a back-off ending). The earliest call of a run counts.
   */
  wakeAt(at: number): void;
  /**
   * The run's writes were its own bookkeeping (a Lease renewal) and succeeded: run again now on
   * the state they leave, it would write nothing and ask to be woken at the same times. A loop
   * with `watches` is then noted quiet on that state, as after a run that wrote nothing - a
   * real component is not woken by the echo of its own update. Only for loops that know it.
   */
  settledByOwnWrites(): void;
}

export interface EngineOptions {
  plugins?: ApiServerPlugins;
  loops?: readonly ControlLoop[];
  /** Rounds of control loops after a write before giving up (a bound, not a target). */
  maxRounds?: number;
}

export interface EngineResult {
  state: SandboxState;
  response: ApiResponse;
  audit: AuditEvent[];
  traces: RequestTrace[];
  changes: StoreChanges;
  /** True when the control loops were still writing when the round bound stopped them. */
  unsettled?: boolean;
}

export interface CreateSandboxOptions {
  seed: string;
  /** Virtual time at creation, epoch milliseconds. */
  now: number;
  /** etcd members; default one stacked member on the control-plane node. */
  etcdMembers?: MemberSpec[];
  limits?: Partial<SandboxLimits>;
  /** Objects a fresh cluster has (namespaces, RBAC bootstrap policy, service accounts...). */
  bootstrap?: readonly KubeObject[];
  /** Extra bearer tokens (kubeconfig users). The admin token is always created. */
  tokens?: Record<string, UserInfo>;
}

const bootstrapCache = new Map<string, readonly KubeObject[]>();

/**
 * The objects of a fresh cluster: namespaces, default service accounts, the
 * bootstrap RBAC policy, system priority classes and the default/kubernetes
 * Service with its Endpoints (service CIDR 10.96.0.0/12, API server on the
 * control-plane node). Shared: callers copy before changing.
 */
export function defaultBootstrap(apiServerAddress = "192.168.56.10"): readonly KubeObject[] {
  // Pure data, identical for every sandbox: build it once per process (the RBAC
  // aggregation alone costs milliseconds). createSandbox copies what it changes.
  let objects = bootstrapCache.get(apiServerAddress);
  if (!objects) {
    objects = [
      ...bootstrapObjects(),
      ...kubernetesServiceObjects({ clusterIP: "10.96.0.1", endpoints: [apiServerAddress] }),
    ];
    bootstrapCache.set(apiServerAddress, objects);
  }
  return objects;
}

export const ADMIN_USER: UserInfo = { username: "kubernetes-admin", groups: ["system:masters"] };

/** Writes the bootstrap objects straight into the store, as kube-apiserver's post-start hooks do. */
export function createSandbox(opts: CreateSandboxOptions): {
  state: SandboxState;
  changes: StoreChanges;
  adminToken: string;
} {
  const rng = Rng.fromSeed(opts.seed);
  const etcd = createCluster(
    opts.etcdMembers ?? [{ name: "controlplane", address: "192.168.56.10" }],
    rng,
  );
  const writer = new StoreWriter(emptyStore(), opts.now);
  for (const raw of opts.bootstrap ?? []) {
    const info = builtinRegistry.byApiVersionKind(raw.apiVersion, raw.kind);
    if (!info) throw new Error(`bootstrap object of unknown kind ${raw.apiVersion}/${raw.kind}`);
    // Defaulted as the API server's decoding would (kubeadm creates these through the API).
    const defaulted = applyDefaults(raw, info);
    const obj = prepareForCreate(info, {
      ...defaulted,
      metadata: {
        ...defaulted.metadata,
        // A bootstrap object may come with its uid (topology Nodes: their mirror pods own-refer to it).
        uid: defaulted.metadata.uid ?? rng.uuid(),
        creationTimestamp: formatTime(opts.now),
      },
    });
    writer.put(etcdKey(info, obj.metadata.namespace, obj.metadata.name ?? ""), encodeObject(obj));
  }
  const changes = writer.commit();
  const adminToken = rng.hex(32);
  const state: SandboxState = {
    formatVersion: 1,
    seed: opts.seed,
    rng: rng.state(),
    time: opts.now,
    store: changes.state,
    etcd,
    tokens: { ...(opts.tokens ?? {}), [adminToken]: ADMIN_USER },
    limits: { ...DEFAULT_LIMITS, ...(opts.limits ?? {}) },
    journal: { audit: [], traces: [] },
  };
  return { state, changes, adminToken };
}

/** Runs the control loops until a round changes nothing (or the bound is hit). */
function settle(
  start: SandboxState,
  now: number,
  plugins: ApiServerPlugins,
  loops: readonly ControlLoop[],
  maxRounds: number,
): Omit<EngineResult, "response"> {
  let state = start;
  const pieces: StoreChanges[] = [];
  let lastStore = start.store;
  const audit: AuditEvent[] = [];
  const traces: RequestTrace[] = [];
  // The requests' audit events and traces from `journaled` on are not in `state`'s journal yet:
  // the loops never read the journal, so it is appended once, at the settle's end, instead of
  // its two 50-entry arrays being copied on every request (handleRequest deferJournal).
  let journaled = 0;
  const withJournal = (s: SandboxState): SandboxState => {
    if (journaled === audit.length) return s;
    const journal = appendJournal(s.journal, audit.slice(journaled), traces.slice(journaled));
    journaled = audit.length;
    return { ...s, journal };
  };
  let unsettled = false;
  // A loop is a function of (state, now), and `now` is fixed for the whole settle:
  // a loop that changed nothing on a state would change nothing on it again, so the
  // next round skips it while the state is still that one (byte-identical result;
  // typically the whole confirming round after a catch-up's lease renewals).
  const idleOn = new Map<ControlLoop, SandboxState>();
  const clock = fixedClock(now);
  for (let round = 0; round < maxRounds && loops.length > 0; round++) {
    let changed = false;
    for (const loop of loops) {
      if (idleOn.get(loop) === state) continue;
      if (loop.watches) {
        // Quiet first: it is the common answer, and cheaper than the leader check.
        if (loopMayBeQuiet(loop, state, now)) continue;
        if (loop.active && !loop.active(state, now)) continue;
      }
      const before = state;
      let wakeAt = Infinity;
      let wrote = false;
      let settledByOwnWrites = false;
      loop.run({
        now,
        state: () => state,
        wakeAt: (at) => {
          if (at < wakeAt) wakeAt = at;
        },
        settledByOwnWrites: () => {
          settledByOwnWrites = true;
        },
        request: (req, notes) => {
          if (req.method !== "GET") wrote = true;
          // A watch's end journals its own events: the deferred ones go first.
          if (req.watchEnded?.length) state = withJournal(state);
          const r = handleRequest(state, asLoopRequest(req, loop.user), clock, plugins, true);
          if (notes) annotateTrace(r.trace.entries, now, notes);
          state = r.state;
          audit.push(r.audit);
          traces.push(r.trace);
          if (req.watchEnded?.length) journaled = audit.length;
          if (r.changes.appended.length || r.changes.removed.length) {
            changed = true;
            pieces.push(withoutState(r.changes, start.store));
            lastStore = r.changes.state;
          }
          return r.response;
        },
        remember: (change) => {
          state = change(state);
        },
      });
      if (state === before) {
        idleOn.set(loop, state);
        // A run that tried no write decided on what it watches and on time alone.
        if (loop.watches && !wrote) markQuiet(loop, state, now, wakeAt);
      } else {
        idleOn.delete(loop);
        // Its next run would be the quiet one: noted on the state its writes left.
        if (loop.watches && settledByOwnWrites) markQuiet(loop, state, now, wakeAt);
      }
    }
    if (!changed) break;
    if (round === maxRounds - 1) unsettled = true;
  }
  state = withJournal(state);
  const merged = mergeAllChanges(noChanges(start.store), pieces);
  const changes = merged.state === lastStore ? merged : { ...merged, state: lastStore };
  return { state, audit, traces, changes, ...(unsettled ? { unsettled } : {}) };
}

/** Handles one API request as the given caller, then lets the cluster react. */
export function handle(
  state: SandboxState,
  req: ApiRequest,
  clock: Clock,
  opts: EngineOptions = {},
): EngineResult {
  const plugins = opts.plugins ?? defaultPlugins;
  const first = handleRequest(state, req, clock, plugins);
  let changes = first.changes;
  let next = first.state;
  const audit = [first.audit];
  const traces = [first.trace];
  let unsettled = false;
  if (first.changes.appended.length > 0) {
    const settled = settle(next, next.time, plugins, opts.loops ?? [], opts.maxRounds ?? 50);
    next = settled.state;
    changes = mergeChanges(changes, settled.changes);
    audit.push(...settled.audit);
    traces.push(...settled.traces);
    if (settled.unsettled) unsettled = true;
  }
  const compacted = compactIfNeeded(next);
  return {
    state: compacted.state,
    response: first.response,
    audit,
    traces,
    changes: mergeChanges(changes, compacted.changes),
    ...(unsettled ? { unsettled } : {}),
  };
}

/**
 * Moves virtual time forward: leases expire (only while etcd has a leader - the
 * lessor runs on the leader), then the control loops run at the new time.
 */
export function advanceTime(
  state: SandboxState,
  to: number,
  opts: EngineOptions = {},
): Omit<EngineResult, "response"> {
  const now = Math.max(to, state.time);
  let next: SandboxState = { ...state, time: now };
  let changes = noChanges(state.store);
  if (hasQuorum(state.etcd)) {
    const writer = new StoreWriter(state.store, now);
    writer.expireLeases();
    changes = writer.commit();
    next = { ...next, store: changes.state };
  }
  const settled = settle(
    next,
    now,
    opts.plugins ?? defaultPlugins,
    opts.loops ?? [],
    opts.maxRounds ?? 50,
  );
  const compacted = compactIfNeeded(settled.state);
  return {
    state: compacted.state,
    audit: settled.audit,
    traces: settled.traces,
    changes: mergeChanges(mergeChanges(changes, settled.changes), compacted.changes),
    ...(settled.unsettled ? { unsettled: true } : {}),
  };
}

/** Adds (or replaces) a bearer token the API server accepts. */
export function withToken(state: SandboxState, token: string, user: UserInfo): SandboxState {
  return { ...state, tokens: { ...state.tokens, [token]: user } };
}
