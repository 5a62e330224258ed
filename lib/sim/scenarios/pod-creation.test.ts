import { describe, expect, it } from "vitest";
import { LabCluster } from "../cluster/lab-cluster";
import { podManifest, T0 } from "./fixtures";

describe("pod creation end to end (the lesson's sequence diagram)", () => {
  const lab = new LabCluster({ seed: "pod-e2e", now: T0 });
  const res = lab.request("POST", "/api/v1/namespaces/default/pods", podManifest("web"));
  const traces = lab.last!.traces;

  it("answers 201 and the control loops bind and start the pod in the same settle", () => {
    expect(res.code).toBe(201);
    const pod = lab.get("", "pods", "default", "web")!;
    expect((pod.spec as { nodeName?: string }).nodeName).toMatch(/^worker[12]$/);
    const status = pod.status as {
      phase: string;
      containerStatuses: { state: Record<string, { reason?: string }> }[];
    };
    // nginx is not on the node yet: the kubelet is pulling it
    expect(status.phase).toBe("Pending");
    expect(status.containerStatuses[0]!.state.waiting?.reason).toBe("ContainerCreating");
  });

  it("records the conversation: client → apiserver → etcd, scheduler bind, kubelet status", () => {
    const first = traces[0]!;
    expect(first.entries.map((e) => `${e.from}→${e.to}`)).toEqual(
      expect.arrayContaining([
        "client→kube-apiserver",
        "kube-apiserver→authn",
        "kube-apiserver→authz",
        "kube-apiserver→etcd",
      ]),
    );
    const etcdWrite = first.entries.find((e) => e.to === "etcd" && e.revision !== undefined);
    expect(etcdWrite?.revision).toBeGreaterThan(0);
    const uris = traces.map((t) => `${t.verb} ${t.requestURI}`);
    const bind = uris.findIndex((u) => u === "create /api/v1/namespaces/default/pods/web/binding");
    const status = uris.findIndex((u) => u === "update /api/v1/namespaces/default/pods/web/status");
    expect(bind).toBeGreaterThan(0);
    expect(status).toBeGreaterThan(bind);
    const users = lab.last!.audit.map((a) => a.user?.username);
    expect(users).toContain("system:kube-scheduler");
    expect(users.some((u) => u?.startsWith("system:node:worker"))).toBe(true);
  });

  it("shows the scheduler's watch event and decision, and the kubelet's calls to the runtime", () => {
    const bindTrace = traces.find((t) => t.requestURI.endsWith("/pods/web/binding"))!;
    expect(bindTrace.entries.map((e) => `${e.from}→${e.to}:${e.action}`).slice(0, 3)).toEqual([
      "kube-apiserver→scheduler:watch-event",
      "scheduler→scheduler:schedule",
      `scheduler→kube-apiserver:POST /api/v1/namespaces/default/pods/web/binding`,
    ]);
    const kubeletTrace = traces.find((t) => t.requestURI.endsWith("/pods/web/status"))!;
    const steps = kubeletTrace.entries.map((e) => `${e.from}→${e.to}:${e.action}`);
    expect(steps[0]).toBe("kube-apiserver→kubelet:watch-event");
    expect(steps).toContain("kubelet→container-runtime:RunPodSandbox");
    expect(steps).toContain("kubelet→container-runtime:PullImage");
    expect(kubeletTrace.entries.find((e) => e.to === "etcd" && e.revision)).toBeDefined();
    for (const t of [bindTrace, kubeletTrace])
      for (const e of t.entries) expect(e.at).toBe(lab.now);
  });

  it("is Running after the image pull, with the kubelet's events in order", () => {
    lab.advance(5_000);
    const pod = lab.get("", "pods", "default", "web")!;
    const status = pod.status as {
      phase: string;
      podIP: string;
      conditions: { type: string; status: string }[];
    };
    expect(status.phase).toBe("Running");
    expect(status.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(status.conditions.find((c) => c.type === "Ready")?.status).toBe("True");
    const node = (pod.spec as { nodeName: string }).nodeName;
    const events = lab.eventsFor("web").map((e) => e.reason);
    expect(events).toEqual(["Scheduled", "Pulling", "Pulled", "Created", "Started"]);
    expect(lab.eventsFor("web")[0]!.message).toBe(`Successfully assigned default/web to ${node}`);
    expect(lab.eventsFor("web")[2]!.message).toMatch(
      /^Successfully pulled image "nginx" in \d+(\.\d+)?s \(\d+(\.\d+)?s including waiting\)$/,
    );
  });

  it("stops and removes a deleted pod through the kubelet (Killing)", () => {
    const del = lab.request("DELETE", "/api/v1/namespaces/default/pods/web");
    expect(del.code).toBe(200);
    expect(lab.get("", "pods", "default", "web")).toBeUndefined();
    expect(lab.eventsFor("web").map((e) => e.reason)).toContain("Killing");
  });
});

describe("pods that never run", () => {
  const lab = new LabCluster({ seed: "bad-pods", now: T0 });

  it(
    "stays Pending with the FailedScheduling message when nothing fits",
    { timeout: 30_000 },
    () => {
      lab.request(
        "POST",
        "/api/v1/namespaces/default/pods",
        podManifest("big", "nginx", { resources: { requests: { cpu: "64" } } }),
      );
      const pod = lab.get("", "pods", "default", "big")!;
      const cond = (
        pod.status as {
          conditions: { type: string; status: string; reason: string; message: string }[];
        }
      ).conditions[0]!;
      expect(cond).toMatchObject({
        type: "PodScheduled",
        status: "False",
        reason: "Unschedulable",
      });
      expect(cond.message).toBe(
        "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..",
      );
      const events = lab.eventsFor("big");
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: "Warning",
        reason: "FailedScheduling",
        message: cond.message,
      });
      // parked in unschedulablePods: no cluster event helps, so no retry within 30 s...
      lab.advance(30_000);
      expect(lab.eventsFor("big")[0]!.count).toBe(1);
      // ...until the queue's 5-minute leftover flush tries it again
      lab.advance(5 * 60_000);
      expect(lab.eventsFor("big")[0]!.count).toBe(2);
    },
  );

  it("goes into CrashLoopBackOff with growing back-off for a crashing image", () => {
    lab.request(
      "POST",
      "/api/v1/namespaces/default/pods",
      podManifest("crasher", "example/crash:1"),
    );
    lab.advance(60_000);
    const pod = lab.get("", "pods", "default", "crasher")!;
    const cs = (
      pod.status as {
        containerStatuses: {
          restartCount: number;
          state: { waiting?: { reason: string } };
          lastState: { terminated?: { exitCode: number; reason: string } };
        }[];
      }
    ).containerStatuses[0]!;
    expect(cs.restartCount).toBeGreaterThanOrEqual(2);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    const backoff = lab.eventsFor("crasher").find((e) => e.reason === "BackOff")!;
    expect(backoff.type).toBe("Warning");
    expect(backoff.message).toMatch(
      /^Back-off restarting failed container crasher in pod crasher_default\(/,
    );
    expect(backoff.count).toBeGreaterThanOrEqual(2);
  });

  it("reports ErrImagePull then ImagePullBackOff for an image that does not exist", () => {
    lab.request(
      "POST",
      "/api/v1/namespaces/default/pods",
      podManifest("ghost", "nginx:doesnotexist"),
    );
    lab.advance(20_000);
    const pod = lab.get("", "pods", "default", "ghost")!;
    const cs = (pod.status as { containerStatuses: { state: { waiting?: { reason: string } } }[] })
      .containerStatuses[0]!;
    expect(cs.state.waiting?.reason).toBe("ImagePullBackOff");
    const reasons = lab.eventsFor("ghost").map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(["Pulling", "Failed", "BackOff"]));
  });
});
