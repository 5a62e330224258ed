// A command's journey as a mermaid sequence diagram, drawn from the engine's trace
// entries: the same participants as the lesson's diagram (kubectl → API server →
// etcd → scheduler → kubelet → container runtime), with the API server's pipeline
// stages (authn, authz, admission, validation) as steps inside the API server.

import type { RequestTrace, TraceEntry } from "@/lib/sim";

type Component = TraceEntry["from"];

const PARTICIPANTS: [string, string, Component[]][] = [
  ["U", "kubectl", ["client"]],
  ["A", "API 서버", ["kube-apiserver"]],
  ["E", "etcd", ["etcd"]],
  ["S", "스케줄러", ["scheduler"]],
  ["C", "컨트롤러 매니저", ["controller-manager"]],
  ["K", "kubelet", ["kubelet"]],
  ["R", "컨테이너 런타임", ["container-runtime"]],
  ["P", "kube-proxy", ["kube-proxy"]],
];

const STAGES: Partial<Record<Component, string>> = {
  authn: "인증",
  authz: "인가",
  "mutating-admission": "변경 승인 제어",
  validation: "검증",
  "validating-admission": "검증 승인 제어",
};

function alias(c: Component): string | undefined {
  if (STAGES[c]) return "A";
  return PARTICIPANTS.find(([, , cs]) => cs.includes(c))?.[0];
}

/** Mermaid message text: one line, no statement separators or markup. */
export function messageText(text: string, max = 90): string {
  const clean = text
    .replace(/[\r\n]+/g, " ")
    .replace(/;/g, ",")
    .replace(/#/g, "＃")
    .replace(/</g, "‹")
    .replace(/>/g, "›")
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export interface TraceStep {
  from: string;
  to: string;
  text: string;
  ok: boolean;
  /** Mermaid arrow: call, reply (dashed) or failure (cross). */
  arrow: "->>" | "-->>" | "-x" | "--x";
}

/** The steps of a command in reading order (the diagram, and its text alternative). */
export function traceSteps(traces: readonly RequestTrace[]): TraceStep[] {
  const steps: TraceStep[] = [];
  for (const t of traces) {
    for (const e of t.entries) {
      const from = alias(e.from);
      const to = alias(e.to);
      if (!from || !to) continue;
      const stage = STAGES[e.to];
      let text: string;
      let reply = false;
      if (stage) text = `${stage}${e.detail ? `: ${e.detail}` : ""}`;
      else if (e.action === "respond") {
        text = e.detail ? `응답 ${e.detail}` : "응답";
        reply = true;
      } else if (e.action === "watch-event") {
        text = `watch ${e.detail ?? ""}`.trim();
        reply = true;
      } else text = [e.action, e.detail].filter(Boolean).join(" ");
      if (e.revision !== undefined) text += ` (rev ${e.revision})`;
      const arrow = reply ? (e.ok ? "-->>" : "--x") : e.ok ? "->>" : "-x";
      steps.push({ from, to, text, ok: e.ok, arrow });
    }
  }
  return steps;
}

/** The participant's display name for an alias (U → kubectl, A → API 서버…). */
export function participantName(aliasName: string): string {
  return PARTICIPANTS.find(([a]) => a === aliasName)?.[1] ?? aliasName;
}

export function sequenceDiagram(traces: readonly RequestTrace[]): string {
  const steps = traceSteps(traces);
  const used = new Set(steps.flatMap((s) => [s.from, s.to]));
  const header = PARTICIPANTS.filter(([a]) => used.has(a)).map(
    ([a, label]) => `  participant ${a} as ${label}`,
  );
  const lines = steps.map((s) => `  ${s.from}${s.arrow}${s.to}: ${messageText(s.text)}`);
  return ["sequenceDiagram", "  autonumber", ...header, ...lines].join("\n");
}
