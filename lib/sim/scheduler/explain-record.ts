// Korean, learner-facing explanation of a SchedulingRecord ("왜 여기에?" / "왜 Pending?"):
// one line per node with the plugin that rejected it or its weighted scores. Plugin names and
// Kubernetes reasons stay in English, as kubectl prints them.
import { Code } from "./framework/status";
import type { SchedulingRecord } from "./record";

/** What each plugin checks, in Korean, for the UI's legend. */
export const PLUGIN_DESCRIPTIONS_KO: Readonly<Record<string, string>> = {
  NodeUnschedulable: "cordon된(스케줄 불가) 노드 제외",
  NodeName: "spec.nodeName으로 지정한 노드만 허용",
  TaintToleration:
    "톨러레이션이 없는 테인트가 있는 노드 제외, PreferNoSchedule 테인트가 적을수록 가점",
  NodeAffinity: "nodeSelector와 노드 어피니티 조건 확인, 선호 조건에 맞을수록 가점",
  NodePorts: "요청한 hostPort가 이미 사용 중인 노드 제외",
  NodeResourcesFit: "요청한 CPU·메모리가 남아 있는지 확인, 여유가 많을수록 가점",
  PodTopologySpread: "토폴로지 도메인 간 파드 수 차이(maxSkew) 확인, 고르게 퍼질수록 가점",
  InterPodAffinity: "다른 파드와의 어피니티/안티 어피니티 확인",
  DefaultPreemption: "우선순위가 낮은 파드를 축출해 자리를 만들 수 있는지 확인",
  NodeResourcesBalancedAllocation: "CPU와 메모리 사용률이 균형을 이룰수록 가점",
  ImageLocality: "컨테이너 이미지를 이미 가진 노드에 가점",
};

export interface ExplanationLine {
  node?: string;
  text: string;
}

export function explainRecord(record: SchedulingRecord): ExplanationLine[] {
  const lines: ExplanationLine[] = [];
  if (record.selectedNode) {
    lines.push({
      text: `${record.pod} 파드는 ${record.selectedNode} 노드에 배치되었습니다. (노드 ${record.numAllNodes}개 중 ${record.evaluatedNodes}개 검사, ${record.feasibleNodes}개 통과)`,
    });
  } else {
    lines.push({ text: `${record.pod} 파드를 배치할 노드가 없습니다: ${record.message ?? ""}` });
  }
  for (const verdict of record.preFilter) {
    if (verdict.code !== Code.Success && verdict.code !== Code.Skip) {
      lines.push({
        text: `사전 검사(PreFilter) ${verdict.plugin}에서 실패: ${verdict.reasons.join(", ")}`,
      });
    }
  }
  for (const r of record.rejected) {
    const hint = r.code === Code.UnschedulableAndUnresolvable ? " (선점으로도 해결 불가)" : "";
    lines.push({
      node: r.node,
      text: `${r.node}: ${r.plugin} 필터에서 제외 — ${r.reasons.join(", ")}${hint}`,
    });
  }
  const scores = record.scores;
  if (scores) {
    const order = scores.nodes
      .map((_, i) => i)
      .sort((a, b) => scores.totals[b]! - scores.totals[a]!);
    for (const i of order) {
      const parts = scores.plugins
        .filter((p) => p.ran)
        .map((p) => `${p.plugin} ${p.normalized[i]}×${p.weight}`);
      lines.push({
        node: scores.nodes[i],
        text: `${scores.nodes[i]}: 통과, 총점 ${scores.totals[i]} (${parts.join(", ")})`,
      });
    }
  } else {
    for (const node of record.feasible) {
      lines.push({ node, text: `${node}: 통과 (통과한 노드가 하나뿐이라 점수 계산 생략)` });
    }
  }
  if (record.preemption) {
    lines.push({
      text: `선점: ${record.preemption.nominatedNodeName} 노드에서 ${record.preemption.victims.join(", ")} 파드를 축출하면 배치할 수 있습니다.`,
    });
  }
  return lines;
}
