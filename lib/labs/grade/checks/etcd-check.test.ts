import { describe, expect, it } from "vitest";
import { stopMember } from "@/lib/sim/etcd/cluster";
import { reconcileLeadership } from "@/lib/sim/etcd/cluster";
import { check, fixtureInput } from "../testing/fixture";
import { gradeEtcd } from "./etcd-check";

describe("etcd check", () => {
  const input = fixtureInput();

  it("passes on member counts, quorum, leader and a key's metadata", () => {
    const v = gradeEtcd(
      check("etcd", {
        members: { equals: 1 },
        healthyMembers: { equals: 1 },
        hasQuorum: { equals: true },
        leader: { equals: "master1" },
        key: {
          key: "/registry/configmaps/team/settings",
          version: { equals: 1 },
          createRevision: { gt: 0 },
        },
      }),
      input,
    );
    expect(v.score).toBe(1);
    expect(v.feedback).toEqual([
      "etcd 멤버 수: 1 (통과)",
      "정상(healthy) etcd 멤버 수: 1 (통과)",
      "etcd 쿼럼 유지: true (통과)",
      'etcd 리더: "master1" (통과)',
      "키 /registry/configmaps/team/settings: 있음 (통과)",
      expect.stringMatching(
        /^키 \/registry\/configmaps\/team\/settings createRevision: \d+ \(통과\)$/,
      ),
      "키 /registry/configmaps/team/settings version: 1 (통과)",
    ]);
  });

  it("fails after the member stops: no leader, no quorum", () => {
    const etcd = reconcileLeadership(stopMember(input.state.etcd, "master1"));
    const v = gradeEtcd(
      check("etcd", {
        runningMembers: { equals: 1 },
        hasQuorum: { equals: true },
        leader: { exists: true },
      }),
      { ...input, state: { ...input.state, etcd } },
    );
    expect(v.score).toBe(0);
    expect(v.feedback).toEqual([
      "실행 중인 etcd 멤버 수: 기대값 1, 현재 0",
      "etcd 쿼럼 유지: 기대값 true, 현재 false",
      "etcd 리더: 기대값 (값 있음), 현재 (없음)",
    ]);
  });

  it("fails for a missing key", () => {
    const v = gradeEtcd(check("etcd", { key: { key: "/registry/pods/team/nope" } }), input);
    expect(v.feedback).toEqual(["키 /registry/pods/team/nope: 기대값 있음, 현재 없음"]);
    expect(v.actual).toEqual({ "key.exists": false });
  });
});
