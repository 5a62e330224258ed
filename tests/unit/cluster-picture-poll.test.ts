import { describe, expect, it } from "vitest";
import { startPoll } from "@/components/cluster-picture/poll";

/** A hand-driven clock and a load whose answers the test releases one by one. */
function harness(visible = () => true) {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const pending: (() => void)[] = [];
  const started: number[] = [];
  const poll = startPoll({
    intervalMs: 3000,
    visible,
    load: () => {
      started.push(now);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
    setTimer: (fn, ms) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id) => void timers.delete(id as number),
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return {
    poll,
    started,
    /** Moves the clock on, firing the timers due. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
    /** Answers the oldest request on its way, and lets the poll react. */
    async answer() {
      pending.shift()?.();
      await flush();
      await flush();
    },
    inFlight: () => pending.length,
  };
}

describe("the cluster picture's poll", () => {
  it("asks at once, then 3 s after each answer", async () => {
    const h = harness();
    expect(h.started).toEqual([0]);
    h.advance(500);
    await h.answer();
    h.advance(2999);
    expect(h.started).toEqual([0]);
    h.advance(1);
    expect(h.started).toEqual([0, 3500]);
  });

  it("never sends a second request while one is on its way, however slow the server", async () => {
    const h = harness();
    h.advance(30_000);
    // A timer every 3 s would have sent 11 by now.
    expect(h.started).toEqual([0]);
    expect(h.inFlight()).toBe(1);
    await h.answer();
    h.advance(3000);
    expect(h.started).toEqual([0, 33_000]);
  });

  it("asks again at once when the cluster changed, after the request on its way", async () => {
    const h = harness();
    await h.answer();
    h.advance(1000);
    h.poll.refresh();
    expect(h.started).toEqual([0, 1000]);
    // Two changes while that one is on its way: one more request once it answers.
    h.poll.refresh();
    h.poll.refresh();
    expect(h.inFlight()).toBe(1);
    h.advance(200);
    await h.answer();
    expect(h.started).toEqual([0, 1000, 1200]);
    await h.answer();
    // The interval counts from that answer, not from the timer of the first one.
    h.advance(2999);
    expect(h.started).toHaveLength(3);
    h.advance(1);
    expect(h.started).toEqual([0, 1000, 1200, 4200]);
  });

  it("skips the intervals while the page is hidden and sends nothing after stop", async () => {
    let shown = false;
    const h = harness(() => shown);
    await h.answer();
    h.advance(9000);
    expect(h.started).toEqual([0]);
    shown = true;
    h.advance(3000);
    expect(h.started).toEqual([0, 12_000]);
    h.poll.stop();
    await h.answer();
    h.poll.refresh();
    h.advance(30_000);
    expect(h.started).toEqual([0, 12_000]);
  });
});
