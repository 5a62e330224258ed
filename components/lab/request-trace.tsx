"use client";

// The latest commands' journeys through the control plane, drawn with mermaid from
// the engine's real trace (the lesson's sequence diagram, but of what just happened),
// with the steps as an ordered list for screen readers and small screens.

import { useEffect, useState } from "react";
import { MermaidDiagram } from "@/components/lesson/mermaid-diagram";
import type { CommandTraceView } from "@/lib/workspace/sandbox-views";
import { participantName } from "@/lib/workspace/trace/sequence-diagram";

export function RequestTrace({ sandboxId, revision }: { sandboxId: string; revision: number }) {
  const [commands, setCommands] = useState<CommandTraceView[] | null>(null);
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/sandboxes/${sandboxId}/trace`)
      .then(async (r) => {
        if (!r.ok) throw new Error();
        const body = (await r.json()) as { commands: CommandTraceView[] };
        if (cancelled) return;
        setCommands(body.commands);
        setIndex(0);
        setError(null);
      })
      .catch(() => !cancelled && setError("요청 흐름을 불러오지 못했습니다."));
    return () => {
      cancelled = true;
    };
  }, [sandboxId, revision]);

  if (error)
    return (
      <p role="alert" className="text-destructive p-4 text-sm">
        {error}
      </p>
    );
  if (!commands)
    return <p className="text-muted-foreground p-4 text-sm">요청 흐름을 불러오는 중…</p>;
  if (commands.length === 0) {
    return (
      <p className="text-muted-foreground p-4 text-sm">
        아직 기록된 명령이 없습니다. 터미널에서 예를 들어 <code>kubectl apply -f pod.yaml</code>을
        실행한 뒤 다시 보세요.
      </p>
    );
  }
  const current = commands[Math.min(index, commands.length - 1)]!;
  return (
    <div className="grid gap-2 p-1" data-testid="request-trace">
      <label className="flex flex-wrap items-center gap-2 text-sm">
        <span>명령</span>
        <select
          value={index}
          onChange={(e) => setIndex(Number(e.target.value))}
          className="border-input bg-background h-8 max-w-full rounded-md border px-2 font-mono text-xs"
        >
          {commands.map((c, i) => (
            <option key={`${c.at}-${i}`} value={i}>
              {i === 0 ? "최근: " : ""}
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <MermaidDiagram source={current.diagram} label={`요청 흐름: ${current.label}`} />
      <details>
        <summary className="text-sm">단계 목록 ({current.steps.length})</summary>
        <ol className="list-decimal pl-6 font-mono text-xs">
          {current.steps.map((s, i) => (
            <li key={i} className={s.ok ? "" : "text-destructive"}>
              {participantName(s.from)} → {participantName(s.to)}: {s.text}
              {!s.ok && " (실패)"}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
