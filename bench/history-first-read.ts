// npx tsx bench/history-first-read.ts --trees=base=/path/a,new=/path/b [--rounds=4] [--reads=40]
// The terminal's GET history as a lab page's open meets it in a web worker: the route
// module loaded and the sandbox pool and Prisma's client in use (a user created through
// Prisma, commands run), but the history never read yet in this process. Each round
// starts one fresh process per tree, in turns (A B, B A, ...; bench/load/fresh-process-ab.ts),
// on one embedded database;
// each process prints its first read's wall and CPU time, then the median of `--reads`
// more. Session 16 (TAIL): the history read moved from Prisma's findMany to the
// authorization query's round trip; figures in the commit message.
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import path from "node:path";
import * as fresh from "./load/fresh-process-ab";

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

async function child(root: string): Promise<void> {
  // require, not import(): next-auth's providers load as CommonJS (as the app's bundle does).
  const req = createRequire(path.join(root, "package.json"));
  // Each tree's own modules; typed as this tree's (the functions used have one signature).
  const from = <T>(p: string) => req(path.join(root, p)) as T;
  const { encode } = await import("next-auth/jwt");
  const { db } = from<typeof import("../lib/db/client")>("lib/db/client.ts");
  const { createUserSandbox, runTerminalCommand } =
    from<typeof import("../lib/terminal")>("lib/terminal/index.ts");
  const { GET: history } = from<typeof import("../app/api/sandboxes/[id]/history/route")>(
    "app/api/sandboxes/[id]/history/route.ts",
  );
  const origin = "http://localhost:3000";
  const user = await db().user.create({
    data: { email: `h-${randomUUID()}@example.com`, name: "h", role: "LEARNER", passwordHash: "x" },
  });
  const token = await encode({
    token: { sub: user.id, sid: randomUUID() },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  const cookie = `next-auth.session-token=${token}`;
  const id = await createUserSandbox(user.id);
  const ctx = { params: Promise.resolve({ id }) };
  for (const command of ["kubectl get nodes", "kubectl create namespace h"])
    if ((await runTerminalCommand(id, command)).exitCode !== 0) throw new Error(command);
  await fresh.printFreshLine(
    async () => {
      const res = await history(
        new Request(`${origin}/api/sandboxes/${id}/history`, { headers: { cookie } }),
        ctx,
      );
      const body = (await res.json()) as { history: string[] };
      if (res.status !== 200 || body.history.length !== 2) throw new Error(`history ${res.status}`);
    },
    Number(arg("reads", "40")),
  );
}

// The children inherit it: they sign the session cookie the route then reads.
process.env.NEXTAUTH_SECRET ??= "bench-history-secret";

void fresh.freshProcessMain({
  script: import.meta.filename,
  database: "history_first_read",
  child,
  rounds: 4,
  args: [`--reads=${arg("reads", "40")}`],
  what: "read",
});
