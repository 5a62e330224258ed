import { describe, expect, it } from "vitest";
import { Rng } from "../random";
import { createCluster, partitionMember, stopMember } from "./cluster";
import { memberHealth, memberStatus } from "./health";

const specs = [1, 2, 3].map((i) => ({ name: `cp-${i}`, address: `10.0.0.${i}` }));

describe("etcd member health and status", () => {
  it("reports healthy members on the leader's side and unhealthy isolated ones", () => {
    const c = partitionMember(createCluster(specs, Rng.fromSeed("h")), "cp-3");
    const [m1, , m3] = c.members;
    expect(memberHealth(c, m1!)).toEqual({ endpoint: "https://10.0.0.1:2379", health: true });
    expect(memberHealth(c, m3!)).toMatchObject({
      health: false,
      error: "failed to commit proposal: context deadline exceeded",
    });
    expect(memberStatus(c, m3!, 20480)).toMatchObject({
      leader: "0",
      isLeader: false,
      errors: ["etcdserver: no leader"],
    });
    expect(memberStatus(c, m1!, 20480)).toMatchObject({
      isLeader: true,
      version: "3.5.9",
      dbSize: 20480,
      errors: [],
    });
  });

  it("a stopped member answers nothing", () => {
    const c = stopMember(createCluster(specs, Rng.fromSeed("h")), "cp-2");
    expect(memberStatus(c, c.members[1]!, 1)).toBeUndefined();
    expect(memberHealth(c, c.members[1]!).health).toBe(false);
  });
});
