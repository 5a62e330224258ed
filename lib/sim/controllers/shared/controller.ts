// The shape every kube-controller-manager controller shares: a control loop that
// runs only while kube-controller-manager is up and holds its leader Lease, builds
// its work queue of keys from the cache, and reconciles each key through the API.

import type { UserInfo } from "../../apiserver/handler/types";
import type { KubeObject } from "../../apiserver/object";
import type { ControlLoop, LoopApi } from "../../engine";
import type { SandboxState } from "../../state";
import { Client } from "./client";

export interface ControllerContext {
  client: Client;
  now: number;
  state(): SandboxState;
  /** Time-driven work at `at` (the work queue's AddAfter), e.g. a pod becoming available. */
  wakeAt(at: number): void;
}

/** Decides whether a component may act (leader election, its pod running); set by the cluster. */
export type ActiveCheck = (state: SandboxState, now: number) => boolean;

export function serviceAccountUser(name: string): UserInfo {
  return {
    username: `system:serviceaccount:kube-system:${name}`,
    groups: [
      "system:serviceaccounts",
      "system:serviceaccounts:kube-system",
      "system:authenticated",
    ],
  };
}

export interface ControllerSpec {
  /** Loop name, e.g. "replicaset-controller". */
  name: string;
  /** The service account kube-controller-manager uses for it (use-service-account-credentials). */
  serviceAccount: string;
  /** Keys to reconcile this round, in a stable order (the work queue). */
  keys(ctx: ControllerContext): Iterable<string>;
  reconcile(ctx: ControllerContext, key: string): void;
  /**
   * Etcd key prefixes of every resource its decisions read (its informers); time-driven work
   * goes through ctx.wakeAt. Unset: the controller runs on every settle round.
   */
  watches?: readonly string[];
  /**
   * Everything a key's reconcile reads, as shared objects compared by identity: the key's own
   * decoded object first (the note hangs on it), then the informer lists or objects it consults
   * (kept while nothing under them is written). When a reconcile of the same inputs sent no
   * write, at a time no later than now and before the earliest wake it asked for, it would send
   * none again: the controller skips it and asks for that wake again - as a real controller's
   * work queue holds no key whose objects did not change. Undefined: always reconcile.
   */
  inputs?(ctx: ControllerContext, key: string): readonly unknown[] | undefined;
  /** See ControlLoop.watchedPart. */
  watchedPart?(obj: KubeObject): string;
  /** See ControlLoop.createdIsNews. */
  createdIsNews?(obj: KubeObject): boolean;
}

let reconcileNotes = true;

/** Turns the per-key notes off (tests compare against reconciling every key every run). */
export function setReconcileNotes(on: boolean): void {
  reconcileNotes = on;
}

export function controllerLoop(spec: ControllerSpec, active?: ActiveCheck): ControlLoop {
  // Per controller, keyed by the key's own decoded object (a new write makes a new object).
  const notes = new WeakMap<object, ReconcileNote>();
  return {
    name: spec.name,
    user: serviceAccountUser(spec.serviceAccount),
    ...(spec.watches ? { watches: spec.watches } : {}),
    ...(spec.watchedPart ? { watchedPart: spec.watchedPart } : {}),
    ...(spec.createdIsNews ? { createdIsNews: spec.createdIsNews } : {}),
    ...(active ? { active } : {}),
    run(api: LoopApi) {
      if (active && !active(api.state(), api.now)) return;
      if (!spec.inputs || !reconcileNotes) {
        const ctx: ControllerContext = {
          client: new Client(api, undefined, "controller-manager"),
          now: api.now,
          state: api.state,
          wakeAt: api.wakeAt,
        };
        for (const key of new Set(spec.keys(ctx))) spec.reconcile(ctx, key);
        return;
      }
      // Counted writes and the reconcile's own earliest wake: what a note needs.
      let writes = 0;
      let wake = Infinity;
      const counted: LoopApi = {
        ...api,
        request: (req, notes) => {
          if (req.method !== "GET") writes++;
          return api.request(req, notes);
        },
      };
      const ctx: ControllerContext = {
        client: new Client(counted, undefined, "controller-manager"),
        now: api.now,
        state: api.state,
        wakeAt: (at) => {
          if (at < wake) wake = at;
          api.wakeAt(at);
        },
      };
      for (const key of new Set(spec.keys(ctx))) {
        const inputs = spec.inputs(ctx, key);
        const primary = inputs?.[0];
        const isObject = typeof primary === "object" && primary !== null;
        if (isObject) {
          const note = notes.get(primary);
          if (
            note &&
            sameInputs(note.inputs, inputs!) &&
            note.at <= api.now &&
            api.now < note.until
          ) {
            if (note.until !== Infinity) api.wakeAt(note.until);
            continue;
          }
        }
        const writesBefore = writes;
        wake = Infinity;
        spec.reconcile(ctx, key);
        if (isObject && writes === writesBefore) {
          notes.set(primary, { inputs: inputs!, at: api.now, until: wake });
        }
      }
    },
  };
}

/** A reconcile of these inputs at `at` sent no write and asked to be woken at `until`. */
interface ReconcileNote {
  readonly inputs: readonly unknown[];
  readonly at: number;
  readonly until: number;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf("/");
  return i < 0 ? ["", key] : [key.slice(0, i), key.slice(i + 1)];
}
