// kubectl drain through the terminal on a Postgres sandbox: the wait for the evicted
// pods runs on the sandbox's virtual clock (CliEnv.sleep), and the result persists.
import { describe, expect, it } from "vitest";
import { forget } from "@/lib/db/sandboxes/cache";
import { createUserSandbox, runTerminalCommand } from "@/lib/terminal";
import { createUser } from "./auth-fixtures";

describe("kubectl drain in the terminal (Postgres)", () => {
  it("evicts, waits for the pods to go, prints them evicted and the node drained", async () => {
    const user = await createUser("LEARNER");
    const id = await createUserSandbox(user.id);
    const run = (command: string) => runTerminalCommand(id, command);
    expect((await run("kubectl create deployment web --image=nginx --replicas=4")).exitCode).toBe(
      0,
    );
    await run("kubectl rollout status deployment/web");
    const r = await run("kubectl drain worker1 --ignore-daemonsets --timeout=60s");
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("node/worker1 cordoned");
    expect(lines.at(-1)).toBe("node/worker1 drained");
    const evicting = lines.filter((l) => l.startsWith("evicting pod "));
    expect(lines.filter((l) => / evicted$/.test(l))).toHaveLength(evicting.length);
    forget(id);
    const onWorker1 = await run(
      "kubectl get pods -A --field-selector spec.nodeName=worker1 -o name -l app=web",
    );
    expect(onWorker1.stdout).toBe("");
  });
});
