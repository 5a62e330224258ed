import { describe, expect, it } from "vitest";
import { etcdKey, etcdListPrefix } from "./resource-info";
import { builtinRegistry, noKindMatchMessage, noResourceTypeMessage } from "./registry";

const reg = builtinRegistry;

function info(group: string, resource: string) {
  const r = reg.preferred(group, resource);
  if (!r) throw new Error(`missing ${group}/${resource}`);
  return r;
}

describe("built-in resources", () => {
  it("store objects under the real etcd keys", () => {
    expect(etcdKey(info("", "pods"), "default", "web")).toBe("/registry/pods/default/web");
    expect(etcdKey(info("", "nodes"), undefined, "worker-1")).toBe("/registry/minions/worker-1");
    expect(etcdKey(info("", "services"), "default", "kubernetes")).toBe(
      "/registry/services/specs/default/kubernetes",
    );
    expect(etcdKey(info("", "endpoints"), "default", "kubernetes")).toBe(
      "/registry/services/endpoints/default/kubernetes",
    );
    expect(etcdKey(info("apps", "deployments"), "default", "web")).toBe(
      "/registry/deployments/default/web",
    );
    expect(etcdKey(info("coordination.k8s.io", "leases"), "kube-node-lease", "n1")).toBe(
      "/registry/leases/kube-node-lease/n1",
    );
    expect(etcdKey(info("rbac.authorization.k8s.io", "clusterroles"), undefined, "view")).toBe(
      "/registry/clusterroles/view",
    );
    expect(etcdKey(info("networking.k8s.io", "ingresses"), "default", "i")).toBe(
      "/registry/ingress/default/i",
    );
    expect(etcdKey(info("scheduling.k8s.io", "priorityclasses"), undefined, "p")).toBe(
      "/registry/priorityclasses/p",
    );
    expect(
      etcdKey(info("apiextensions.k8s.io", "customresourcedefinitions"), undefined, "a.b.c"),
    ).toBe("/registry/apiextensions.k8s.io/customresourcedefinitions/a.b.c");
    // both Event APIs share one storage
    expect(info("events.k8s.io", "events").etcdPrefix).toBe(info("", "events").etcdPrefix);
    expect(etcdListPrefix(info("", "pods"), "kube-system")).toBe("/registry/pods/kube-system/");
    expect(etcdListPrefix(info("", "pods"))).toBe("/registry/pods/");
    expect(() => etcdKey(info("", "componentstatuses"), undefined, "etcd-0")).toThrow();
  });

  it("carry discovery facts", () => {
    const pods = info("", "pods");
    expect(pods).toMatchObject({
      kind: "Pod",
      singular: "pod",
      shortNames: ["po"],
      namespaced: true,
    });
    expect(pods.subresources.map((s) => s.name)).toEqual(
      expect.arrayContaining(["binding", "status", "log", "eviction"]),
    );
    expect(info("apps", "deployments").subresources.find((s) => s.name === "scale")).toMatchObject({
      kind: "Scale",
      group: "autoscaling",
    });
    expect(info("", "nodes").namespaced).toBe(false);
    expect(
      reg
        .inCategory("all")
        .map((r) => r.resource)
        .sort(),
    ).toEqual(
      [
        "cronjobs",
        "daemonsets",
        "deployments",
        "jobs",
        "pods",
        "replicasets",
        "services",
        "statefulsets",
      ].sort(),
    );
  });
});

describe("lookup", () => {
  it("by REST path and by kind", () => {
    expect(reg.byResource("apps", "v1", "deployments")?.kind).toBe("Deployment");
    expect(reg.byResource("", "v1", "deployments")).toBeUndefined();
    expect(reg.byApiVersionKind("apps/v1", "Deployment")?.resource).toBe("deployments");
    expect(reg.byApiVersionKind("v1", "Pod")?.resource).toBe("pods");
    expect(reg.byApiVersionKind("apps/v1beta1", "Deployment")).toBeUndefined();
    expect(reg.byApiVersionKind("apps/v1", "Foo")).toBeUndefined();
    expect(noKindMatchMessage("Foo", "apps/v1")).toBe(
      'no matches for kind "Foo" in version "apps/v1"',
    );
  });

  it("resolves kubectl names case-insensitively, core group first", () => {
    for (const arg of ["po", "pod", "pods", "Pod", "PODS"])
      expect(reg.resolve(arg)?.resource).toBe("pods");
    expect(reg.resolve("deploy")?.group).toBe("apps");
    expect(reg.resolve("deployments.apps")?.kind).toBe("Deployment");
    expect(reg.resolve("deploy.apps")?.kind).toBe("Deployment");
    expect(reg.resolve("deployments.v1.apps")?.kind).toBe("Deployment");
    expect(reg.resolve("events")?.group).toBe("");
    expect(reg.resolve("events.events.k8s.io")?.group).toBe("events.k8s.io");
    expect(reg.resolve("ev")?.group).toBe("");
    expect(reg.resolve("crd")?.resource).toBe("customresourcedefinitions");
    expect(reg.resolve("netpol")?.kind).toBe("NetworkPolicy");
    expect(reg.resolve("cj")?.kind).toBe("CronJob");
    expect(reg.resolve("cronjobs.batch")?.resource).toBe("cronjobs");
    expect(reg.resolve("foo")).toBeUndefined();
    expect(reg.resolve("deployments.batch")).toBeUndefined();
    expect(noResourceTypeMessage("foo")).toBe('the server doesn\'t have a resource type "foo"');
  });

  it("lists groups with preferred versions first", () => {
    const groups = reg.groups();
    expect(groups[0]).toEqual({ group: "", versions: ["v1"] });
    expect(groups.map((g) => g.group)).toContain("apps");
  });
});
