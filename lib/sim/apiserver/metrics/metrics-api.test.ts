/* eslint-disable @typescript-eslint/no-explicit-any -- metrics and API objects are read as loose JSON */
import { describe, expect, it } from "vitest";
import { bareState } from "../handler/test-support";
import { bodyOf, runner } from "../handler/test-run";
import type { SandboxState } from "../../state";
import { containerUsage, nodeUsage } from "./usage";
import { usageList } from "./metrics-api";

const run = runner();
const M = "/apis/metrics.k8s.io/v1beta1";

function put(state: SandboxState, path: string, body: unknown): SandboxState {
  const r = run(state, { method: "POST", path, body });
  expect(r.response.code, JSON.stringify(bodyOf(r))).toBeLessThan(300);
  return r.state;
}

function setStatus(state: SandboxState, path: string, status: unknown): SandboxState {
  const cur = bodyOf<Record<string, unknown>>(run(state, { method: "GET", path }));
  const r = run(state, { method: "PUT", path: `${path}/status`, body: { ...cur, status } });
  expect(r.response.code, JSON.stringify(bodyOf(r))).toBe(200);
  return r.state;
}

const ready = (s: "True" | "Unknown") => ({
  conditions: [{ type: "Ready", status: s }],
  allocatable: { cpu: "2", memory: "2Gi" },
});

/** Two nodes (w2 not reporting), three pods: web (Running, w1), idle (Pending), lost (Running on w2). */
function cluster(): SandboxState {
  let s = bareState("metrics");
  for (const n of ["w2", "w1"]) {
    s = put(s, "/api/v1/nodes", {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: n, labels: { zone: n } },
    });
    s = setStatus(s, `/api/v1/nodes/${n}`, ready(n === "w1" ? "True" : "Unknown"));
  }
  s = put(s, "/api/v1/namespaces", {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "default" },
  });
  const pod = (name: string, node: string, requests?: Record<string, string>) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: { app: name } },
    spec: {
      nodeName: node,
      containers: [
        { name: "b", image: "nginx", ...(requests ? { resources: { requests } } : {}) },
        { name: "a", image: "busybox" },
      ],
    },
  });
  s = put(s, "/api/v1/namespaces/default/pods", pod("web", "w1", { cpu: "200m", memory: "128Mi" }));
  s = put(s, "/api/v1/namespaces/default/pods", pod("idle", "w1"));
  s = put(s, "/api/v1/namespaces/default/pods", pod("lost", "w2"));
  s = setStatus(s, "/api/v1/namespaces/default/pods/web", { phase: "Running" });
  s = setStatus(s, "/api/v1/namespaces/default/pods/lost", { phase: "Running" });
  return s;
}

describe("metrics.k8s.io/v1beta1 as metrics-server serves it", () => {
  const s = cluster();
  const get = (path: string, query = "") => run(s, { method: "GET", path, query });

  it("NodeMetricsList: reporting (Ready) nodes only, their labels, usage of their running pods", () => {
    const body = bodyOf<{ kind: string; apiVersion: string; items: any[] }>(get(`${M}/nodes`));
    expect(body.kind).toBe("NodeMetricsList");
    expect(body.apiVersion).toBe("metrics.k8s.io/v1beta1");
    expect(body.items.map((i) => i.metadata.name)).toEqual(["w1"]);
    const [w1] = body.items;
    expect(w1.metadata.labels).toEqual({ zone: "w1" });
    expect(w1.window).toBe("15s");
    const node = bodyOf(get("/api/v1/nodes/w1"));
    const pods = bodyOf<{ items: unknown[] }>(get("/api/v1/pods")).items;
    expect(w1.usage).toEqual(
      usageList(
        nodeUsage(
          node,
          pods.filter((p: any) => p.spec.nodeName === "w1"),
        ),
      ),
    );
    expect(w1.usage.cpu).toMatch(/^\d+m$/);
    expect(w1.usage.memory).toMatch(/^\d+Ki$/);
  });

  it("PodMetrics: Running pods on reporting nodes, one entry per container, selectors apply", () => {
    const list = bodyOf<{ kind: string; items: any[] }>(get(`${M}/namespaces/default/pods`));
    expect(list.kind).toBe("PodMetricsList");
    expect(list.items.map((i) => i.metadata.name)).toEqual(["web"]);
    const web = bodyOf(get("/api/v1/namespaces/default/pods/web")) as any;
    expect(list.items[0].containers).toEqual(
      web.spec.containers.map((c: any) => ({
        name: c.name,
        usage: usageList(containerUsage(web, c)),
      })),
    );
    // 200m requested: 30–80 % of it.
    const cpu = Number(/^(\d+)m$/.exec(list.items[0].containers[0].usage.cpu)![1]);
    expect(cpu).toBeGreaterThanOrEqual(60);
    expect(cpu).toBeLessThanOrEqual(160);
    expect(bodyOf<any>(get(`${M}/pods`, "labelSelector=app%3Didle")).items).toEqual([]);
    expect(bodyOf<any>(get(`${M}/pods`, "labelSelector=app%3Dweb")).items).toHaveLength(1);
    const one = bodyOf<any>(get(`${M}/namespaces/default/pods/web`));
    expect(one.kind).toBe("PodMetrics");
    expect(one.metadata).toMatchObject({
      name: "web",
      namespace: "default",
      labels: { app: "web" },
    });
  });

  it("errors: missing object, object without metrics, unsupported verbs and paths", () => {
    const msg = (r: ReturnType<typeof get>) => [r.response.code, bodyOf<any>(r).message];
    expect(msg(get(`${M}/namespaces/default/pods/nope`))).toEqual([404, 'pods "nope" not found']);
    expect(msg(get(`${M}/namespaces/default/pods/idle`))).toEqual([
      404,
      'podmetrics.metrics.k8s.io "default/idle" not found',
    ]);
    expect(msg(get(`${M}/nodes/w2`))).toEqual([404, 'nodemetrics.metrics.k8s.io "w2" not found']);
    expect(msg(get(`${M}/nodes/w9`))).toEqual([404, 'nodes "w9" not found']);
    expect(msg(get(`${M}/nodes`, "watch=true"))).toEqual([
      405,
      'watch is not supported on resources of kind "nodes.metrics.k8s.io"',
    ]);
    expect(run(s, { method: "POST", path: `${M}/nodes`, body: {} }).response.code).toBe(405);
    expect(get(`${M}/namespaces/default/nodes`).response.code).toBe(404);
  });

  it("quantities as metrics-server encodes them", () => {
    expect(usageList({ milliCpu: 150, bytes: 1024 * 1024 })).toEqual({
      cpu: "150m",
      memory: "1Mi",
    });
    expect(usageList({ milliCpu: 2000, bytes: 5 * 1024 })).toEqual({ cpu: "2", memory: "5Ki" });
  });
});
