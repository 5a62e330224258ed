import { describe, expect, it } from "vitest";
import { LabCluster } from "@/lib/sim";
import { getObject } from "@/lib/sim/controllers/shared/cache";
import { hasQuorum } from "@/lib/sim/etcd/cluster";
import { LabError } from "../lab-error";
import { applyLabControl, labControlSchema } from "./lab-control";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

describe("lab control panel", () => {
  const lab = new LabCluster({ seed: "control", now: T0 });

  it("stops and starts an etcd member (one member: quorum lost, then back)", () => {
    const stopped = applyLabControl(
      lab.state,
      { action: "etcd-stop", target: "master1" },
      lab.engine,
    );
    expect(stopped.message).toBe("etcd 멤버 master1 중지");
    expect(hasQuorum(stopped.state.etcd)).toBe(false);
    expect(hasQuorum(lab.state.etcd)).toBe(true); // states are values
    const started = applyLabControl(
      stopped.state,
      { action: "etcd-start", target: "master1" },
      lab.engine,
    );
    expect(hasQuorum(started.state.etcd)).toBe(true);
  });

  it("powers a machine off; fast-forward makes its node NotReady after the 40 s grace", () => {
    const off = applyLabControl(lab.state, { action: "power-off", target: "worker2" }, lab.engine);
    expect(off.state.world?.machines.worker2?.running).toBe(false);
    const later = applyLabControl(off.state, { action: "fast-forward", seconds: 60 }, lab.engine);
    expect(later.advancedMs).toBe(60_000);
    expect(later.state.time).toBe(lab.state.time + 60_000);
    const node = getObject(later.state, "", "nodes", undefined, "worker2")!;
    const ready = (
      node.status as { conditions: { type: string; status: string }[] }
    ).conditions.find((c) => c.type === "Ready");
    expect(ready?.status).toBe("Unknown");
    expect(later.changes.appended.length).toBeGreaterThan(0);
  });

  it("refuses unknown targets with a Korean message, and bad input by schema", () => {
    expect(() =>
      applyLabControl(lab.state, { action: "etcd-stop", target: "etcd9" }, lab.engine),
    ).toThrow(new LabError("unknown-target", 'etcd 멤버 "etcd9"이(가) 없습니다. 멤버: master1'));
    expect(() =>
      applyLabControl(lab.state, { action: "power-on", target: "nope" }, lab.engine),
    ).toThrow(/머신 "nope"이\(가\) 없습니다/);
    expect(labControlSchema.safeParse({ action: "fast-forward", seconds: 7200 }).success).toBe(
      false,
    );
    expect(labControlSchema.safeParse({ action: "reboot", target: "x" }).success).toBe(false);
  });
});
