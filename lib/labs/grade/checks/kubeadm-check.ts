// kubeadm: properties of the configuration the cluster was built with, read from
// what `kubeadm init` uploads (kube-system/kubeadm-config, data.ClusterConfiguration),
// so it grades the cluster that exists, not a file the learner might not have used.
import { parse } from "yaml";
import { getObject, listObjects } from "@/lib/sim/controllers/shared/cache";
import type { KubeadmCheck } from "../../schema/check-schema";
import type { CheckVerdict, GradeInput } from "../context";
import { matchFields, resolveMatcher } from "../fields";
import { fieldLine, matchValue } from "../match";

const CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

export function gradeKubeadm(c: KubeadmCheck, input: GradeInput): CheckVerdict {
  const cm = getObject(input.state, "", "configmaps", "kube-system", "kubeadm-config");
  const text = (cm?.data as Record<string, string> | undefined)?.ClusterConfiguration;
  if (!text)
    return {
      score: 0,
      feedback: [
        'configmaps "kubeadm-config" (네임스페이스 kube-system): ClusterConfiguration 을 찾을 수 없습니다',
      ],
      expected: null,
      actual: null,
    };
  const config: unknown = parse(text);
  const fields = matchFields(input.state, config, c.fields);
  const lines = fields.map((f) => `ClusterConfiguration ${f.line}`);
  const expected: Record<string, unknown> = Object.fromEntries(
    fields.map((f) => [f.path, f.expected]),
  );
  const actual: Record<string, unknown> = Object.fromEntries(fields.map((f) => [f.path, f.actual]));
  let good = fields.filter((f) => f.ok).length;
  let total = fields.length;
  if (c.controlPlanes) {
    const n = listObjects(input.state, "", "nodes").filter(
      (node) => CONTROL_PLANE_LABEL in (node.metadata.labels ?? {}),
    ).length;
    const outcome = matchValue(resolveMatcher(input.state, c.controlPlanes), n);
    total++;
    if (outcome.ok) good++;
    lines.push(fieldLine("컨트롤 플레인 노드 수", outcome, n));
    expected.controlPlanes = outcome.expectedValue;
    actual.controlPlanes = n;
  }
  return { score: good / total, feedback: lines, expected, actual };
}
