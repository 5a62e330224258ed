import { describe, expect, it } from "vitest";
import { bareState, testPlugins } from "./test-support";
import { bodyOf, pod, runner } from "./test-run";

const run = runner();
const PODS = "/api/v1/namespaces/default/pods";
const DEPLOYS = "/apis/apps/v1/namespaces/default/deployments";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web" },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "app", image: "nginx:1.25" }] },
    },
  },
};

describe("subresources", () => {
  it("binds a pod to a node once (pods/binding) and marks it scheduled", () => {
    const s = run(bareState(), { method: "POST", path: PODS, body: pod("p") }).state;
    const binding = {
      apiVersion: "v1",
      kind: "Binding",
      metadata: { name: "p" },
      target: { kind: "Node", name: "node-1" },
    };
    const bound = run(s, { method: "POST", path: `${PODS}/p/binding`, body: binding });
    expect(bound.response.code).toBe(201);
    const got = bodyOf<{
      spec: { nodeName: string };
      status: { conditions: { type: string; status: string }[] };
    }>(run(bound.state, { method: "GET", path: `${PODS}/p` }));
    expect(got.spec.nodeName).toBe("node-1");
    expect(got.status.conditions).toEqual([
      expect.objectContaining({ type: "PodScheduled", status: "True" }),
    ]);
    const again = run(bound.state, { method: "POST", path: `${PODS}/p/binding`, body: binding });
    expect(bodyOf(again)).toMatchObject({
      code: 409,
      message:
        'Operation cannot be fulfilled on pods "p": pod p is already assigned to node "node-1"',
    });
  });

  it("keeps status and spec apart: status updates go through /status only", () => {
    const s = run(bareState(), { method: "POST", path: PODS, body: pod("p") }).state;
    const viaMain = run(s, {
      method: "PATCH",
      path: `${PODS}/p`,
      contentType: "application/merge-patch+json",
      body: { status: { phase: "Running" } },
    });
    expect(bodyOf<{ status: { phase: string } }>(viaMain).status.phase).toBe("Pending");
    const viaStatus = run(s, {
      method: "PATCH",
      path: `${PODS}/p/status`,
      contentType: "application/merge-patch+json",
      body: { status: { phase: "Running" }, spec: { nodeName: "ignored" } },
    });
    const out = bodyOf<{ status: { phase: string }; spec: { nodeName?: string } }>(viaStatus);
    expect(out.status.phase).toBe("Running");
    expect(out.spec.nodeName).toBeUndefined();
  });

  it("bumps generation on spec changes but not on status changes", () => {
    let s = run(bareState(), { method: "POST", path: DEPLOYS, body: deployment }).state;
    expect(bodyOf(run(s, { method: "GET", path: `${DEPLOYS}/web` }))).toMatchObject({
      metadata: { generation: 1 },
      status: {},
    });
    s = run(s, {
      method: "PATCH",
      path: `${DEPLOYS}/web/status`,
      contentType: "application/merge-patch+json",
      body: { status: { observedGeneration: 1, replicas: 2 } },
    }).state;
    const scaled = run(s, {
      method: "PATCH",
      path: `${DEPLOYS}/web/scale`,
      contentType: "application/merge-patch+json",
      body: { spec: { replicas: 5 } },
    });
    expect(bodyOf(scaled)).toMatchObject({
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      spec: { replicas: 5 },
      status: { replicas: 2, selector: "app=web" },
    });
    const after = bodyOf(run(scaled.state, { method: "GET", path: `${DEPLOYS}/web` }));
    expect(after).toMatchObject({
      metadata: { generation: 2 },
      spec: { replicas: 5 },
      status: { observedGeneration: 1 },
    });
  });

  it("evicts a pod (policy/v1 Eviction) through graceful deletion", () => {
    const s = run(bareState(), {
      method: "POST",
      path: PODS,
      body: pod("p", {}, { nodeName: "node-1" }),
    }).state;
    const ev = run(s, {
      method: "POST",
      path: `${PODS}/p/eviction`,
      body: {
        apiVersion: "policy/v1",
        kind: "Eviction",
        metadata: { name: "p", namespace: "default" },
      },
    });
    expect(ev.response.code).toBe(201);
    const got = bodyOf<{ metadata: { deletionTimestamp?: string } }>(
      run(ev.state, { method: "GET", path: `${PODS}/p` }),
    );
    expect(got.metadata.deletionTimestamp).toBe("2026-01-05T09:00:30Z");
  });
});

describe("pods/log", () => {
  it("needs a container name when the pod has several, and a node", () => {
    const two = pod("multi");
    two.spec.containers.push({ name: "sidecar", image: "busybox" });
    const s = run(bareState(), { method: "POST", path: PODS, body: two }).state;
    const r = run(s, { method: "GET", path: `${PODS}/multi/log` });
    expect(bodyOf(r)).toMatchObject({
      code: 400,
      message: "a container name must be specified for pod multi, choose one of: [app sidecar]",
    });
    const unscheduled = run(s, {
      method: "GET",
      path: `${PODS}/multi/log`,
      query: { container: "app" },
    });
    expect(bodyOf(unscheduled)).toMatchObject({
      code: 400,
      message: "pod multi does not have a host assigned",
    });
  });

  it("returns the kubelet's text for a scheduled pod", () => {
    const logs = runner(
      testPlugins([], { podLog: (p, c) => `hello from ${p.metadata.name}/${c}\n` }),
    );
    const s = logs(bareState(), {
      method: "POST",
      path: PODS,
      body: pod("p", {}, { nodeName: "node-1" }),
    }).state;
    expect(logs(s, { method: "GET", path: `${PODS}/p/log` }).response).toEqual({
      kind: "text",
      code: 200,
      body: "hello from p/app\n",
    });
  });
});
