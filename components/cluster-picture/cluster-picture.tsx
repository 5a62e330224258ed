"use client";

// The live picture of the learner's cluster: control plane (API servers, etcd
// members with the Raft leader, scheduler and controller-manager instances with the
// Lease holder) and nodes with their pods, refreshed every few seconds and after each
// command. Every state is a word and a shape as well as a colour.

import { useEffect, useRef, useState } from "react";
import type {
  ClusterPictureData,
  ComponentInstance,
  PodCard,
} from "@/lib/workspace/picture/build-picture";
import { ObjectPanel, type ObjectRef } from "./object-panel";
import { startPoll, type Poll } from "./poll";
import { TONE_CLASS, TONE_MARK } from "./tone";

const POLL_MS = 3000;

function PodButton({ pod, onSelect }: { pod: PodCard; onSelect: (r: ObjectRef) => void }) {
  return (
    <button
      type="button"
      onClick={() => onSelect({ kind: "pods", name: pod.name, namespace: pod.namespace })}
      className={`rounded border px-1.5 py-0.5 text-left font-mono text-xs ${TONE_CLASS[pod.tone]}`}
      aria-label={`파드 ${pod.namespace}/${pod.name}: ${pod.status}, 준비 ${pod.ready}`}
      data-pod={pod.name}
    >
      <span aria-hidden>{TONE_MARK[pod.tone]} </span>
      {pod.namespace === "default" ? pod.name : `${pod.namespace}/${pod.name}`}
      <span className="text-muted-foreground"> {pod.status}</span>
    </button>
  );
}

function Instances({ title, items }: { title: string; items: ComponentInstance[] }) {
  return (
    <div className="grid gap-1">
      <h4 className="text-xs font-semibold">{title}</h4>
      <ul className="flex flex-wrap gap-1">
        {items.map((c) => (
          <li key={c.node} className={`rounded border px-1.5 py-0.5 text-xs ${TONE_CLASS[c.tone]}`}>
            <span aria-hidden>{TONE_MARK[c.tone]} </span>
            {c.node} · {c.status}
            {c.leader && <strong> · 리더(Lease 보유)</strong>}
          </li>
        ))}
        {items.length === 0 && <li className="text-muted-foreground text-xs">없음</li>}
      </ul>
    </div>
  );
}

export function ClusterPicture({ sandboxId, revision }: { sandboxId: string; revision: number }) {
  const [data, setData] = useState<ClusterPictureData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<ObjectRef | null>(null);
  const poll = useRef<Poll | null>(null);
  const seenRevision = useRef(revision);

  // One request at a time: now, 3 s after each answer while the page shows (poll.ts).
  useEffect(() => {
    let cancelled = false;
    const p = startPoll({
      intervalMs: POLL_MS,
      visible: () => document.visibilityState === "visible",
      load: () =>
        fetch(`/api/sandboxes/${sandboxId}/picture`)
          .then(async (r) => {
            if (!r.ok) throw new Error();
            const body = (await r.json()) as ClusterPictureData;
            if (!cancelled) {
              setData(body);
              setError(null);
            }
          })
          .catch(
            () =>
              !cancelled &&
              setError("클러스터 상태를 불러오지 못했습니다. 잠시 후 다시 시도합니다."),
          ),
    });
    poll.current = p;
    return () => {
      cancelled = true;
      p.stop();
      poll.current = null;
    };
  }, [sandboxId]);

  // A command changed the cluster: ask again at once (after the request on its way, if any).
  useEffect(() => {
    if (seenRevision.current === revision) return;
    seenRevision.current = revision;
    poll.current?.refresh();
  }, [revision]);

  if (!data) {
    return (
      <p className="text-muted-foreground p-4 text-sm" role={error ? "alert" : undefined}>
        {error ?? "클러스터 상태를 불러오는 중…"}
      </p>
    );
  }

  return (
    <div className="grid gap-3 p-1" data-testid="cluster-picture">
      {error && (
        <p role="alert" className="text-destructive text-xs">
          {error}
        </p>
      )}
      <section aria-label="컨트롤 플레인" className="grid gap-2 rounded-md border p-3">
        <h3 className="text-sm font-semibold">
          컨트롤 플레인{" "}
          <span className="text-muted-foreground font-normal">(etcd revision {data.revision})</span>
        </h3>
        <div className="grid gap-2 sm:grid-cols-2">
          <Instances title="API 서버" items={data.apiServers} />
          <div className="grid gap-1">
            <h4 className="text-xs font-semibold">
              etcd {data.etcd.quorum ? "· 쿼럼 있음" : "· 쿼럼 없음 (쓰기 불가)"}
            </h4>
            <ul className="flex flex-wrap gap-1">
              {data.etcd.members.map((m) => {
                const tone = m.status === "started" ? "ok" : "bad";
                return (
                  <li
                    key={m.id}
                    className={`rounded border px-1.5 py-0.5 text-xs ${TONE_CLASS[tone]}`}
                  >
                    <span aria-hidden>{TONE_MARK[tone]} </span>
                    {m.name} ·{" "}
                    {m.status === "started"
                      ? "실행 중"
                      : m.status === "stopped"
                        ? "중지됨"
                        : "분리됨"}
                    {m.leader && <strong> · Raft 리더</strong>}
                  </li>
                );
              })}
            </ul>
          </div>
          <Instances title="스케줄러" items={data.schedulers} />
          <Instances title="컨트롤러 매니저" items={data.controllerManagers} />
        </div>
      </section>
      <section aria-label="노드" className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
        {data.nodes.map((n) => (
          <div
            key={n.name}
            className={`grid content-start gap-2 rounded-md border-2 p-2 ${TONE_CLASS[n.tone]}`}
          >
            <button
              type="button"
              className="text-left"
              onClick={() => setSelected({ kind: "nodes", name: n.name })}
              aria-label={`노드 ${n.name}: Ready=${n.ready}${n.unschedulable ? ", 스케줄 불가" : ""}`}
            >
              <span className="font-mono font-semibold">
                <span aria-hidden>{TONE_MARK[n.tone]} </span>
                {n.name}
              </span>
              <span className="text-muted-foreground text-xs">
                {" "}
                {n.roles.join(",") || "worker"} · Ready={n.ready}
                {n.unschedulable && " · SchedulingDisabled"}
              </span>
            </button>
            {n.taints.length > 0 && (
              <p className="text-muted-foreground font-mono text-[11px]">
                테인트: {n.taints.join(", ")}
              </p>
            )}
            <div className="flex flex-wrap gap-1">
              {n.pods.map((p) => (
                <PodButton key={`${p.namespace}/${p.name}`} pod={p} onSelect={setSelected} />
              ))}
            </div>
          </div>
        ))}
      </section>
      {data.unscheduled.length > 0 && (
        <section
          aria-label="배치되지 않은 파드"
          className="grid gap-1 rounded-md border border-dashed p-2"
        >
          <h3 className="text-sm font-semibold">배치되지 않은 파드 (Pending)</h3>
          <div className="flex flex-wrap gap-1">
            {data.unscheduled.map((p) => (
              <PodButton key={`${p.namespace}/${p.name}`} pod={p} onSelect={setSelected} />
            ))}
          </div>
        </section>
      )}
      {selected && (
        <ObjectPanel
          sandboxId={sandboxId}
          target={selected}
          revision={revision}
          onClose={() => setSelected(null)}
        />
      )}
    </div>
  );
}
