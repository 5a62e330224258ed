import { describe, expect, it } from "vitest";
import { Rng } from "../random";
import { addMember, createCluster, hasQuorum, quorumSize, stopMember } from "./cluster";

describe("addMember", () => {
  it("a joined member counts towards the quorum and is caught up to the ConfChange entry", () => {
    const one = createCluster([{ name: "master1", address: "192.168.56.10" }], Rng.fromSeed("a"));
    const two = addMember(one, { name: "master2", address: "192.168.56.11" }, Rng.fromSeed("b"));
    expect(two.members.map((m) => m.name)).toEqual(["master1", "master2"]);
    expect(two.raftIndex).toBe(one.raftIndex + 1);
    expect(two.members[1]).toMatchObject({
      clientURL: "https://192.168.56.11:2379",
      appliedIndex: two.raftIndex,
      running: true,
    });
    expect(quorumSize(two.members.length)).toBe(2);
    // With two members, losing either one loses the quorum (the seed's table).
    expect(hasQuorum(stopMember(two, "master2"))).toBe(false);
  });
});
