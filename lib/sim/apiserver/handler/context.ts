// Everything one request works with: a store writer over the sandbox's state,
// the etcd cluster, the seeded PRNG, virtual time and the trace. Changes stay in
// the context until the pipeline succeeds; a failed request drops them.

import type { EtcdCluster } from "../../etcd/cluster";
import { Rng } from "../../random";
import type { SandboxLimits, SandboxState } from "../../state";
import { prefixEnd } from "../../store/store";
import type { KvRow } from "../../store/types";
import { StoreWriter } from "../../store/writer";
import { TraceRecorder } from "../../trace";
import type { KubeObject } from "../object";
import { builtinRegistry, type ResourceRegistry } from "../resources/registry";
import type { ResourceInfo } from "../resources/resource-info";
import { decodeObject, decodeRow } from "./codec";
import { cachedList } from "./list-cache";
import type { ApiServerPlugins, ObjectLookup } from "./plugins";

const CRD_PREFIX = "/registry/apiextensions.k8s.io/customresourcedefinitions/";

export class RequestContext {
  readonly writer: StoreWriter;
  etcd: EtcdCluster;
  readonly rng: Rng;
  readonly trace: TraceRecorder;
  readonly limits: SandboxLimits;
  readonly lookup: ObjectLookup;
  private registryCache: ResourceRegistry | undefined;
  private suffix: ((length: number) => string) | undefined;

  constructor(
    readonly base: SandboxState,
    readonly now: number,
    readonly plugins: ApiServerPlugins,
  ) {
    this.writer = new StoreWriter(base.store, now);
    this.etcd = base.etcd;
    this.rng = new Rng(base.rng);
    this.trace = new TraceRecorder(() => now);
    this.limits = base.limits;
    this.lookup = new ContextLookup(this);
  }

  /** Admission's random name suffixes (made once per request, not per call). */
  get randomSuffix(): (length: number) => string {
    this.suffix ??= (n) => this.rng.suffix(n);
    return this.suffix;
  }

  /** Built-in resources plus those of the CustomResourceDefinitions in the store. */
  registry(): ResourceRegistry {
    if (this.registryCache) return this.registryCache;
    const crds = this.list(CRD_PREFIX);
    if (crds.length === 0) this.registryCache = builtinRegistry;
    else {
      // The same CRD objects give the same registry (the list is shared while unchanged).
      this.registryCache = withCrds.get(crds) ?? builtinRegistry.withCustomResources(crds);
      withCrds.set(crds, this.registryCache);
    }
    return this.registryCache;
  }

  /** Forget the derived registry after a CRD write. */
  invalidateRegistry(): void {
    this.registryCache = undefined;
  }

  /** Every stored object of a resource (optionally in one namespace), newest state, no quorum check. */
  scan(info: ResourceInfo, namespace?: string): KubeObject[] {
    const prefix =
      info.namespaced && namespace ? `${info.etcdPrefix}${namespace}/` : info.etcdPrefix!;
    return this.range(prefix);
  }

  /**
   * Like scan, shared and read-only: while the request has written nothing, the list read by
   * an earlier request is reused if nothing under the prefix was written since (list-cache.ts).
   */
  list(prefix: string): readonly KubeObject[] {
    if (this.writer.hasChanges()) return this.range(prefix);
    return cachedList(this.base.store, prefix, () => this.range(prefix));
  }

  private range(prefix: string): KubeObject[] {
    return this.writer.range({ key: prefix, rangeEnd: prefixEnd(prefix) }).kvs.map(decodeObject);
  }
}

const withCrds = new WeakMap<readonly KubeObject[], ResourceRegistry>();

/** Objects as the request sees them (its own writes included), for RBAC and admission. */
class ContextLookup implements ObjectLookup {
  readonly baseStore: SandboxState["store"];

  constructor(private readonly ctx: RequestContext) {
    this.baseStore = ctx.base.store;
  }

  get(group: string, resource: string, namespace: string, name: string): KubeObject | undefined {
    const info = this.ctx.registry().preferred(group, resource);
    if (!info?.etcdPrefix) return undefined;
    const key = info.namespaced
      ? `${info.etcdPrefix}${namespace}/${name}`
      : `${info.etcdPrefix}${name}`;
    const row = this.ctx.writer.getRow(key);
    return row ? decodeRow(row) : undefined;
  }

  liveRows(prefix: string): readonly KvRow[] {
    return this.ctx.writer.liveRowsUnder(prefix);
  }

  list(group: string, resource: string, namespace?: string): readonly KubeObject[] {
    const info = this.ctx.registry().preferred(group, resource);
    if (!info?.etcdPrefix) return [];
    const prefix =
      info.namespaced && namespace ? `${info.etcdPrefix}${namespace}/` : info.etcdPrefix;
    return this.ctx.list(prefix);
  }
}
