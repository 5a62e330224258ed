import { describe, expect, it } from "vitest";
import { createClusterSandbox } from "../../cluster/default-cluster";
import { fixedClock } from "../../clock";
import { stopMember } from "../../etcd/cluster";
import type { SandboxState } from "../../state";
import { defaultPlugins } from "../handler/default-plugins";
import { handleRequest } from "../handler/handle";
import { printTable } from "../printers";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const ADMIN = { username: "kubernetes-admin", groups: ["system:masters"] };
const cluster = () => createClusterSandbox({ seed: "cs", now: T0 }).state;
const get = (state: SandboxState, path: string) =>
  handleRequest(state, { method: "GET", path, user: ADMIN }, fixedClock(T0), defaultPlugins)
    .response as { code: number; body: Record<string, unknown>; warnings?: string[] };

const cells = (state: SandboxState) => {
  const list = get(state, "/api/v1/componentstatuses").body as { items: never[] };
  const table = printTable({ group: "", resource: "componentstatuses" }, list.items, { now: T0 });
  return table.rows.map((r) => r.cells);
};

describe("componentstatuses (kubectl get cs)", () => {
  it("lists scheduler, controller-manager and etcd-0 with the deprecation warning", () => {
    const r = get(cluster(), "/api/v1/componentstatuses");
    expect(r.code).toBe(200);
    expect(r.warnings).toEqual(["v1 ComponentStatus is deprecated in v1.19+"]);
    expect(r.body).toEqual({
      kind: "ComponentStatusList",
      apiVersion: "v1",
      metadata: {},
      items: ["scheduler", "controller-manager", "etcd-0"].map((name) => ({
        metadata: { name, creationTimestamp: null },
        conditions: [{ type: "Healthy", status: "True", message: "ok" }],
      })),
    });
  });

  it("prints NAME STATUS MESSAGE ERROR as the server's Table", () => {
    const table = printTable({ group: "", resource: "componentstatuses" }, [], { now: T0 });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual([
      "Name",
      "Status",
      "Message",
      "Error",
    ]);
    expect(cells(cluster())).toEqual([
      ["scheduler", "Healthy", "ok", ""],
      ["controller-manager", "Healthy", "ok", ""],
      ["etcd-0", "Healthy", "ok", ""],
    ]);
  });

  it("a scheduler whose manifest is gone is refused; etcd without quorum times out", () => {
    const s = cluster();
    const world = s.world!;
    const broken: SandboxState = {
      ...s,
      etcd: stopMember(s.etcd, "master1"),
      world: {
        ...world,
        staticPods: {
          ...world.staticPods,
          master1: (world.staticPods.master1 ?? []).filter(
            (p) => !p.metadata.name?.startsWith("kube-scheduler-"),
          ),
        },
      },
    };
    expect(cells(broken)).toEqual([
      [
        "scheduler",
        "Unhealthy",
        'Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused',
        "",
      ],
      ["controller-manager", "Healthy", "ok", ""],
      ["etcd-0", "Unhealthy", "", "error getting data from etcd: context deadline exceeded"],
    ]);
  });

  it("gets one component; an unknown one is the registry's plain error (500)", () => {
    const one = get(cluster(), "/api/v1/componentstatuses/etcd-0");
    expect(one.body).toMatchObject({ kind: "ComponentStatus", metadata: { name: "etcd-0" } });
    const missing = get(cluster(), "/api/v1/componentstatuses/etcd-9");
    expect(missing).toMatchObject({
      code: 500,
      body: { status: "Failure", message: "Component not found: etcd-9" },
    });
  });
});
