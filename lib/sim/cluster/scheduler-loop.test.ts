import { describe, expect, it } from "vitest";
import { LabCluster } from "./lab-cluster";
import { schedulerMemory } from "./scheduler-memory";
import { T0 } from "../scenarios/fixtures";

const pod = (name: string, cpu: string, priorityClassName?: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: {
    ...(priorityClassName ? { priorityClassName } : {}),
    containers: [{ name: "c", image: "nginx", resources: { requests: { cpu } } }],
  },
});

describe("kube-scheduler loop", () => {
  it("preempts a lower-priority pod for a higher-priority one and binds it after", () => {
    const lab = new LabCluster({ seed: "preempt", now: T0 });
    lab.request("POST", "/apis/scheduling.k8s.io/v1/priorityclasses", {
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { name: "high" },
      value: 1000,
    });
    const workers = lab
      .list("", "nodes")
      .filter((n) => !("node-role.kubernetes.io/control-plane" in (n.metadata.labels ?? {})));
    const cpu = (n: (typeof workers)[number]) =>
      (n.status as { allocatable: { cpu: string } }).allocatable.cpu;
    // fill each worker with one big low-priority pod
    for (const [i, n] of workers.entries()) {
      lab.request(
        "POST",
        "/api/v1/namespaces/default/pods",
        pod(`low-${i}`, `${Number(cpu(n)) * 1000 - 300}m`),
      );
    }
    lab.advance(5_000);
    expect(
      lab.list("", "pods", "default").every((p) => (p.spec as { nodeName?: string }).nodeName),
    ).toBe(true);
    lab.request("POST", "/api/v1/namespaces/default/pods", pod("vip", "1", "high"));
    const vip = lab.get("", "pods", "default", "vip")!;
    const nominated = (vip.status as { nominatedNodeName?: string }).nominatedNodeName;
    expect(nominated).toMatch(/^worker[12]$/);
    // the victim is gone: the kubelet stopped it and removed it in the same settle
    const left = lab.list("", "pods", "default").filter((p) => p.metadata.name?.startsWith("low-"));
    expect(left).toHaveLength(1);
    const victim = ["low-0", "low-1"].find((n) => !left.some((p) => p.metadata.name === n))!;
    const events = lab.eventsFor(victim).filter((e) => e.reason === "Preempted");
    expect(events[0]!.message).toBe(`Preempted by a pod on node ${nominated}`);
    lab.advance(15_000);
    expect((lab.get("", "pods", "default", "vip")!.spec as { nodeName?: string }).nodeName).toBe(
      nominated,
    );
  });

  it("keeps the room preemption freed for the nominated pod from a lower-priority newcomer", () => {
    const lab = new LabCluster({ seed: "nominated", now: T0 });
    lab.request("POST", "/apis/scheduling.k8s.io/v1/priorityclasses", {
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { name: "high" },
      value: 1000,
    });
    const workers = lab
      .list("", "nodes")
      .filter((n) => !("node-role.kubernetes.io/control-plane" in (n.metadata.labels ?? {})));
    const milli = (n: (typeof workers)[number]) =>
      Number((n.status as { allocatable: { cpu: string } }).allocatable.cpu) * 1000;
    for (const [i, n] of workers.entries()) {
      lab.request("POST", "/api/v1/namespaces/default/pods", pod(`low-${i}`, `${milli(n) - 300}m`));
    }
    lab.advance(5_000);
    lab.request("POST", "/api/v1/namespaces/default/pods", pod("vip", "1", "high"));
    const nominated = (
      lab.get("", "pods", "default", "vip")!.status as { nominatedNodeName: string }
    ).nominatedNodeName;
    expect(nominated).toMatch(/^worker[12]$/);
    // the room is free now, but reserved: a newcomer of lower priority must not take it
    // it would fit exactly where the victim was, were the vip not counted there
    lab.request(
      "POST",
      "/api/v1/namespaces/default/pods",
      pod("newcomer", `${milli(workers[0]!) - 300}m`),
    );
    const newcomer = lab.get("", "pods", "default", "newcomer")!;
    expect((newcomer.spec as { nodeName?: string }).nodeName).toBeUndefined();
    expect(lab.eventsFor("newcomer").map((e) => e.reason)).toContain("FailedScheduling");
    // the victims' deletion sent the vip to backoff (1 s), not to unschedulablePods
    lab.advance(2_000);
    expect((lab.get("", "pods", "default", "vip")!.spec as { nodeName?: string }).nodeName).toBe(
      nominated,
    );
  });
});

describe("kube-scheduler's queue kept between requests", () => {
  const lab = new LabCluster({ seed: "queue", now: T0 });
  const stuck = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "stuck" },
    spec: { nodeSelector: { disk: "ssd" }, containers: [{ name: "c", image: "nginx" }] },
  };
  const parked = () => schedulerMemory(lab.state).queue?.["default/stuck"];
  const nodeOf = () =>
    (lab.get("", "pods", "default", "stuck")!.spec as { nodeName?: string }).nodeName;

  it("parks an unschedulable pod in unschedulablePods and leaves it there on heartbeats", () => {
    lab.request("POST", "/api/v1/namespaces/default/pods", stuck);
    expect(parked()).toMatchObject({
      parked: "unschedulable",
      attempts: 1,
      plugins: ["NodeAffinity", "TaintToleration"],
    });
    lab.advance(60_000);
    expect(parked()?.attempts).toBe(1);
    expect(lab.eventsFor("stuck").find((e) => e.reason === "FailedScheduling")!.count).toBe(1);
  });

  it("moves it on a node change, through backoff, onto the node that now fits", () => {
    lab.request(
      "PATCH",
      "/api/v1/nodes/worker1",
      { metadata: { labels: { disk: "ssd" } } },
      "application/merge-patch+json",
    );
    // a minute after its attempt, its 1 s backoff is over: it is tried at once
    expect(nodeOf()).toBe("worker1");
    expect(parked()).toBeUndefined();
    expect(lab.eventsFor("stuck").map((e) => e.reason)).toContain("Scheduled");
  });
});
