// A cluster sandbox driven step by step, for scenario tests, labs and benchmarks:
// requests as kubernetes-admin, time fast-forwarded, machines and etcd members
// stopped and started, and reads from the current state.

import type { ApiResponse } from "../apiserver/handler/types";
import type { KubeObject } from "../apiserver/object";
import { fixedClock } from "../clock";
import { listObjects, getObject } from "../controllers/shared/cache";
import { ADMIN_USER, handle, type EngineOptions, type EngineResult } from "../engine";
import { memberAction, type MemberAction } from "../etcd/control";
import type { SandboxState } from "../state";
import { createClusterSandbox, type ClusterSandboxOptions } from "./default-cluster";
import { fastForward } from "./fast-forward";
import { clusterEngineOptions } from "./loops";
import { powerMachine } from "./world";

export class LabCluster {
  state: SandboxState;
  readonly engine: EngineOptions;
  last: EngineResult | undefined;

  constructor(opts: Omit<ClusterSandboxOptions, "engine"> & { engine?: EngineOptions }) {
    this.engine = opts.engine ?? clusterEngineOptions();
    // Custom loops build their own cluster; the standard ones start from the shared template.
    this.state = createClusterSandbox(opts).state;
  }

  get now(): number {
    return this.state.time;
  }

  request(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
    contentType?: string,
  ): ApiResponse {
    const r = handle(
      this.state,
      {
        method,
        path,
        user: ADMIN_USER,
        ...(body !== undefined ? { body } : {}),
        ...(contentType ? { contentType } : {}),
      },
      fixedClock(this.state.time),
      this.engine,
    );
    this.state = r.state;
    this.last = r;
    return r.response;
  }

  /** Lets `ms` of virtual time pass (in steps, so every component sees it pass). */
  advance(ms: number): void {
    this.state = fastForward(this.state, this.state.time + ms, this.engine).state;
  }

  /** Powers a machine off/on (its kubelet, static pods and stacked etcd member with it). */
  setMachine(node: string, running: boolean): void {
    this.state = powerMachine(this.state, node, running);
  }

  etcd(action: MemberAction, member: string): void {
    this.state = memberAction(this.state, action, member);
  }

  list(group: string, resource: string, namespace?: string): readonly KubeObject[] {
    return listObjects(this.state, group, resource, namespace);
  }

  get(
    group: string,
    resource: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return getObject(this.state, group, resource, namespace, name);
  }

  /** Events about one object, oldest first, as `kubectl describe` lists them. */
  eventsFor(
    name: string,
    namespace = "default",
  ): { reason: string; message: string; type: string; count: number }[] {
    return this.list("", "events", namespace)
      .filter((e) => (e.involvedObject as { name?: string }).name === name)
      .sort(
        (a, b) =>
          String(a.firstTimestamp).localeCompare(String(b.firstTimestamp)) ||
          Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion),
      )
      .map((e) => ({
        reason: String(e.reason),
        message: String(e.message),
        type: String(e.type),
        count: Number(e.count),
      }));
  }
}
