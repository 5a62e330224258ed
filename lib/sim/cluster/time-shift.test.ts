import { describe, expect, it } from "vitest";
import { createSandbox } from "../engine";
import { logRows } from "../store/types";
import { StoreWriter } from "../store/writer";
import { shiftState, shiftTimestamps, TimeShiftError } from "./time-shift";

describe("moving a state in virtual time", () => {
  it("moves RFC 3339 timestamps of every precision by whole seconds, across days", () => {
    const text = `{"a":"2025-12-31T23:59:00Z","b":"2025-12-31T23:59:59.123456Z","c":"2025-12-31T23:59:30.000000000Z","d":"not 2025-12-31"}`;
    expect(shiftTimestamps(text, 61_000)).toBe(
      `{"a":"2026-01-01T00:00:01Z","b":"2026-01-01T00:01:00.123456Z","c":"2026-01-01T00:00:31.000000000Z","d":"not 2025-12-31"}`,
    );
    expect(shiftTimestamps(shiftTimestamps(text, 86_400_000), -86_400_000)).toBe(text);
  });

  it("renames events by their nanosecond suffix, moves lease expiries, a bootstrap token's expiry and the clock", () => {
    const t0 = Date.UTC(2026, 0, 1);
    const base = createSandbox({ seed: "shift", now: t0 });
    const w = new StoreWriter(base.state.store, t0);
    const nanos = (BigInt(t0) * 1_000_000n + 7n).toString(16);
    w.put(
      `/registry/events/default/web.${nanos}`,
      `{"metadata":{"name":"web.${nanos}","creationTimestamp":"2026-01-01T00:00:00Z"}}`,
    );
    w.put(
      "/registry/secrets/kube-system/bootstrap-token-abcdef",
      `{"data":{"expiration":"${btoa("2026-01-02T00:00:00Z")}"}}`,
    );
    w.grantLease(60);
    const store = w.commit().state;
    const state = { ...base.state, store };
    const moved = shiftState(state, 5_000);
    expect(moved.time).toBe(t0 + 5_000);
    const later = (BigInt(t0 + 5_000) * 1_000_000n + 7n).toString(16);
    const rows = logRows(moved.store.log);
    const ev = rows.find((r) => r.key.startsWith("/registry/events/"))!;
    expect(ev.key).toBe(`/registry/events/default/web.${later}`);
    expect(ev.value).toBe(
      `{"metadata":{"name":"web.${later}","creationTimestamp":"2026-01-01T00:00:05Z"}}`,
    );
    expect(moved.store.live.get(ev.key)).toBe(ev);
    expect(moved.store.live.has(`/registry/events/default/web.${nanos}`)).toBe(false);
    const token = rows.find((r) => r.key.includes("bootstrap-token"))!;
    expect(token.value).toBe(`{"data":{"expiration":"${btoa("2026-01-02T00:00:05Z")}"}}`);
    const [lease] = [...moved.store.leases.values()];
    expect(lease!.expiresAt).toBe([...store.leases.values()][0]!.expiresAt + 5_000);
    expect(moved.store.revision).toBe(store.revision);
    // The original is a value: untouched.
    expect(logRows(state.store.log).find((r) => r.key.startsWith("/registry/events/"))!.key).toBe(
      `/registry/events/default/web.${nanos}`,
    );
  });

  it("refuses a shift that is not whole seconds", () => {
    const { state } = createSandbox({ seed: "shift", now: 0 });
    expect(() => shiftState(state, 1500)).toThrow(TimeShiftError);
    expect(shiftState(state, 0)).toBe(state);
  });
});
