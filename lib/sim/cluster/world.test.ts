import { describe, expect, it } from "vitest";
import { stateFromParts, stateMeta } from "../state-codec";
import { logRows } from "../store/types";
import { createClusterSandbox } from "./default-cluster";
import { machineRunning, powerMachine } from "./world";

describe("the world outside the API", () => {
  const { state } = createClusterSandbox({ seed: "world", now: Date.UTC(2026, 0, 1) });

  it("knows the machines and their static pods", () => {
    expect(Object.keys(state.world!.machines)).toEqual(["master1", "worker1", "worker2"]);
    expect(state.world!.staticPods.master1!.map((p) => p.metadata.name)).toEqual([
      "etcd-master1",
      "kube-apiserver-master1",
      "kube-controller-manager-master1",
      "kube-scheduler-master1",
    ]);
  });

  it("survives persistence (metadata + rows)", () => {
    const back = stateFromParts(stateMeta(state), logRows(state.store.log));
    expect(back.world).toEqual(state.world);
  });

  it("stops the stacked etcd member with its machine", () => {
    const off = powerMachine(state, "master1", false);
    expect(machineRunning(off, "master1")).toBe(false);
    expect(off.etcd.members.find((m) => m.name === "master1")?.running).toBe(false);
    const on = powerMachine(off, "master1", true);
    expect(on.etcd.members.find((m) => m.name === "master1")?.running).toBe(true);
    expect(() => powerMachine(state, "nope", false)).toThrow(RangeError);
  });
});
