// Everything one request works with: a store writer over the sandbox's state,
// the etcd cluster, the seeded PRNG, virtual time and the trace. Changes stay in
// the context until the pipeline succeeds; a failed request drops them.

import type { EtcdCluster } from "../../etcd/cluster";
import { Rng } from "../../random";
import type { SandboxLimits, SandboxState } from "../../state";
import { prefixEnd } from "../../store/store";
import { StoreWriter } from "../../store/writer";
import { TraceRecorder } from "../../trace";
import type { KubeObject } from "../object";
import { builtinRegistry, type ResourceRegistry } from "../resources/registry";
import type { ResourceInfo } from "../resources/resource-info";
import { decodeObject, decodeRow } from "./codec";
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
    this.lookup = {
      baseStore: base.store,
      get: (group, resource, namespace, name) => {
        const info = this.registry().preferred(group, resource);
        if (!info?.etcdPrefix) return undefined;
        const key = info.namespaced
          ? `${info.etcdPrefix}${namespace}/${name}`
          : `${info.etcdPrefix}${name}`;
        const row = this.writer.getRow(key);
        return row ? decodeRow(row) : undefined;
      },
      list: (group, resource, namespace) => {
        const info = this.registry().preferred(group, resource);
        if (!info?.etcdPrefix) return [];
        return this.scan(info, namespace);
      },
    };
  }

  /** Built-in resources plus those of the CustomResourceDefinitions in the store. */
  registry(): ResourceRegistry {
    if (this.registryCache) return this.registryCache;
    const crds = this.writer
      .range({ key: CRD_PREFIX, rangeEnd: prefixEnd(CRD_PREFIX) })
      .kvs.map(decodeObject);
    this.registryCache = crds.length ? builtinRegistry.withCustomResources(crds) : builtinRegistry;
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
    return this.writer.range({ key: prefix, rangeEnd: prefixEnd(prefix) }).kvs.map(decodeObject);
  }
}
