import type { SandboxState } from "@/lib/sim";
import type { Sql } from "./attempt-rows";

/** What the attempt service needs from outside; tests pass their own clock, pool or sandbox. */
export interface QuizDeps {
  /** node-postgres (lib/db/sandboxes/pool.ts): every quiz read and write is one statement on it. */
  sql: Sql;
  now: () => Date;
  /**
   * The learner's live sandbox state (cluster questions are graded against it); `sandboxId`:
   * their free sandbox when the caller already knows it (withLearnerSandbox).
   */
  clusterState: (userId: string, sandboxId?: string) => Promise<SandboxState>;
}

let defaults: QuizDeps | undefined;

/** The app's wiring: the sandboxes' pg pool, the wall clock, the learner's lab sandbox. */
export async function defaultQuizDeps(): Promise<QuizDeps> {
  if (!defaults) {
    // Loaded on first use: the sandbox modules configure the engine on import.
    const [{ pool }, { userSandbox }, { sandboxEnv }] = await Promise.all([
      import("@/lib/db/sandboxes/pool"),
      import("@/lib/terminal/user-sandbox"),
      import("@/lib/terminal/db-env"),
    ]);
    defaults = {
      sql: pool(),
      now: () => new Date(),
      clusterState: async (userId, sandboxId) =>
        sandboxEnv(sandboxId ?? (await userSandbox(userId))).state(),
    };
  }
  return defaults;
}

/**
 * `deps` grading `userId`'s cluster questions against `sandboxId`, their free sandbox as
 * the route read it with the user's row (quiz-requester.ts): not looked up again.
 */
export function withLearnerSandbox(deps: QuizDeps, userId: string, sandboxId: string): QuizDeps {
  return {
    ...deps,
    clusterState: (user, known) =>
      deps.clusterState(user, known ?? (user === userId ? sandboxId : undefined)),
  };
}
