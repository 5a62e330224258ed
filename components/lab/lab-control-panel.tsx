"use client";

// The lab's control panel: what a learner cannot do from a terminal on a real
// cluster either - stop an etcd member, switch a machine off, let time pass -
// done through POST /api/labs/:labId/control. The result is printed in the
// terminal and the picture refreshes, so the cluster's reaction can be watched.

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";

type Action = "etcd-stop" | "etcd-start" | "power-off" | "power-on" | "fast-forward";

const ACTIONS: { id: Action; label: string; help: string }[] = [
  { id: "etcd-stop", label: "etcd 멤버 중지", help: "멤버가 있는 노드 이름 (예: master2)" },
  { id: "etcd-start", label: "etcd 멤버 시작", help: "멤버가 있는 노드 이름 (예: master2)" },
  { id: "power-off", label: "머신 전원 끄기", help: "노드 이름 (예: worker1)" },
  { id: "power-on", label: "머신 전원 켜기", help: "노드 이름 (예: worker1)" },
  { id: "fast-forward", label: "시간 빨리 감기", help: "흐르게 할 가상 시간(초, 최대 3600)" },
];

interface Props {
  labId: string;
  /** Called with the server's Korean message after an action succeeded. */
  onDone: (message: string) => void;
}

export function LabControlPanel({ labId, onDone }: Props) {
  const [action, setAction] = useState<Action>("etcd-stop");
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const current = ACTIONS.find((a) => a.id === action)!;
  const isTime = action === "fast-forward";

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = value.trim();
    if (!trimmed) {
      setResult({ ok: false, text: isTime ? "초를 입력하세요." : "대상 노드 이름을 입력하세요." });
      return;
    }
    const seconds = Number(trimmed);
    if (isTime && (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600)) {
      setResult({ ok: false, text: "1에서 3600 사이의 정수(초)를 입력하세요." });
      return;
    }
    const body = isTime ? { action, seconds } : { action, target: trimmed };
    setBusy(true);
    setResult(null);
    try {
      const res = await fetch(`/api/labs/${encodeURIComponent(labId)}/control`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const data = (await res.json().catch(() => null)) as {
        message?: string;
        error?: { message?: string };
      } | null;
      if (!res.ok) {
        setResult({ ok: false, text: data?.error?.message ?? "요청을 처리하지 못했습니다." });
        return;
      }
      const message = data?.message ?? "완료했습니다.";
      setResult({ ok: true, text: message });
      onDone(message);
    } catch {
      setResult({ ok: false, text: "서버에 연결하지 못했습니다. 잠시 후 다시 시도하세요." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="grid max-w-xl gap-3 p-1" aria-describedby="control-help">
      <p id="control-help" className="text-sm text-muted-foreground">
        실제 클러스터라면 서버실이나 클라우드 콘솔에서 할 일입니다. 실행한 뒤 터미널과 클러스터
        그림에서 클러스터가 어떻게 반응하는지 살펴보세요.
      </p>
      <label className="grid gap-1 text-sm font-medium">
        동작
        <select
          value={action}
          onChange={(e) => {
            setAction(e.target.value as Action);
            setResult(null);
          }}
          className="rounded-md border bg-background px-2 py-1.5"
        >
          {ACTIONS.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <label className="grid gap-1 text-sm font-medium">
        {isTime ? "초" : "대상"}
        <input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          inputMode={isTime ? "numeric" : "text"}
          placeholder={current.help}
          className="rounded-md border bg-background px-2 py-1.5"
        />
      </label>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? "실행 중…" : "실행"}
        </Button>
        {result && (
          <p role="status" className={result.ok ? "text-sm" : "text-sm text-destructive"}>
            {result.ok ? "✓ " : "⚠ "}
            {result.text}
          </p>
        )}
      </div>
    </form>
  );
}
