import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { authorizeNode, type NodeGraphSource } from "./node-authorizer";
import type { Attributes } from "./types";

const kubelet = (node: string) => ({
  name: `system:node:${node}`,
  groups: ["system:nodes", "system:authenticated"],
});

const pod = (name: string, nodeName: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: { nodeName, containers: [{ name: "c", image: "nginx" }], ...spec },
});

const pods = [
  pod("web", "worker1", {
    volumes: [
      { name: "cfg", configMap: { name: "web-config" } },
      { name: "data", persistentVolumeClaim: { claimName: "web-data" } },
    ],
    containers: [
      {
        name: "c",
        image: "nginx",
        env: [{ name: "PW", valueFrom: { secretKeyRef: { name: "db-password", key: "pw" } } }],
      },
    ],
    serviceAccountName: "web",
  }),
  pod("other", "worker2", { volumes: [{ name: "s", secret: { secretName: "other-secret" } }] }),
];
const pvcs: Record<string, KubeObject> = {
  "default/web-data": {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "web-data", namespace: "default" },
    spec: { volumeName: "pv-1" },
  },
};
const graph: NodeGraphSource = {
  podsOnNode: (node) => pods.filter((p) => (p.spec as { nodeName: string }).nodeName === node),
  pvc: (ns, name) => pvcs[`${ns}/${name}`],
};
const ask = (node: string, a: Omit<Attributes, "user">) =>
  authorizeNode({ user: kubelet(node), apiGroup: "", ...a }, graph);

describe("Node authorizer", () => {
  it("has no say about users that are not kubelets", () => {
    expect(
      authorizeNode(
        {
          user: { name: "alice", groups: ["system:authenticated"] },
          verb: "get",
          resource: "pods",
        },
        graph,
      ),
    ).toBeUndefined();
    // the node user name alone is not enough: the group system:nodes is required
    expect(
      authorizeNode(
        { user: { name: "system:node:worker1", groups: [] }, verb: "get", resource: "pods" },
        graph,
      ),
    ).toBeUndefined();
  });

  it("lets a kubelet read only the secrets and configmaps its own pods use", () => {
    const get = (node: string, resource: string, name: string) =>
      ask(node, { verb: "get", resource, namespace: "default", name });
    expect(get("worker1", "secrets", "db-password")).toEqual({ decision: "allow", reason: "" });
    expect(get("worker1", "configmaps", "web-config")?.decision).toBe("allow");
    expect(get("worker1", "secrets", "other-secret")).toEqual({
      decision: "no-opinion",
      reason: "no relationship found between node 'worker1' and this object",
    });
    expect(get("worker2", "secrets", "other-secret")?.decision).toBe("allow");
    expect(
      ask("worker1", {
        verb: "delete",
        resource: "secrets",
        namespace: "default",
        name: "db-password",
      }),
    ).toEqual({
      decision: "no-opinion",
      reason: "can only read resources of this type",
    });
  });

  it("follows pod → PVC → PV, and service accounts for tokens", () => {
    expect(
      ask("worker1", {
        verb: "get",
        resource: "persistentvolumeclaims",
        namespace: "default",
        name: "web-data",
      })?.decision,
    ).toBe("allow");
    expect(
      ask("worker1", { verb: "get", resource: "persistentvolumes", name: "pv-1" })?.decision,
    ).toBe("allow");
    expect(
      ask("worker2", { verb: "get", resource: "persistentvolumes", name: "pv-1" })?.decision,
    ).toBe("no-opinion");
    expect(ask("worker1", { verb: "list", resource: "persistentvolumes" })?.reason).toBe(
      "can only get individual resources of this type",
    );
    expect(
      ask("worker1", {
        verb: "create",
        resource: "serviceaccounts",
        subresource: "token",
        namespace: "default",
        name: "web",
      })?.decision,
    ).toBe("allow");
  });

  it("keeps a kubelet to its own Lease in kube-node-lease", () => {
    const lease = (node: string, verb: string, namespace: string, name: string) =>
      authorizeNode(
        {
          user: kubelet(node),
          verb,
          apiGroup: "coordination.k8s.io",
          resource: "leases",
          namespace,
          name,
        },
        graph,
      );
    expect(lease("worker1", "update", "kube-node-lease", "worker1")?.decision).toBe("allow");
    expect(lease("worker1", "update", "kube-node-lease", "worker2")?.reason).toBe(
      "can only access node lease with the same name as the requesting node",
    );
    expect(lease("worker1", "get", "kube-system", "kube-scheduler")?.reason).toBe(
      'can only access leases in the "kube-node-lease" system namespace',
    );
  });

  it("checks everything else against the static node rules", () => {
    expect(
      ask("worker1", {
        verb: "update",
        resource: "pods",
        subresource: "status",
        namespace: "default",
        name: "web",
      })?.decision,
    ).toBe("allow");
    expect(
      ask("worker1", { verb: "create", resource: "events", namespace: "default" })?.decision,
    ).toBe("allow");
    expect(
      ask("worker1", { verb: "update", resource: "nodes", subresource: "status", name: "worker1" })
        ?.decision,
    ).toBe("allow");
    expect(
      ask("worker1", { verb: "update", resource: "pods", namespace: "default", name: "web" }),
    ).toEqual({
      decision: "no-opinion",
      reason: "",
    });
    expect(
      authorizeNode(
        {
          user: kubelet("worker1"),
          verb: "create",
          apiGroup: "apps",
          resource: "deployments",
          namespace: "default",
        },
        graph,
      )?.decision,
    ).toBe("no-opinion");
  });
});
