import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../apiserver/object";
import { formatTime } from "../../clock";
import { correlate, type CorrelatorInput, type CorrelatorSource } from "./event-correlator";

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const RS = { component: "replicaset-controller" };

/** A recorder over an in-memory event list, applying what correlate decides. */
function recorder() {
  const events: KubeObject[] = [];
  let writes = 0;
  const record = (source: CorrelatorSource, input: Partial<CorrelatorInput>, now = T0) => {
    const full: CorrelatorInput = {
      involvedUid: "rs-uid",
      type: "Normal",
      reason: "SuccessfulCreate",
      message: "",
      ...input,
    };
    const v = correlate(events, source, full, now);
    if (v.action === "skip") return v.action;
    writes++;
    if (v.action === "update") {
      const i = events.indexOf(v.event);
      events[i] = {
        ...v.event,
        count: Number(v.event.count) + 1,
        message: v.message,
        lastTimestamp: formatTime(now),
      };
    } else {
      events.push({
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: `e${events.length}` },
        involvedObject: {
          uid: full.involvedUid,
          ...(full.fieldPath ? { fieldPath: full.fieldPath } : {}),
        },
        source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
        type: full.type,
        reason: full.reason,
        message: v.message,
        count: 1,
        firstTimestamp: formatTime(now),
        lastTimestamp: formatTime(now),
      });
    }
    return v.action;
  };
  return { events, record, writes: () => writes };
}

describe("event correlation (client-go EventCorrelator)", () => {
  it("combines the 10th distinct message of a reason into one Event and counts the rest on it", () => {
    const r = recorder();
    for (let i = 0; i < 12; i++) r.record(RS, { message: `Created pod: web-${i}` });
    expect(r.events).toHaveLength(10);
    expect(r.events.slice(0, 9).map((e) => [e.message, e.count])).toEqual(
      Array.from({ length: 9 }, (_, i) => [`Created pod: web-${i}`, 1]),
    );
    expect(r.events[9]).toMatchObject({
      reason: "SuccessfulCreate",
      message: "(combined from similar events): Created pod: web-11",
      count: 3,
    });
  });

  it("lets a source write 25 Events about one object, then one per 5 minutes", () => {
    const r = recorder();
    const outcomes = Array.from({ length: 100 }, (_, i) =>
      r.record(RS, { message: `Created pod: web-${i}` }),
    );
    // 9 Events, the combined one, 15 more counts on it: 25 writes, 75 dropped.
    expect(r.writes()).toBe(25);
    expect(outcomes.filter((o) => o === "skip")).toHaveLength(75);
    expect(r.events).toHaveLength(10);
    expect(r.events[9]).toMatchObject({
      message: "(combined from similar events): Created pod: web-24",
      count: 16,
    });
    expect(r.record(RS, { message: "Created pod: late" }, T0 + 299_000)).toBe("skip");
    expect(r.record(RS, { message: "Created pod: late" }, T0 + 300_000)).toBe("update");
    expect(r.record(RS, { message: "Created pod: later" }, T0 + 301_000)).toBe("skip");
    // Another source (or another object) has its own bucket.
    expect(r.record({ component: "kubelet", host: "worker1" }, { reason: "Pulled" })).toBe(
      "create",
    );
    expect(r.record(RS, { involvedUid: "other", message: "x" })).toBe("create");
  });

  it("counts an identical Event on the stored one (same reason, message and field)", () => {
    const r = recorder();
    const source = { component: "kubelet", host: "worker1" };
    const backOff = {
      involvedUid: "pod-uid",
      type: "Warning",
      reason: "BackOff",
      message: "Back-off restarting failed container app in pod web_default(pod-uid)",
      fieldPath: "spec.containers{app}",
    };
    expect(r.record(source, backOff)).toBe("create");
    expect(r.record(source, backOff, T0 + 10_000)).toBe("update");
    expect(r.record(source, { ...backOff, fieldPath: "spec.containers{side}" })).toBe("create");
    expect(r.events).toHaveLength(2);
    expect(r.events[0]).toMatchObject({ count: 2, lastTimestamp: formatTime(T0 + 10_000) });
  });

  it("starts a fresh aggregation group after 10 minutes without a similar Event", () => {
    const r = recorder();
    for (let i = 0; i < 9; i++) r.record(RS, { message: `Created pod: a-${i}` });
    const later = T0 + 601_000;
    expect(r.record(RS, { message: "Created pod: b-0" }, later)).toBe("create");
    expect(r.events.at(-1)!.message).toBe("Created pod: b-0");
  });
});
