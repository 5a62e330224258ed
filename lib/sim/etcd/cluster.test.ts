import { describe, expect, it } from "vitest";
import { Rng } from "../random";
import {
  commitEntry,
  createCluster,
  currentTerm,
  faultTolerance,
  hasQuorum,
  healMember,
  leader,
  partitionMember,
  quorumSize,
  startMember,
  stopMember,
} from "./cluster";
import { requireLinearizableRead, requireSerializableRead, requireWrite } from "./quorum";

function cluster(n: number) {
  const specs = Array.from({ length: n }, (_, i) => ({
    name: `cp-${i + 1}`,
    address: `192.168.56.${10 + i}`,
  }));
  return createCluster(specs, Rng.fromSeed("etcd"));
}

describe("etcd cluster quorum", () => {
  it("matches the quorum table for 1, 3, 5 and 7 members", () => {
    expect([1, 3, 5, 7].map((n) => [quorumSize(n), faultTolerance(n)])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 3],
    ]);
    expect([2, 4, 6].map(faultTolerance)).toEqual([0, 1, 2]);
  });

  it.each([
    [1, 0],
    [3, 1],
    [5, 2],
    [7, 3],
  ])("with %i members commits writes until more than %i members are down", (n, tolerated) => {
    let c = cluster(n);
    for (let i = 0; i < tolerated; i++) c = stopMember(c, `cp-${n - i}`);
    expect(hasQuorum(c)).toBe(true);
    expect(() => requireWrite(c)).not.toThrow();
    c = stopMember(c, `cp-${n - tolerated}`);
    expect(hasQuorum(c)).toBe(false);
    expect(() => requireWrite(c)).toThrow("etcdserver: request timed out");
    expect(() => requireLinearizableRead(c)).toThrow("etcdserver: request timed out");
    if (n > 1) expect(requireSerializableRead(c).running).toBe(true);
  });
});

describe("etcd leader election", () => {
  it("elects a new leader in a higher term when the leader stops, deterministically", () => {
    const c0 = cluster(3);
    const first = leader(c0)!;
    const term0 = currentTerm(c0);
    const c1 = stopMember(c0, first.name);
    const next = leader(c1)!;
    expect(next.id).not.toBe(first.id);
    expect(currentTerm(c1)).toBe(term0 + 1);
    expect(leader(stopMember(c0, first.name))!.id).toBe(next.id);
    // the old leader rejoins as a follower and learns the new term
    const c2 = startMember(c1, first.name);
    expect(leader(c2)!.id).toBe(next.id);
    expect(c2.members.find((m) => m.id === first.id)!.term).toBe(term0 + 1);
  });

  it("prefers the member with the most complete log", () => {
    let c = cluster(3);
    c = stopMember(c, "cp-2"); // cp-2 misses the next write
    c = requireWrite(c);
    c = stopMember(c, "cp-1"); // leader gone, 1 of 3 left: no leader
    expect(c.leaderId).toBeNull();
    c = startMember(c, "cp-2"); // cp-2 and cp-3 form a quorum; cp-3 has the newer log
    expect(leader(c)!.name).toBe("cp-3");
    expect(c.members.find((m) => m.name === "cp-2")!.appliedIndex).toBe(c.raftIndex);
  });

  it("a partitioned leader loses leadership; the majority side keeps committing", () => {
    let c = cluster(5);
    const old = leader(c)!;
    c = partitionMember(c, old.name);
    expect(leader(c)!.id).not.toBe(old.id);
    const before = c.members.find((m) => m.id === old.id)!.appliedIndex;
    c = requireWrite(c);
    expect(c.members.find((m) => m.id === old.id)!.appliedIndex).toBe(before);
    c = healMember(c, old.name);
    expect(c.members.find((m) => m.id === old.id)!.appliedIndex).toBe(c.raftIndex);
  });

  it("without a majority no side elects a leader and the term does not grow (pre-vote)", () => {
    let c = cluster(3);
    c = stopMember(c, "cp-2");
    const term = currentTerm(c);
    c = partitionMember(c, "cp-1");
    expect(c.leaderId).toBeNull();
    expect(currentTerm(c)).toBe(term);
    c = healMember(c, "cp-1");
    expect(hasQuorum(c)).toBe(true);
  });

  it("rejects clusters outside 1..7 members", () => {
    expect(() => cluster(0)).toThrow(RangeError);
    expect(() => cluster(8)).toThrow(RangeError);
  });
});

describe("etcd commits", () => {
  it("a committed entry reaches the leader's side only; members already there stay the same objects", () => {
    let c = cluster(5);
    c = stopMember(c, "cp-5");
    c = partitionMember(c, "cp-4");
    const stopped = c.members.find((m) => m.name === "cp-5")!;
    const cut = c.members.find((m) => m.name === "cp-4")!;
    const next = commitEntry(c, 3);
    expect(next.raftIndex).toBe(c.raftIndex + 3);
    expect(next.leaderId).toBe(c.leaderId);
    const term = leader(c)!.term;
    for (const name of ["cp-1", "cp-2", "cp-3"]) {
      expect(next.members.find((m) => m.name === name)).toMatchObject({
        term,
        appliedIndex: next.raftIndex,
      });
    }
    // every other field of a member and of the cluster is kept as it was
    const first = c.members.find((m) => m.name === "cp-1")!;
    expect(next.members.find((m) => m.name === "cp-1")).toEqual({
      ...first,
      term,
      appliedIndex: next.raftIndex,
    });
    expect(next).toEqual({ ...c, members: next.members, raftIndex: c.raftIndex + 3 });
    expect(next.members.find((m) => m.name === "cp-5")).toBe(stopped);
    expect(next.members.find((m) => m.name === "cp-4")).toBe(cut);
    // the earlier cluster value is untouched
    expect(c.members.find((m) => m.name === "cp-1")!.appliedIndex).toBe(c.raftIndex);
  });

  it("a partitioned single member still leads itself and commits alone", () => {
    let c = cluster(1);
    c = partitionMember(c, "cp-1");
    expect(leader(c)!.partitioned).toBe(true);
    const next = requireWrite(c);
    expect(next.members[0]).toMatchObject({ appliedIndex: c.raftIndex + 1 });
  });

  it("refuses to commit without a leader", () => {
    let c = cluster(3);
    c = stopMember(stopMember(c, "cp-2"), "cp-3");
    expect(() => commitEntry(c)).toThrow(RangeError);
  });
});
