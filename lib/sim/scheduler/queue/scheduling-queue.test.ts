import { describe, expect, it } from "vitest";
import { ManualClock } from "../../clock";
import { makePod } from "../testing/fixtures";
import { needsScheduling, SchedulingQueue } from "./scheduling-queue";

const T0 = Date.parse("2024-01-01T00:00:00Z");

describe("SchedulingQueue ordering (PrioritySort)", () => {
  it("pops higher priority first, then the pod queued earlier", () => {
    const clock = new ManualClock(T0);
    const q = new SchedulingQueue(clock);
    q.add(makePod("low-early", { priority: 0 }));
    clock.advance(1000);
    q.add(makePod("high", { priority: 1000 }));
    q.add(makePod("low-late", { priority: 0 }));
    clock.advance(1000);
    q.add(makePod("system", { priority: 2000000000 }));
    expect(q.pending().active).toEqual([
      "default/system",
      "default/high",
      "default/low-early",
      "default/low-late",
    ]);
    const order = [];
    for (let p = q.pop(); p; p = q.pop()) order.push(p.podInfo.name);
    expect(order).toEqual(["system", "high", "low-early", "low-late"]);
    expect(q.schedulingCycle).toBe(4);
  });
});

describe("SchedulingQueue backoff", () => {
  it("doubles from 1s per attempt up to 10s", () => {
    const clock = new ManualClock(T0);
    const q = new SchedulingQueue(clock);
    q.add(makePod("p"));
    const durations: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const info = q.pop()!;
      expect(info.attempts).toBe(attempt);
      const cycle = q.schedulingCycle;
      q.moveAllToActiveOrBackoff(); // a cluster event during the attempt → straight to backoffQ
      q.addUnschedulable(info, cycle, ["NodeResourcesFit"]);
      durations.push(q.nextBackoffExpiry()! - clock.now());
      expect(q.pending().backoff).toEqual(["default/p"]);
      clock.advance(durations.at(-1)! - 1);
      q.flush();
      expect(q.pending().active).toEqual([]);
      clock.advance(1);
      q.flush();
      expect(q.pending().active).toEqual(["default/p"]);
    }
    expect(durations).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it("parks a failed pod until a cluster event, then retries it (after backoff)", () => {
    const clock = new ManualClock(T0);
    const q = new SchedulingQueue(clock);
    q.add(makePod("p"));
    const info = q.pop()!;
    q.addUnschedulable(info, q.schedulingCycle);
    expect(q.pending().unschedulable).toEqual(["default/p"]);
    clock.advance(60_000);
    q.flush();
    expect(q.pending().unschedulable).toEqual(["default/p"]);
    q.moveAllToActiveOrBackoff();
    expect(q.pending().active).toEqual(["default/p"]);
  });

  it("moves pods still backing off to backoffQ on a cluster event", () => {
    const clock = new ManualClock(T0);
    const q = new SchedulingQueue(clock);
    q.add(makePod("p"));
    const info = q.pop()!;
    q.addUnschedulable(info, q.schedulingCycle);
    clock.advance(500);
    q.moveAllToActiveOrBackoff();
    expect(q.pending().backoff).toEqual(["default/p"]);
  });

  it("flushes pods parked for more than 5 minutes", () => {
    const clock = new ManualClock(T0);
    const q = new SchedulingQueue(clock);
    q.add(makePod("p"));
    q.addUnschedulable(q.pop()!, q.schedulingCycle);
    clock.advance(5 * 60_000);
    q.flush();
    expect(q.pending().unschedulable).toEqual(["default/p"]);
    clock.advance(1);
    q.flush();
    expect(q.pending().active).toEqual(["default/p"]);
  });
});

describe("SchedulingQueue scheduling gates", () => {
  it("holds gated pods until their gates are removed", () => {
    const clock = new ManualClock(T0);
    const q = new SchedulingQueue(clock);
    const gated = makePod("gated", { spec: { schedulingGates: [{ name: "example.com/wait" }] } });
    q.add(gated);
    expect(q.pending().gated).toEqual(["default/gated"]);
    expect(q.pop()).toBeUndefined();
    q.update(makePod("gated"));
    expect(q.pop()!.podInfo.name).toBe("gated");
  });

  it("forgets deleted pods", () => {
    const q = new SchedulingQueue(new ManualClock(T0));
    q.add(makePod("p"));
    q.delete("default/p");
    expect(q.pop()).toBeUndefined();
  });
});

describe("SchedulingQueue updates", () => {
  it("leaves a parked pod parked on status-only updates, moves it on spec changes", () => {
    const clock = new ManualClock(T0);
    const q = new SchedulingQueue(clock);
    const pod = makePod("p", { requests: { cpu: "8" } });
    q.add(pod);
    q.addUnschedulable(q.pop()!, q.schedulingCycle);
    clock.advance(2000);
    q.update({
      ...pod,
      metadata: { ...pod.metadata, resourceVersion: "42" },
      status: { phase: "Pending" },
    });
    expect(q.pending().unschedulable).toEqual(["default/p"]);
    q.update(makePod("p", { requests: { cpu: "1" } }));
    expect(q.pending().active).toEqual(["default/p"]);
  });
});

describe("needsScheduling", () => {
  it("takes only unbound, live pods addressed to this scheduler", () => {
    expect(needsScheduling(makePod("p"))).toBe(true);
    expect(needsScheduling(makePod("bound", { nodeName: "worker1" }))).toBe(false);
    expect(needsScheduling(makePod("other", { spec: { schedulerName: "my-scheduler" } }))).toBe(
      false,
    );
    expect(
      needsScheduling(makePod("mine", { spec: { schedulerName: "my-scheduler" } }), "my-scheduler"),
    ).toBe(true);
    const leaving = makePod("leaving");
    leaving.metadata.deletionTimestamp = "2024-01-01T00:00:00Z";
    expect(needsScheduling(leaving)).toBe(false);
    expect(needsScheduling({ ...makePod("done"), status: { phase: "Succeeded" } })).toBe(false);
  });
});

describe("SchedulingQueue kept between runs (restore / parked)", () => {
  it("puts pods back where they waited, with their attempts, and hands them out again", () => {
    const clock = new ManualClock(T0);
    const q = new SchedulingQueue(clock);
    q.restore(makePod("waiting"), {
      attempts: 2,
      timestamp: T0 - 500,
      parked: "backoff",
      plugins: ["NodeResourcesFit"],
    });
    q.restore(makePod("parked"), {
      attempts: 1,
      timestamp: T0 - 60_000,
      parked: "unschedulable",
      plugins: ["NodeAffinity"],
    });
    expect(q.pending()).toMatchObject({
      active: [],
      backoff: ["default/waiting"],
      unschedulable: ["default/parked"],
    });
    // attempt 2 backs off 2 s from its queue time
    expect(q.nextBackoffExpiry()).toBe(T0 + 1_500);
    clock.advance(1_500);
    q.flush();
    expect(q.pop()?.podInfo.name).toBe("waiting");
    const saved = q.parked().map((p) => [p.info.podInfo.name, p.parked, p.info.attempts]);
    expect(saved).toEqual([["parked", "unschedulable", 1]]);
    // only pods rejected by an interested plugin move on a filtered event
    q.moveAllToActiveOrBackoff((p) => p.unschedulablePlugins.has("InterPodAffinity"));
    expect(q.pending().unschedulable).toEqual(["default/parked"]);
    q.moveAllToActiveOrBackoff();
    expect(q.pending().active).toEqual(["default/parked"]);
  });
});
