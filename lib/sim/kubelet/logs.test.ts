import { describe, expect, it } from "vitest";
import type { KubeObject } from "../apiserver/object";
import { containerLogs, LogsError } from "./logs";

const pod = (container: Record<string, unknown>, status: Record<string, unknown>): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace: "default" },
  spec: { containers: [{ name: "c", ...container }] },
  status: { containerStatuses: [{ name: "c", ...status }] },
});

describe("container logs", () => {
  it("prints what an echo command printed", () => {
    const p = pod(
      { image: "busybox", command: ["sh", "-c", "echo hello world"] },
      { state: { terminated: { startedAt: "2026-01-01T00:00:00Z" } } },
    );
    expect(containerLogs(p)).toBe("hello world\n");
  });

  it("says the container is waiting while it is being created, as kubectl shows it", () => {
    const p = pod({ image: "nginx" }, { state: { waiting: { reason: "ContainerCreating" } } });
    expect(() => containerLogs(p)).toThrow(LogsError);
    expect(() => containerLogs(p)).toThrow(
      'container "c" in pod "p" is waiting to start: ContainerCreating',
    );
  });

  it("has no previous log before a restart", () => {
    const p = pod(
      { image: "nginx" },
      { state: { running: { startedAt: "2026-01-01T00:00:00Z" } }, lastState: {} },
    );
    expect(() => containerLogs(p, "c", true)).toThrow(
      'previous terminated container "c" in pod "p" not found',
    );
    expect(containerLogs(p)).toContain("Configuration complete; ready for start up");
  });
});
