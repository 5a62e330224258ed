// What a describer may read: the object's events (one list per namespace per
// command, filtered here, instead of kubectl's one search per object), other
// objects by path, and the virtual "now" for ages.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import type { CliEnv } from "../../types";
import type { EventLike } from "./writer";

export interface DescribeContext {
  now: number;
  events(o: any): Promise<EventLike[]>;
  get(path: string): Promise<any | undefined>;
  list(path: string, query?: Record<string, string>): Promise<any[]>;
}

export function describeContext(env: CliEnv): DescribeContext {
  const eventLists = new Map<string, Promise<EventLike[]>>();
  const list = async (path: string, query?: Record<string, string>) => {
    const r = await env.request({ method: "GET", path, ...(query ? { query } : {}) });
    return r.kind === "object" && r.code < 400 ? ((r.body as { items?: any[] }).items ?? []) : [];
  };
  return {
    now: env.now(),
    get: async (path) => {
      const r = await env.request({ method: "GET", path });
      return r.kind === "object" && r.code < 400 ? r.body : undefined;
    },
    list,
    events: async (o) => {
      const ns: string = o.metadata?.namespace ?? "";
      // Events about a cluster-scoped object (a Node) live in any namespace.
      const path = ns ? `/api/v1/namespaces/${ns}/events` : "/api/v1/events";
      let all = eventLists.get(path);
      if (!all) eventLists.set(path, (all = list(path)));
      // describePod searches without a kind, and for a mirror pod by the static
      // pod's uid (the kubernetes.io/config.mirror annotation), as kubectl does.
      const mirror =
        o.kind === "Pod" ? o.metadata?.annotations?.["kubernetes.io/config.mirror"] : undefined;
      const uid = mirror ?? o.metadata?.uid;
      return (await all).filter((e) => {
        const io = e.involvedObject ?? {};
        if ((o.kind !== "Pod" && io.kind !== o.kind) || io.name !== o.metadata?.name) return false;
        // kubectl's field selector includes involvedObject.uid: events about an
        // earlier object of the same name do not match.
        return !uid || io.uid === uid;
      });
    },
  };
}
