import { describe, expect, it } from "vitest";
import { podSummary } from "./pod";

const now = Date.parse("2026-01-01T00:10:00Z");
const meta = { name: "p", namespace: "default", creationTimestamp: "2026-01-01T00:00:00Z" };

describe("podSummary", () => {
  it("counts ready containers and shows Running", () => {
    const s = podSummary(
      {
        metadata: meta,
        spec: { containers: [{ name: "a" }, { name: "b" }] },
        status: {
          phase: "Running",
          containerStatuses: [
            { name: "a", ready: true, restartCount: 0, state: { running: {} } },
            { name: "b", ready: false, restartCount: 0, state: { running: {} } },
          ],
        },
      },
      now,
    );
    expect(s).toEqual({ ready: "1/2", status: "Running", restarts: "0" });
  });

  it("shows the waiting reason and restarts with the last restart's age", () => {
    const s = podSummary(
      {
        metadata: meta,
        spec: { containers: [{ name: "a" }] },
        status: {
          phase: "Running",
          containerStatuses: [
            {
              name: "a",
              restartCount: 3,
              state: { waiting: { reason: "CrashLoopBackOff" } },
              lastState: { terminated: { exitCode: 1, finishedAt: "2026-01-01T00:08:30Z" } },
            },
          ],
        },
      },
      now,
    );
    expect(s.status).toBe("CrashLoopBackOff");
    expect(s.restarts).toBe("3 (90s ago)");
  });

  it("Pending without statuses, Init:n/m while init containers run, Terminating when deleted", () => {
    expect(
      podSummary(
        { metadata: meta, spec: { containers: [{ name: "a" }] }, status: { phase: "Pending" } },
        now,
      ).status,
    ).toBe("Pending");
    const init = podSummary(
      {
        metadata: meta,
        spec: { initContainers: [{ name: "i1" }, { name: "i2" }], containers: [{ name: "a" }] },
        status: {
          phase: "Pending",
          initContainerStatuses: [
            { name: "i1", state: { terminated: { exitCode: 0 } } },
            { name: "i2", state: { running: {} } },
          ],
        },
      },
      now,
    );
    expect(init.status).toBe("Init:1/2");
    const gone = podSummary(
      {
        metadata: { ...meta, deletionTimestamp: "2026-01-01T00:09:00Z" },
        spec: { containers: [{ name: "a" }] },
        status: { phase: "Running" },
      },
      now,
    );
    expect(gone.status).toBe("Terminating");
  });

  it("Completed pods carry the Completed row condition; an init failure reads Init:ExitCode", () => {
    const done = podSummary(
      {
        metadata: meta,
        spec: { containers: [{ name: "a" }] },
        status: {
          phase: "Succeeded",
          containerStatuses: [
            { name: "a", state: { terminated: { exitCode: 0, reason: "Completed" } } },
          ],
        },
      },
      now,
    );
    expect(done.status).toBe("Completed");
    expect(done.ready).toBe("0/1");
    expect(done.conditions?.[0]?.type).toBe("Completed");
    const failed = podSummary(
      {
        metadata: meta,
        spec: { initContainers: [{ name: "i" }], containers: [{ name: "a" }] },
        status: {
          phase: "Pending",
          initContainerStatuses: [{ name: "i", state: { terminated: { exitCode: 2 } } }],
        },
      },
      now,
    );
    expect(failed.status).toBe("Init:ExitCode:2");
  });
});
