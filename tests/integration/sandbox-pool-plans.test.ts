// The sandbox pool's connections run every named statement on its generic plan
// (plan_cache_mode=force_generic_plan, lib/db/sandboxes/pool.ts): planned once per
// connection, not once per call. Under PostgreSQL's default the request's write statement
// was planned afresh on every call (its custom plans fold the parameters that switch its
// parts off, so the generic plan never looked cheaper). The answers and the stored rows
// are those of any plan; this checks how PostgreSQL itself says it ran them.
import { describe, expect, it } from "vitest";
import { GET as getSandbox } from "@/app/api/sandboxes/route";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { readHistory } from "@/lib/terminal";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "./auth-fixtures";
import { plansOnOneConnection } from "./pool-statements";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe("sandbox pool plans", () => {
  it("runs the terminal's statements on their generic plans, the write more often than auto's five custom tries", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    const r = await getSandbox(new Request(`${APP_ORIGIN}/api/sandboxes`, { headers: { cookie } }));
    const { id } = (await r.json()) as { id: string };
    const commands = [
      "kubectl get nodes",
      "kubectl create configmap plans-1 --from-literal=k=v",
      "kubectl label configmap plans-1 tier=a",
      "kubectl get configmaps",
      "kubectl create deployment plans-web --image=nginx:1.25",
      "kubectl scale deployment plans-web --replicas=2",
      "kubectl delete configmap plans-1",
      "kubectl get pods",
    ];
    const answers: { status: number; exitCode: number }[] = [];
    const plans = await plansOnOneConnection(async () => {
      for (const command of commands) {
        const res = await exec(
          jsonRequest(`/api/sandboxes/${id}/exec`, "POST", { command }, { cookie }),
          params(id),
        );
        answers.push({ status: res.status, ...((await res.json()) as { exitCode: number }) });
      }
    });
    expect(answers.every((a) => a.status === 200 && a.exitCode === 0)).toBe(true);
    expect(await readHistory(id)).toEqual(commands);
    const write = plans.find((p) => p.name === "kubelab_write_request");
    // auto plans the first five runs of any statement for their values, whatever it then picks.
    expect(write?.generic).toBeGreaterThan(5);
    expect(plans.filter((p) => p.custom > 0)).toEqual([]);
  });
});
