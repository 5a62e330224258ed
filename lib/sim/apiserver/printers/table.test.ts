import { describe, expect, it } from "vitest";
import { formatLabelSelector, humanDuration } from "./format";
import { formatEndpoints } from "./core";
import { printTable } from "./table";

const now = Date.parse("2026-01-01T01:00:00Z");
const created = "2026-01-01T00:00:00Z";

describe("printTable", () => {
  it("prints a deployment's wide cells and its metadata as PartialObjectMetadata", () => {
    const t = printTable(
      { group: "apps", resource: "deployments" },
      [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: {
            name: "web",
            namespace: "default",
            creationTimestamp: created,
            labels: { app: "web" },
          },
          spec: {
            replicas: 3,
            selector: { matchLabels: { app: "web" } },
            template: { spec: { containers: [{ name: "nginx", image: "nginx:1.25" }] } },
          },
          status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
        },
      ],
      { now, listMeta: { resourceVersion: "42" } },
    );
    expect(t.columnDefinitions.map((c) => [c.name, c.priority])).toEqual([
      ["Name", 0],
      ["Ready", 0],
      ["Up-to-date", 0],
      ["Available", 0],
      ["Age", 0],
      ["Containers", 1],
      ["Images", 1],
      ["Selector", 1],
    ]);
    expect(t.rows[0]?.cells).toEqual(["web", "2/3", 3, 2, "60m", "nginx", "nginx:1.25", "app=web"]);
    expect(t.rows[0]?.object).toEqual({
      kind: "PartialObjectMetadata",
      apiVersion: "meta.k8s.io/v1",
      metadata: {
        name: "web",
        namespace: "default",
        creationTimestamp: created,
        labels: { app: "web" },
      },
    });
    expect(t.metadata.resourceVersion).toBe("42");
  });

  it("includeObject=None drops the object; unknown kinds get NAME and CREATED AT", () => {
    const t = printTable(
      { group: "scheduling.k8s.io", resource: "priorityclasses" },
      [
        {
          apiVersion: "scheduling.k8s.io/v1",
          kind: "PriorityClass",
          metadata: { name: "high", creationTimestamp: created },
        },
      ],
      { now, includeObject: "None" },
    );
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Created At"]);
    expect(t.rows[0]).toEqual({ cells: ["high", created] });
  });

  it("prints a node's status, roles and SchedulingDisabled", () => {
    const t = printTable(
      { group: "", resource: "nodes" },
      [
        {
          apiVersion: "v1",
          kind: "Node",
          metadata: {
            name: "cp",
            creationTimestamp: created,
            labels: { "node-role.kubernetes.io/control-plane": "" },
          },
          spec: { unschedulable: true },
          status: {
            conditions: [{ type: "Ready", status: "True" }],
            addresses: [{ type: "InternalIP", address: "192.168.56.10" }],
            nodeInfo: {
              kubeletVersion: "v1.28.15",
              osImage: "Ubuntu 22.04.4 LTS",
              kernelVersion: "5.15.0",
              containerRuntimeVersion: "containerd://1.7.13",
            },
          },
        },
      ],
      { now },
    );
    expect(t.rows[0]?.cells).toEqual([
      "cp",
      "Ready,SchedulingDisabled",
      "control-plane",
      "60m",
      "v1.28.15",
      "192.168.56.10",
      "<none>",
      "Ubuntu 22.04.4 LTS",
      "5.15.0",
      "containerd://1.7.13",
    ]);
  });

  it("prints service ports, selectors and LoadBalancer <pending>", () => {
    const t = printTable(
      { group: "", resource: "services" },
      [
        {
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: "web", creationTimestamp: created },
          spec: {
            type: "LoadBalancer",
            clusterIP: "10.96.0.20",
            ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }],
            selector: { tier: "fe", app: "web" },
          },
        },
      ],
      { now },
    );
    expect(t.rows[0]?.cells).toEqual([
      "web",
      "LoadBalancer",
      "10.96.0.20",
      "<pending>",
      "80:30080/TCP",
      "60m",
      "app=web,tier=fe",
    ]);
  });
});

describe("formatting", () => {
  it("humanDuration follows apimachinery's steps", () => {
    expect(humanDuration(119_000)).toBe("119s");
    expect(humanDuration(150_000)).toBe("2m30s");
    expect(humanDuration(3 * 3600_000 + 5 * 60_000)).toBe("3h5m");
    expect(humanDuration(50 * 3600_000)).toBe("2d2h");
  });

  it("label selectors sort by key and spell operators like kubectl", () => {
    expect(
      formatLabelSelector({
        matchLabels: { z: "1" },
        matchExpressions: [
          { key: "a", operator: "In", values: ["y", "x"] },
          { key: "m", operator: "DoesNotExist" },
        ],
      }),
    ).toBe("a in (x,y),!m,z=1");
  });

  it("endpoints show three addresses then '+ N more...'", () => {
    const addresses = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"].map((ip) => ({ ip }));
    expect(formatEndpoints([{ addresses, ports: [{ port: 80 }] }])).toBe(
      "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...",
    );
    expect(formatEndpoints(undefined)).toBe("<none>");
  });
});
