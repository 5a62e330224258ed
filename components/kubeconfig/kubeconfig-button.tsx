"use client";

// Downloads a kubeconfig for the learner's own kubectl. Each click issues a new
// token, so the file is fetched with POST and saved through a blob link.

import { Download } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function KubeconfigButton({ sandboxId }: { sandboxId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/k8s/kubeconfig/${encodeURIComponent(sandboxId)}`, {
        method: "POST",
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as {
          error?: { message?: string };
        } | null;
        setError(body?.error?.message ?? "kubeconfig를 받지 못했습니다. 잠시 후 다시 시도하세요.");
        return;
      }
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `kubelab-${sandboxId}.kubeconfig`;
      a.click();
      URL.revokeObjectURL(url);
    } catch {
      setError("서버에 연결하지 못했습니다. 잠시 후 다시 시도하세요.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-1">
      <Button type="button" variant="outline" onClick={download} disabled={busy}>
        <Download aria-hidden="true" />
        {busy ? "준비하는 중…" : "kubeconfig 내려받기"}
      </Button>
      <p className="text-muted-foreground text-xs">
        내 컴퓨터의 kubectl로 이 실습 클러스터에 접속합니다. 파일 안의 토큰은 이번에만 보여 주니
        안전하게 보관하세요.
      </p>
      {error ? (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}
