import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { LabInstructions } from "@/components/lab/lab-instructions";
import { LabWorkspace } from "@/components/lab/lab-workspace";
import { TaskMarkdown } from "@/components/lab/task-markdown";
import { findLab } from "@/lib/labs/catalog";
import { labSandbox, learnerNames, publicLabView } from "@/lib/labs/server";
import { labPageRows } from "@/lib/labs/server/lab-page";

type Props = {
  params: Promise<{ labId: string }>;
  searchParams: Promise<{ cmd?: string | string[]; file?: string | string[] }>;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
/** Lesson links carry a command or a YAML document; anything larger is not from a lesson. */
const bounded = (v: string | undefined, max: number) => (v && v.length <= max ? v : undefined);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { labId } = await params;
  return { title: `실습: ${labId}` };
}

export default async function LabPage({ params, searchParams }: Props) {
  const { labId } = await params;
  const query = await searchParams;
  const cmd = bounded(first(query.cmd), 4096);
  const file = bounded(first(query.file), 64 * 1024);
  // Sign-in comes back here with the lesson link's command or file intact.
  const keep = new URLSearchParams({ ...(cmd ? { cmd } : {}), ...(file ? { file } : {}) });
  const back = `/labs/${labId}${keep.size ? `?${keep}` : ""}`;
  // The user's row (re-read: a deleted user or a signed-out session goes to sign-in) with
  // their sandbox, passes and hints of this lab, in one query.
  const rows = await labPageRows({ headers: await headers() }, labId);
  if (!rows) redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
  if (!findLab(labId)) notFound();
  // The learner's own sandbox for this lab, created at the lab's start on first use.
  const [lab, sandboxId] = await Promise.all([
    publicLabView(rows.userId, labId, rows),
    labSandbox(rows.userId, labId, rows.sandboxId),
  ]);
  const names = learnerNames(rows.userId, labId);

  return (
    <div className="mx-auto grid max-w-[110rem] gap-4 px-4 py-6 lg:grid-cols-[minmax(20rem,2fr)_3fr]">
      <aside
        aria-label="실습 안내"
        className="grid content-start gap-4 lg:max-h-[calc(100dvh-6rem)] lg:overflow-auto"
      >
        <header className="grid gap-1">
          <h1 className="text-2xl font-bold">{lab.title}</h1>
          <p className="text-muted-foreground text-sm">{lab.goal}</p>
          <p className="text-muted-foreground text-xs">약 {lab.estimatedMinutes}분</p>
        </header>
        <LabInstructions
          labId={lab.id}
          tasks={lab.tasks.map((t) => ({
            id: t.id,
            title: t.title,
            hintCount: t.hintCount,
            hints: t.hints,
            passed: t.passed,
            instructions: <TaskMarkdown source={t.instructions} names={names} />,
          }))}
        />
      </aside>
      <LabWorkspace labId={lab.id} sandboxId={sandboxId} initialCommand={cmd} openText={file} />
    </div>
  );
}
