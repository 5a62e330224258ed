// npx tsx bench/prisma-first-query.ts --trees=base=/path/a,new=/path/b [--rounds=6] [--gap=1500]
// A fresh server process's first Prisma route read, as 채점 makes it (lib/labs/server
// attempts.ts taskPasses + hints.ts revealedHints): each process runs its tree's
// instrumentation.ts register() as Next does at boot (lab templates off), waits `--gap`
// ms (boot → first learner), then times the two reads once, then the median of 20 more.
// Processes alternate per round (A B, B A, ...; bench/load/fresh-process-ab.ts) on one
// embedded database. Session 16
// (WARM): the Prisma client warmed at boot (lib/db/warm-client.ts).
import { createRequire } from "node:module";
import path from "node:path";
import * as fresh from "./load/fresh-process-ab";

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

async function child(root: string): Promise<void> {
  const req = createRequire(path.join(root, "package.json"));
  const from = <T>(p: string) => req(path.join(root, p)) as T;
  process.env.NEXT_RUNTIME = "nodejs";
  process.env.KUBELAB_WARM_LABS = "0";
  const { register } = from<typeof import("../instrumentation")>("instrumentation.ts");
  const { taskPasses } = from<typeof import("../lib/labs/server/attempts")>(
    "lib/labs/server/attempts.ts",
  );
  const { revealedHints } = from<typeof import("../lib/labs/server/hints")>(
    "lib/labs/server/hints.ts",
  );
  await register();
  await new Promise((done) => setTimeout(done, Number(arg("gap", "1500"))));
  await fresh.printFreshLine(
    () => Promise.all([taskPasses("nobody", "pods-101"), revealedHints("nobody", "pods-101")]),
    20,
  );
}

void fresh.freshProcessMain({
  script: import.meta.filename,
  database: "prisma_first_query",
  child,
  rounds: 6,
  args: [`--gap=${arg("gap", "1500")}`],
  what: "query",
});
