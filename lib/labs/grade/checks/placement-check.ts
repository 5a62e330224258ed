// placement: which nodes pods are bound to (allowed nodes, forbidden nodes, spread
// over distinct nodes) or that they stay unscheduled.
import type { KubeObject } from "@/lib/sim/apiserver/object";
import type { PlacementCheck } from "../../schema/check-schema";
import { selectObjects, type CheckVerdict, type GradeInput } from "../context";

const nodeOf = (p: KubeObject) => (p.spec as { nodeName?: string } | undefined)?.nodeName ?? "";

export function gradePlacement(c: PlacementCheck, input: GradeInput): CheckVerdict {
  const pods = selectObjects(input.state, {
    resource: "pods",
    group: "",
    namespace: c.namespace,
    name: c.name,
    selector: c.selector,
  }).filter((p) => !p.metadata.deletionTimestamp);
  const who = c.name ? `Pod "${c.name}"` : `Pod(${c.selector ?? "전체"})`;
  const actual = Object.fromEntries(pods.map((p) => [p.metadata.name ?? "", nodeOf(p) || null]));
  const lines: string[] = [];
  const results: boolean[] = [];
  const add = (ok: boolean, line: string) => {
    results.push(ok);
    lines.push(ok ? `${line} (통과)` : line);
  };
  if (pods.length < c.minPods) {
    return {
      score: 0,
      feedback: [`${who}: 기대값 ${c.minPods}개 이상, 현재 ${pods.length}개`],
      expected: { minPods: c.minPods },
      actual,
    };
  }
  const nodes = pods.map(nodeOf);
  if (c.unscheduled !== undefined) {
    const bound = pods.filter((p) => nodeOf(p) !== "").map((p) => p.metadata.name);
    const ok = c.unscheduled ? bound.length === 0 : bound.length === pods.length;
    add(
      ok,
      c.unscheduled
        ? ok
          ? `${who}: 어느 노드에도 배치되지 않음`
          : `${who}: 기대값 미배치(Pending), 현재 배치됨: ${bound.join(", ")}`
        : ok
          ? `${who}: 모두 배치됨`
          : `${who}: 기대값 모두 배치, 현재 미배치 ${pods.length - bound.length}개`,
    );
  }
  if (c.onNodes) {
    const wrong = pods.filter((p) => !c.onNodes!.includes(nodeOf(p)));
    add(
      wrong.length === 0,
      wrong.length === 0
        ? `${who}: ${[...new Set(nodes)].join(", ")} 에 배치됨`
        : `${who}: 기대값 ${c.onNodes.join(" 또는 ")}, 현재 ${wrong.map((p) => `${p.metadata.name}→${nodeOf(p) || "(미배치)"}`).join(", ")}`,
    );
  }
  if (c.notOnNodes) {
    const wrong = pods.filter((p) => c.notOnNodes!.includes(nodeOf(p)));
    add(
      wrong.length === 0,
      wrong.length === 0
        ? `${who}: ${c.notOnNodes.join(", ")} 에 없음`
        : `${who}: ${c.notOnNodes.join(", ")} 에 있으면 안 됨, 현재 ${wrong.map((p) => `${p.metadata.name}→${nodeOf(p)}`).join(", ")}`,
    );
  }
  if (c.distinctNodes) {
    const distinct = new Set(nodes.filter(Boolean)).size;
    add(
      distinct >= c.distinctNodes,
      distinct >= c.distinctNodes
        ? `${who}: 서로 다른 노드 ${distinct}개`
        : `${who}: 서로 다른 노드 기대값 ${c.distinctNodes}개 이상, 현재 ${distinct}개`,
    );
  }
  const score = results.length ? results.filter(Boolean).length / results.length : 1;
  return {
    score,
    feedback: lines.length ? lines : [`${who}: ${pods.length}개 있음 (통과)`],
    expected: {
      ...(c.onNodes ? { onNodes: c.onNodes } : {}),
      ...(c.notOnNodes ? { notOnNodes: c.notOnNodes } : {}),
      ...(c.distinctNodes ? { distinctNodes: c.distinctNodes } : {}),
      ...(c.unscheduled !== undefined ? { unscheduled: c.unscheduled } : {}),
    },
    actual,
  };
}
