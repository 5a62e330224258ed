import { describe, expect, it } from "vitest";
import type { KubeObject } from "../apiserver/object";
import { containerLogs, LogsError } from "./logs";

const T = Date.UTC(2026, 0, 5, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

const pod = (container: Record<string, unknown>, status: Record<string, unknown>): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace: "default" },
  spec: { nodeName: "worker1", containers: [{ name: "c", ...container }] },
  status: { podIP: "10.244.1.7", containerStatuses: [{ name: "c", ...status }] },
});
const running = (at = T) => ({ state: { running: { startedAt: iso(at) } } });

describe("container logs", () => {
  it("prints what an echo command printed", () => {
    const p = pod(
      { image: "busybox", command: ["sh", "-c", "echo hello world"] },
      { state: { terminated: { startedAt: iso(T), finishedAt: iso(T + 1000) } } },
    );
    expect(containerLogs(p, { now: T + 60_000 })).toBe("hello world\n");
  });

  it("a loop writes one line per sleep interval of virtual time", () => {
    const p = pod(
      { image: "busybox", command: ["sh", "-c", "while true; do echo tick; sleep 5; done"] },
      running(),
    );
    expect(containerLogs(p, { now: T })).toBe("tick\n");
    expect(containerLogs(p, { now: T + 4_999 })).toBe("tick\n");
    expect(containerLogs(p, { now: T + 12_000 })).toBe("tick\ntick\ntick\n");
    expect(containerLogs(p, { now: T + 12_000, timestamps: true })).toBe(
      "2026-01-05T09:00:00.000000000Z tick\n" +
        "2026-01-05T09:00:05.000000000Z tick\n" +
        "2026-01-05T09:00:10.000000000Z tick\n",
    );
  });

  it("runs the counter example of the Kubernetes logging docs", () => {
    const script = 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done';
    const p = pod({ image: "busybox:1.28", args: ["/bin/sh", "-c", script] }, running());
    expect(containerLogs(p, { now: T + 2_500 })).toBe(
      "0: Mon Jan  5 09:00:00 UTC 2026\n" +
        "1: Mon Jan  5 09:00:01 UTC 2026\n" +
        "2: Mon Jan  5 09:00:02 UTC 2026\n",
    );
    // Days later only the newest lines are kept, and the counter is where the loop got to.
    const day = containerLogs(p, { now: T + 86_400_000, tailLines: 1 });
    expect(day).toBe("86400: Tue Jan  6 09:00:00 UTC 2026\n");
  });

  it("tailLines and sinceSeconds select the newest lines", () => {
    const p = pod(
      { image: "busybox", command: ["sh", "-c", "while :; do echo $HOSTNAME; sleep 10; done"] },
      running(),
    );
    expect(containerLogs(p, { now: T + 60_000, tailLines: 2 })).toBe("p\np\n");
    expect(containerLogs(p, { now: T + 60_000, sinceSeconds: 15 }).split("\n")).toHaveLength(3);
  });

  it("sinceTime keeps lines at or after it; limitBytes truncates the answer", () => {
    const p = pod(
      { image: "busybox", command: ["sh", "-c", "while true; do echo tick; sleep 5; done"] },
      running(),
    );
    const now = T + 12_000;
    expect(containerLogs(p, { now, sinceTime: T + 5_000, timestamps: true })).toBe(
      "2026-01-05T09:00:05.000000000Z tick\n2026-01-05T09:00:10.000000000Z tick\n",
    );
    expect(containerLogs(p, { now, limitBytes: 7 })).toBe("tick\nti");
    expect(containerLogs(p, { now, limitBytes: 100 })).toBe("tick\ntick\ntick\n");
  });

  it("says the container is waiting while it is being created, as kubectl shows it", () => {
    const p = pod({ image: "nginx" }, { state: { waiting: { reason: "ContainerCreating" } } });
    expect(() => containerLogs(p)).toThrow(LogsError);
    expect(() => containerLogs(p)).toThrow(
      'container "c" in pod "p" is waiting to start: ContainerCreating',
    );
  });

  it("a waiting container shows its last run's log, or the kubelet's waiting reason", () => {
    const crashing = pod(
      { image: "busybox", command: ["sh", "-c", "echo boom; exit 1"] },
      {
        state: { waiting: { reason: "CrashLoopBackOff" } },
        lastState: { terminated: { startedAt: iso(T), finishedAt: iso(T + 1000), exitCode: 1 } },
      },
    );
    expect(containerLogs(crashing, { now: T + 30_000 })).toBe("boom\n");
    const pull = (reason: string) =>
      pod({ image: "nginx:doesnotexist" }, { state: { waiting: { reason } } });
    expect(() => containerLogs(pull("ErrImagePull"))).toThrow(
      'container "c" in pod "p" is waiting to start: image can\'t be pulled',
    );
    expect(() => containerLogs(pull("ImagePullBackOff"))).toThrow(
      'container "c" in pod "p" is waiting to start: trying and failing to pull image',
    );
  });

  it("has no previous log before a restart; --previous reads the last run", () => {
    const p = pod({ image: "nginx" }, { ...running(), lastState: {} });
    expect(() => containerLogs(p, { container: "c", previous: true })).toThrow(
      'previous terminated container "c" in pod "p" not found',
    );
    expect(containerLogs(p, { now: T })).toContain("Configuration complete; ready for start up");
    const restarted = pod(
      { image: "busybox", command: ["sh", "-c", "echo started at $(date); sleep 3; exit 1"] },
      {
        ...running(T + 20_000),
        lastState: { terminated: { startedAt: iso(T), finishedAt: iso(T + 3000) } },
      },
    );
    expect(containerLogs(restarted, { previous: true, now: T + 30_000 })).toBe(
      "started at Mon Jan 5 09:00:00 UTC 2026\n",
    );
    expect(containerLogs(restarted, { now: T + 30_000 })).toBe(
      "started at Mon Jan 5 09:00:20 UTC 2026\n",
    );
  });

  it("nginx logs each httpGet probe as an access line from the pod network's gateway", () => {
    const p = pod(
      {
        image: "nginx:1.25",
        readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 10 },
      },
      running(),
    );
    const lines = containerLogs(p, { now: T + 25_000 })
      .trimEnd()
      .split("\n");
    expect(lines.slice(-3)).toEqual([
      '10.244.1.1 - - [05/Jan/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.28" "-"',
      '10.244.1.1 - - [05/Jan/2026:09:00:10 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.28" "-"',
      '10.244.1.1 - - [05/Jan/2026:09:00:20 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.28" "-"',
    ]);
    expect(lines).toContain("2026/01/05 09:00:00 [notice] 1#1: start worker processes");
  });
});
