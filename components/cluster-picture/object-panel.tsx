"use client";

// The detail of a clicked object: "왜 여기에?" for pods (the scheduler's verdict per
// node and the score table, or why no node fits), its events and its YAML.

import { X } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ObjectDetail } from "@/lib/workspace/picture/object-detail";

export interface ObjectRef {
  kind: "pods" | "nodes";
  name: string;
  namespace?: string;
}

export function ObjectPanel({
  sandboxId,
  target,
  revision,
  onClose,
}: {
  sandboxId: string;
  target: ObjectRef;
  revision: number;
  onClose: () => void;
}) {
  const [detail, setDetail] = useState<ObjectDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const q = new URLSearchParams({ kind: target.kind, name: target.name });
    if (target.namespace) q.set("namespace", target.namespace);
    fetch(`/api/sandboxes/${sandboxId}/picture?${q}`)
      .then(async (r) => {
        const body = await r.json();
        if (cancelled) return;
        if (!r.ok) setError(body?.error?.message ?? "정보를 불러오지 못했습니다.");
        else {
          setDetail(body as ObjectDetail);
          setError(null);
        }
      })
      .catch(() => !cancelled && setError("서버에 연결하지 못했습니다."));
    return () => {
      cancelled = true;
    };
  }, [sandboxId, target.kind, target.name, target.namespace, revision]);

  const title = `${target.kind === "pods" ? "파드" : "노드"} ${target.namespace ? `${target.namespace}/` : ""}${target.name}`;
  const why = detail?.whyHere;

  return (
    <section
      aria-label={title}
      className="grid gap-3 rounded-md border p-3 text-sm"
      data-testid="object-panel"
    >
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">{title}</h3>
        <Button variant="ghost" size="sm" onClick={onClose} aria-label="닫기">
          <X aria-hidden />
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-destructive">
          {error}
        </p>
      )}
      {!detail && !error && <p className="text-muted-foreground">불러오는 중…</p>}
      {detail?.kind === "pods" && (
        <section aria-label="왜 여기에?" className="grid gap-2">
          <h4 className="font-semibold">{why?.selectedNode ? "왜 여기에?" : "왜 Pending?"}</h4>
          {why === null && (
            <p className="text-muted-foreground">
              스케줄러를 거치지 않은 파드입니다. (정적 파드이거나 spec.nodeName을 직접 지정함)
            </p>
          )}
          {why && (
            <>
              <p>{why.summary}</p>
              {why.message && <p className="font-mono text-xs">{why.message}</p>}
              <div className="overflow-x-auto">
                <table className="w-full text-left text-xs">
                  <caption className="sr-only">노드별 필터 결과와 점수</caption>
                  <thead>
                    <tr className="border-b">
                      <th scope="col" className="py-1 pr-2">
                        노드
                      </th>
                      <th scope="col" className="py-1 pr-2">
                        필터
                      </th>
                      <th scope="col" className="py-1 pr-2">
                        점수 (정규화×가중치)
                      </th>
                      <th scope="col" className="py-1">
                        총점
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {why.nodes.map((n) => (
                      <tr key={n.node} className="border-b align-top" data-verdict={n.verdict}>
                        <th scope="row" className="py-1 pr-2 font-mono">
                          {n.node}
                          {n.verdict === "selected" && " ★ 선택"}
                        </th>
                        <td className="py-1 pr-2">
                          {n.verdict === "rejected"
                            ? `✕ ${n.plugin}: ${(n.reasons ?? []).join(", ")}`
                            : "✓ 모든 필터 통과"}
                        </td>
                        <td className="py-1 pr-2">
                          {n.scores
                            ?.map((s) => `${s.plugin} ${s.normalized}×${s.weight}`)
                            .join(", ") ?? "—"}
                        </td>
                        <td className="py-1">{n.total ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {why.preemption && <p>{why.preemption}</p>}
              <details>
                <summary>플러그인 설명</summary>
                <dl className="grid gap-1 text-xs">
                  {why.legend.map((l) => (
                    <div key={l.plugin}>
                      <dt className="inline font-mono">{l.plugin}</dt>:{" "}
                      <dd className="inline">{l.description}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            </>
          )}
        </section>
      )}
      {detail && (
        <section aria-label="이벤트" className="grid gap-1">
          <h4 className="font-semibold">이벤트</h4>
          {detail.events.length === 0 ? (
            <p className="text-muted-foreground">이벤트가 없습니다.</p>
          ) : (
            <ul className="grid gap-0.5 font-mono text-xs">
              {detail.events.map((e, i) => (
                <li key={i}>
                  {e.type} {e.reason} ({e.source}
                  {e.count > 1 ? ` ×${e.count}` : ""}): {e.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {detail && (
        <details>
          <summary className="font-semibold">YAML</summary>
          <pre className="bg-muted max-h-72 overflow-auto rounded p-2 text-xs" tabIndex={0}>
            {detail.yaml}
          </pre>
        </details>
      )}
    </section>
  );
}
