import type { Metadata } from "next";
import { LabTerminalLoader } from "@/components/terminal/lab-terminal-loader";
import { requireUser } from "@/lib/auth/session";
import { userSandbox } from "@/lib/terminal";

export const metadata: Metadata = { title: "실습 터미널" };

/** A minimal host for the lab terminal (the full lab workspace is a later issue). */
export default async function SandboxPage() {
  const user = await requireUser("/sandbox");
  const sandboxId = await userSandbox(user.id);
  return (
    <div className="mx-auto flex h-[calc(100dvh-4rem)] max-w-6xl flex-col gap-3 px-4 py-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold">실습 터미널</h1>
        <p className="text-muted-foreground text-sm">
          kubectl, etcdctl, kubeadm으로 내 클러스터(master1, worker1, worker2)를 다뤄 보세요.
        </p>
      </div>
      <div className="min-h-0 flex-1">
        <LabTerminalLoader sandboxId={sandboxId} />
      </div>
    </div>
  );
}
