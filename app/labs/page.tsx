import type { Metadata } from "next";
import Link from "next/link";
import { listLabs } from "@/lib/labs/server";

export const metadata: Metadata = { title: "실습" };

/** The labs of every session, each opening its workspace. */
export default function LabsPage() {
  const labs = listLabs();
  return (
    <div className="mx-auto grid max-w-4xl gap-6 px-4 py-10">
      <header className="grid gap-2">
        <h1 className="text-3xl font-bold tracking-tight">실습</h1>
        <p className="text-muted-foreground">
          각 실습은 나만의 시뮬레이션 클러스터에서 진행하고, 채점 버튼으로 클러스터의 현재 상태를
          확인합니다.
        </p>
      </header>
      {labs.length === 0 ? (
        <p className="text-muted-foreground">아직 준비된 실습이 없습니다.</p>
      ) : (
        <ol className="grid gap-3">
          {labs.map((lab, i) => (
            <li key={lab.id} className="rounded-md border p-4">
              <h2 className="text-lg font-semibold">
                <Link href={`/labs/${lab.id}`} className="hover:underline">
                  {i + 1}. {lab.title}
                </Link>
              </h2>
              <p className="text-muted-foreground text-sm">{lab.goal}</p>
              <p className="text-muted-foreground mt-1 text-xs">
                과제 {lab.taskCount}개 · 약 {lab.estimatedMinutes}분
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
