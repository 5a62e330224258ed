import { describe, expect, it } from "vitest";
import { backoffMs, stepContainer, type ContainerInput } from "./container-status";
import { containerBehaviour } from "./container-behaviour";

const T = Date.UTC(2026, 0, 1);
const base = (
  container: Record<string, unknown>,
  over: Partial<ContainerInput> = {},
): ContainerInput => ({
  container,
  stored: undefined,
  restartPolicy: "Always",
  podStart: T,
  podRef: "p_default",
  podUid: "uid-1",
  imagePresent: () => false,
  now: T,
  ...over,
});

describe("container behaviour convention", () => {
  it("classifies images and commands", () => {
    expect(containerBehaviour({ image: "nginx" }).runMs).toBe(Infinity);
    expect(containerBehaviour({ image: "busybox" })).toMatchObject({ runMs: 100, exitCode: 0 });
    expect(containerBehaviour({ image: "busybox", command: ["sleep", "3600"] })).toMatchObject({
      runMs: 3_600_000,
    });
    expect(containerBehaviour({ image: "busybox", command: ["sh", "-c", "exit 3"] })).toMatchObject(
      { exitCode: 3 },
    );
    expect(
      containerBehaviour({ image: "registry.k8s.io/etcd:3.5.9-0", command: ["etcd", "--name=m"] })
        .runMs,
    ).toBe(Infinity);
    expect(containerBehaviour({ image: "example/crash" })).toMatchObject({ exitCode: 1 });
    expect(containerBehaviour({ image: "nginx:doesnotexist" }).pullable).toBe(false);
  });
});

describe("one container on virtual time", () => {
  it("pulls, then creates and starts, with the kubelet's event texts", () => {
    const first = stepContainer(base({ name: "web", image: "nginx" }));
    expect(first.status.state).toEqual({ waiting: { reason: "ContainerCreating" } });
    expect(first.events.map((e) => e.reason)).toEqual(["Pulling"]);
    expect(first.events[0]!.message).toBe('Pulling image "nginx"');
    const later = stepContainer(
      base({ name: "web", image: "nginx" }, { stored: first.status, now: T + 10_000 }),
    );
    expect(later.events.map((e) => e.reason)).toEqual(["Pulled", "Created", "Started"]);
    expect(later.events[1]!.message).toBe("Created container web");
    expect(later.events[0]!.fieldPath).toBe("spec.containers{web}");
    expect(later.status).toMatchObject({
      started: true,
      restartCount: 0,
      image: "docker.io/library/nginx:latest",
    });
    expect(later.pulled).toEqual(["docker.io/library/nginx:latest"]);
  });

  it("starts at once when the image is present (IfNotPresent)", () => {
    const out = stepContainer(
      base({ name: "web", image: "nginx:1.25" }, { imagePresent: () => true }),
    );
    expect(out.events.map((e) => e.message)).toEqual([
      'Container image "nginx:1.25" already present on machine',
      "Created container web",
      "Started container web",
    ]);
  });

  it("backs off 10 s, 20 s, 40 s ... up to 5 minutes between restarts", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(backoffMs)).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000,
    ]);
    const c = { name: "bad", image: "busybox", command: ["sh", "-c", "exit 1"] };
    const present = { imagePresent: () => true };
    // started at T, exits at T+1s, back-off 10 s → restart at T+11s, exits T+12s, back-off 20 s → T+32s
    const at = (now: number) => stepContainer(base(c, { ...present, now })).status;
    expect(at(T + 5_000)).toMatchObject({
      restartCount: 0,
      state: { waiting: { reason: "CrashLoopBackOff" } },
    });
    expect(at(T + 11_500)).toMatchObject({ restartCount: 1, state: { running: {} } });
    const s = at(T + 20_000);
    expect(s).toMatchObject({
      restartCount: 1,
      lastState: { terminated: { exitCode: 1, reason: "Error" } },
    });
    expect((s.state as { waiting: { message: string } }).waiting.message).toBe(
      "back-off 20s restarting failed container=bad pod=p_default(uid-1)",
    );
    expect(at(T + 33_000)).toMatchObject({ restartCount: 2 });
  });

  it("completes and stays terminated with restartPolicy Never", () => {
    const out = stepContainer(
      base(
        { name: "job", image: "busybox", command: ["sh", "-c", "echo hi"] },
        { restartPolicy: "Never", imagePresent: () => true, now: T + 5_000 },
      ),
    );
    expect(out.status.state).toMatchObject({ terminated: { exitCode: 0, reason: "Completed" } });
  });

  it("restarts a container whose liveness probe fails, with Unhealthy and Killing events", () => {
    const c = {
      name: "web",
      image: "nginx",
      livenessProbe: {
        httpGet: { path: "/fail", port: 80 },
        periodSeconds: 5,
        failureThreshold: 2,
      },
    };
    const out = stepContainer(base(c, { imagePresent: () => true, now: T + 12_000 }));
    const reasons = out.events.map((e) => e.reason);
    expect(reasons).toContain("Unhealthy");
    expect(reasons).toContain("Killing");
    expect(out.events.find((e) => e.reason === "Killing")!.message).toBe(
      "Container web failed liveness probe, will be restarted",
    );
    expect(out.status).toMatchObject({ lastState: { terminated: { exitCode: 137 } } });
  });
});
