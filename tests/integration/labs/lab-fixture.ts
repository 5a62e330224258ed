// A learner working through a lab over the real routes and Postgres: the lab's
// sandbox from GET /api/labs/:id/sandbox, the reference solution typed into the
// terminal (runTerminalCommand, stdin for the editor's "적용"), 채점 via the check route.
import { expect } from "vitest";
import { GET as getSandbox } from "@/app/api/labs/[labId]/sandbox/route";
import { POST as postCheck } from "@/app/api/labs/[labId]/check/route";
import { advanceSandboxTime } from "@/lib/db/sandboxes";
import { requireLab } from "@/lib/labs/catalog";
import { instantiateLab } from "@/lib/labs/load-labs";
import { controlLabSandbox, type AttemptOutcome } from "@/lib/labs/server";
import { runSolution } from "@/lib/labs/solution/run-solution";
import { authorizeSandbox, runTerminalCommand } from "@/lib/terminal";
import { saveWorkspaceFile } from "@/lib/workspace";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "../auth-fixtures";

export const labParams = (labId: string) => ({ params: Promise.resolve({ labId }) });

export async function learnerInLab(labId: string) {
  const user = await createUser("LEARNER");
  const cookie = await sessionCookie(user.id);
  const res = await getSandbox(
    new Request(`${APP_ORIGIN}/api/labs/${labId}/sandbox`, { headers: { cookie } }),
    labParams(labId),
  );
  expect(res.status).toBe(200);
  const { sandboxId } = (await res.json()) as { sandboxId: string };
  const { def, params } = instantiateLab(requireLab(labId), user.id);
  const check = async (): Promise<AttemptOutcome> => {
    const r = await postCheck(
      jsonRequest(`/api/labs/${labId}/check`, "POST", {}, { cookie }),
      labParams(labId),
    );
    expect(r.status).toBe(200);
    return (await r.json()) as AttemptOutcome;
  };
  const saved: Record<string, string> = {};
  // What the exec route passes: the owner and the lab's workspace (editor files).
  const owner = await authorizeSandbox(user, sandboxId, "write");
  const solveTask = (i: number) =>
    runSolution(
      def.tasks[i]!.solution,
      {
        run: (line) => runTerminalCommand(sandboxId, line, {}, undefined, { owner }),
        apply: (manifest) =>
          runTerminalCommand(sandboxId, "kubectl apply -f -", {}, undefined, {
            owner,
            stdin: manifest,
          }),
        control: async (control) => {
          await controlLabSandbox(user.id, labId, control);
        },
        writeFile: async (path, content) => {
          await saveWorkspaceFile(user.id, labId, path, content);
        },
        wait: async (ms) => {
          await advanceSandboxTime(sandboxId, ms);
        },
      },
      saved,
    );
  return { user, cookie, sandboxId, def, params, check, solveTask };
}

/** Failed checks as readable lines, so an assertion shows the feedback. */
export const failures = (a: AttemptOutcome) =>
  a.results
    .filter((r) => !r.passed)
    .map((r) => `${r.taskId}/${r.checkId}: ${r.feedback.join("; ")}`);

/** The whole lab: start fails every check, the solution passes every check, passes are recorded. */
export async function solveWholeLab(labId: string) {
  const l = await learnerInLab(labId);
  const before = await l.check();
  expect(before.results.filter((r) => r.passed).map((r) => r.checkId)).toEqual([]);
  expect(before.complete).toBe(false);
  for (let i = 0; i < l.def.tasks.length; i++) await l.solveTask(i);
  const after = await l.check();
  expect(failures(after)).toEqual([]);
  expect(after.score).toBe(after.maxScore);
  expect(after.complete).toBe(true);
  return { ...l, before, after };
}
