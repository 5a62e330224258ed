import { describe, expect, it } from "vitest";
import { fenceposts, maxScaledDown, newReplicaSetReplicas, resolveIntOrPercent } from "./rolling";

describe("rolling update arithmetic", () => {
  it("resolves percentages: surge rounds up, unavailable rounds down, defaults 25%", () => {
    expect(fenceposts(undefined, 10)).toEqual({ surge: 3, unavailable: 2 });
    expect(fenceposts({ rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }, 4)).toEqual({
      surge: 0,
      unavailable: 1,
    });
    expect(resolveIntOrPercent("50%", 3, true, "25%")).toBe(2);
    expect(resolveIntOrPercent("50%", 3, false, "25%")).toBe(1);
    expect(resolveIntOrPercent(2, 3, false, "25%")).toBe(2);
  });

  it("never exceeds replicas + maxSurge pods and never scales past spec.replicas", () => {
    expect(newReplicaSetReplicas(3, 1, 3, 0)).toBe(1);
    expect(newReplicaSetReplicas(3, 1, 4, 1)).toBe(1);
    expect(newReplicaSetReplicas(3, 5, 3, 0)).toBe(3);
  });

  it("keeps replicas - maxUnavailable available while scaling old pods down", () => {
    expect(maxScaledDown(4, 3, 0, 1)).toBe(0);
    expect(maxScaledDown(4, 3, 0, 0)).toBe(1);
    expect(maxScaledDown(4, 3, 1, 0)).toBe(2);
  });
});
