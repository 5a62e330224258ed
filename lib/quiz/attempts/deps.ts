import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SandboxState } from "@/lib/sim";

/** What the attempt service needs from outside; tests pass their own clock or sandbox. */
export interface QuizDeps {
  prisma: PrismaClient;
  now: () => Date;
  /** The learner's live sandbox state (cluster questions are graded against it). */
  clusterState: (userId: string) => Promise<SandboxState>;
}

let defaults: QuizDeps | undefined;

/** The app's wiring: lib/db's client, the wall clock, the learner's lab sandbox. */
export async function defaultQuizDeps(): Promise<QuizDeps> {
  if (!defaults) {
    // Loaded on first use: the sandbox modules configure the engine on import.
    const [{ db }, { userSandbox }, { sandboxEnv }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/terminal/user-sandbox"),
      import("@/lib/terminal/db-env"),
    ]);
    defaults = {
      prisma: db(),
      now: () => new Date(),
      clusterState: async (userId) => sandboxEnv(await userSandbox(userId)).state(),
    };
  }
  return defaults;
}
