"use client";

import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SandboxView } from "@/lib/classes/learner/sandbox-view";
import { classText as t } from "@/lib/classes/ui-text";
import { sendJson } from "@/lib/http/send-json";
import { format, formatTime } from "@/lib/i18n";

async function fetchView(
  classId: string,
  learnerId: string,
  sandboxId: string | undefined,
): Promise<{ ok: true; view: SandboxView } | { ok: false; message: string }> {
  const query = sandboxId ? `?sandbox=${encodeURIComponent(sandboxId)}` : "";
  try {
    const res = await fetch(`/api/classes/${classId}/learners/${learnerId}/sandbox${query}`, {
      cache: "no-store",
    });
    const body = await res.json();
    if (res.ok) return { ok: true, view: body as SandboxView };
    return { ok: false, message: body?.error?.message ?? t.noSandbox };
  } catch {
    return { ok: false, message: t.liveError };
  }
}

/** The learner's sandbox, read only (GET only), with the one write an instructor may do: reset. */
export function SandboxPanel({
  classId,
  learnerId,
  labTitles,
}: {
  classId: string;
  learnerId: string;
  labTitles: Record<string, string>;
}) {
  const [view, setView] = useState<SandboxView | null>(null);
  const [selected, setSelected] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Bumped to fetch again (refresh button, after a reset).
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    fetchView(classId, learnerId, selected).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setView(result.view);
        setError(null);
      } else {
        setView(null);
        setError(result.message);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [classId, learnerId, selected, version]);

  async function reset() {
    if (!view || !window.confirm(t.resetConfirm)) return;
    const result = await sendJson<{ sandboxId: string }>(
      `/api/classes/${classId}/learners/${learnerId}/reset`,
      "POST",
      { sandboxId: view.sandbox.id },
    );
    if (result.ok) {
      setNotice(t.resetDone);
      setSelected(result.data.sandboxId);
      setVersion((v) => v + 1);
    } else setError(result.message);
  }

  const nameOf = (labId: string | null) =>
    labId ? format(t.labSandbox, { lab: labTitles[labId] ?? labId }) : t.freeSandbox;

  return (
    <div className="grid gap-4" data-testid="sandbox-panel">
      {error && <Alert variant="destructive">{error}</Alert>}
      {notice && <Alert variant="success">{notice}</Alert>}
      {view && (
        <>
          <div className="flex flex-wrap items-end gap-3">
            <label className="grid gap-1 text-sm">
              <span>{t.sandboxPick}</span>
              <select
                value={view.sandbox.id}
                onChange={(e) => setSelected(e.target.value)}
                className="h-9 rounded-md border bg-background px-2"
              >
                {view.sandboxes.map((s) => (
                  <option key={s.id} value={s.id}>
                    {nameOf(s.labId)} · {formatTime(new Date(s.updatedAt))}
                  </option>
                ))}
              </select>
            </label>
            <Button
              type="button"
              variant="outline"
              size="sm"
              onClick={() => setVersion((v) => v + 1)}
            >
              {t.refresh}
            </Button>
            <Button type="button" variant="destructive" size="sm" onClick={reset}>
              {t.resetSandbox}
            </Button>
          </div>
          <div className="overflow-x-auto rounded-lg border">
            <table className="w-full text-sm" data-testid="sandbox-objects">
              <caption className="px-3 py-2 text-left font-medium">
                {format(t.objects, { revision: view.revision })}
              </caption>
              <thead className="bg-muted text-left text-muted-foreground">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t.resource}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t.namespace}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t.name}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t.status}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.objects
                  .filter((o) => o.resource !== "events" && o.resource !== "leases")
                  .map((o) => (
                    <tr key={o.key} className="border-t">
                      <td className="px-3 py-1.5">{o.resource}</td>
                      <td className="px-3 py-1.5">{o.namespace ?? ""}</td>
                      <td className="px-3 py-1.5 font-mono text-xs break-all">{o.name}</td>
                      <td className="px-3 py-1.5">{o.status}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          <details className="rounded-lg border p-3">
            <summary className="cursor-pointer font-medium">{t.traces}</summary>
            <ol className="mt-2 grid gap-2 text-xs">
              {view.traces.map(({ seq, trace }) => (
                <li key={seq} className="rounded border p-2">
                  <p className="font-mono">
                    {trace.verb} {trace.requestURI} → {trace.code}
                  </p>
                  <ol className="ml-4 list-decimal text-muted-foreground">
                    {trace.entries.map((e, i) => (
                      <li key={i}>
                        {e.from} → {e.to}: {e.action}
                        {e.detail ? ` (${e.detail})` : ""}
                        {e.revision !== undefined ? ` rev ${e.revision}` : ""}
                        {e.ok ? "" : " ✗"}
                      </li>
                    ))}
                  </ol>
                </li>
              ))}
            </ol>
          </details>
        </>
      )}
    </div>
  );
}
