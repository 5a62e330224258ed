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
  /** See ControlLoop.watchedPart. */
  watchedPart?(obj: KubeObject): string;
}

export function controllerLoop(spec: ControllerSpec, active?: ActiveCheck): ControlLoop {
  return {
    name: spec.name,
    user: serviceAccountUser(spec.serviceAccount),
    ...(spec.watches ? { watches: spec.watches } : {}),
    ...(spec.watchedPart ? { watchedPart: spec.watchedPart } : {}),
    ...(active ? { active } : {}),
    run(api: LoopApi) {
      if (active && !active(api.state(), api.now)) return;
      const ctx: ControllerContext = {
        client: new Client(api, undefined, "controller-manager"),
        now: api.now,
        state: api.state,
        wakeAt: api.wakeAt,
      };
      const queue = new Set(spec.keys(ctx));
      for (const key of queue) spec.reconcile(ctx, key);
    },
  };
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf("/");
  return i < 0 ? ["", key] : [key.slice(0, i), key.slice(i + 1)];
}
