// etcd: the etcd cluster as `etcdctl member list / endpoint health / endpoint
// status` would show it (member counts, leader, quorum) and one key's metadata.
import { hasQuorum, leader } from "@/lib/sim/etcd/cluster";
import { memberHealth } from "@/lib/sim/etcd/health";
import { get } from "@/lib/sim/store/store";
import type { EtcdCheck } from "../../schema/check-schema";
import type { CheckVerdict, GradeInput } from "../context";
import { resolveMatcher } from "../fields";
import { fieldLine, matchValue, type ResolvedMatcher } from "../match";

const LABELS = {
  members: "etcd 멤버 수",
  runningMembers: "실행 중인 etcd 멤버 수",
  healthyMembers: "정상(healthy) etcd 멤버 수",
  hasQuorum: "etcd 쿼럼 유지",
  leader: "etcd 리더",
} as const;

export function gradeEtcd(c: EtcdCheck, input: GradeInput): CheckVerdict {
  const { etcd, store } = input.state;
  const facts: Record<keyof typeof LABELS, unknown> = {
    members: etcd.members.length,
    runningMembers: etcd.members.filter((m) => m.running).length,
    healthyMembers: etcd.members.filter((m) => memberHealth(etcd, m).health).length,
    hasQuorum: hasQuorum(etcd),
    leader: leader(etcd)?.name ?? null,
  };
  const lines: string[] = [];
  const expected: Record<string, unknown> = {};
  const actual: Record<string, unknown> = {};
  let total = 0;
  let good = 0;
  const judge = (key: string, label: string, m: ResolvedMatcher, value: unknown) => {
    const outcome = matchValue(resolveMatcher(input.state, m), value);
    total++;
    if (outcome.ok) good++;
    lines.push(fieldLine(label, outcome, value));
    expected[key] = outcome.expectedValue;
    actual[key] = value ?? null;
  };
  for (const key of Object.keys(LABELS) as (keyof typeof LABELS)[]) {
    const m = c[key];
    if (m) judge(key, LABELS[key], m, facts[key]);
  }
  if (c.key) {
    // A serializable read of the member's own copy: what `etcdctl get -w json` shows.
    const kv = get(store, c.key.key);
    total++;
    const exists = !!kv;
    if (exists === c.key.exists) good++;
    lines.push(
      exists === c.key.exists
        ? `키 ${c.key.key}: ${exists ? "있음" : "없음"} (통과)`
        : `키 ${c.key.key}: 기대값 ${c.key.exists ? "있음" : "없음"}, 현재 ${exists ? "있음" : "없음"}`,
    );
    expected["key.exists"] = c.key.exists;
    actual["key.exists"] = exists;
    if (kv) {
      for (const prop of ["createRevision", "modRevision", "version"] as const) {
        const m = c.key[prop];
        if (m) judge(`key.${prop}`, `키 ${c.key.key} ${prop}`, m, kv[prop]);
      }
    }
  }
  if (total === 0) throw new Error("etcd check without any condition");
  return { score: good / total, feedback: lines, expected, actual };
}
