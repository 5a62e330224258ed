// The terminal's HTTP API over a real Postgres sandbox: the lesson's commands run
// and persist, history survives, only the owner may use the sandbox, reset works.
import { describe, expect, it } from "vitest";
import { GET as getSandbox } from "@/app/api/sandboxes/route";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { GET as history } from "@/app/api/sandboxes/[id]/history/route";
import { POST as complete } from "@/app/api/sandboxes/[id]/complete/route";
import { POST as reset } from "@/app/api/sandboxes/[id]/reset/route";
import { GET as stream } from "@/app/api/sandboxes/[id]/stream/route";
import { db } from "@/lib/db/client";
import { forget } from "@/lib/db/sandboxes/cache";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function signedIn() {
  const user = await createUser("LEARNER");
  const cookie = await sessionCookie(user.id);
  const r = await getSandbox(new Request(`${APP_ORIGIN}/api/sandboxes`, { headers: { cookie } }));
  expect(r.status).toBe(200);
  const { id } = (await r.json()) as { id: string };
  const run = async (command: string, namespace?: string) => {
    const res = await exec(
      jsonRequest(
        `/api/sandboxes/${id}/exec`,
        "POST",
        { command, ...(namespace ? { namespace } : {}) },
        { cookie },
      ),
      params(id),
    );
    return {
      status: res.status,
      body: (await res.json()) as { stdout: string; stderr: string; exitCode: number },
    };
  };
  return { user, cookie, id, run };
}

describe("terminal API", () => {
  it("runs the lesson's commands against the learner's cluster", async () => {
    const { run } = await signedIn();
    const nodes = await run("kubectl get nodes -o wide");
    expect(nodes.status).toBe(200);
    expect(nodes.body.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP/);
    expect(nodes.body.stdout).toMatch(/master1\s+Ready\s+control-plane/);
    expect((await run("kubectl get pods -n kube-system")).body.stdout).toMatch(
      /kube-scheduler-master1\s+1\/1\s+Running/,
    );
    expect((await run("kubectl get --raw='/healthz'")).body).toEqual({
      stdout: "ok",
      stderr: "",
      exitCode: 0,
    });
    const health = await run(
      "kubectl exec -n kube-system etcd-master1 -- etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key endpoint health",
    );
    expect(health.body.stdout).toMatch(/^https:\/\/127\.0\.0\.1:2379 is healthy/);
    expect(
      (await run("kubectl get endpoints kube-scheduler -n kube-system -o yaml")).body.stderr,
    ).toBe('Error from server (NotFound): endpoints "kube-scheduler" not found\n');
  });

  it("writes persist: a fresh load from Postgres sees them, etcdctl included", async () => {
    const { id, run } = await signedIn();
    expect(
      (await run("kubectl create deployment web --image=nginx --replicas=2")).body.stdout,
    ).toBe("deployment.apps/web created\n");
    expect((await run("etcdctl put /lab/key v1")).body.stdout).toBe("OK\n");
    forget(id); // drop this process's cached copy: the next command loads from the database
    expect((await run("kubectl get deploy web -o name")).body.stdout).toBe("deployment.apps/web\n");
    expect((await run("etcdctl get /lab/key --print-value-only")).body.stdout).toBe("v1\n");
    expect(
      (await run("etcdctl get --prefix /registry/pods/default/ --keys-only | grep -c web")).body
        .stdout,
    ).toBe("2\n");
  });

  it("keeps history per sandbox and completes names", async () => {
    const { id, cookie, run } = await signedIn();
    await run("kubectl get nodes");
    await run("kubectl version");
    const h = await history(
      new Request(`${APP_ORIGIN}/api/sandboxes/${id}/history`, { headers: { cookie } }),
      params(id),
    );
    expect(((await h.json()) as { history: string[] }).history).toEqual([
      "kubectl get nodes",
      "kubectl version",
    ]);
    expect((await run("history")).body.stdout).toBe(
      "    1  kubectl get nodes\n    2  kubectl version\n    3  history\n",
    );
    const c = await complete(
      jsonRequest(
        `/api/sandboxes/${id}/complete`,
        "POST",
        { line: "kubectl get nodes wor" },
        { cookie },
      ),
      params(id),
    );
    expect(((await c.json()) as { candidates: string[] }).candidates).toEqual([
      "worker1",
      "worker2",
    ]);
  });

  it("only the owner may use a sandbox; signed-out is 401; bad input is 400", async () => {
    const a = await signedIn();
    const b = await signedIn();
    const foreign = await exec(
      jsonRequest(
        `/api/sandboxes/${a.id}/exec`,
        "POST",
        { command: "kubectl get pods" },
        { cookie: b.cookie },
      ),
      params(a.id),
    );
    expect(foreign.status).toBe(404);
    const anon = await exec(
      jsonRequest(`/api/sandboxes/${a.id}/exec`, "POST", { command: "kubectl get pods" }),
      params(a.id),
    );
    expect(anon.status).toBe(401);
    const big = await exec(
      jsonRequest(
        `/api/sandboxes/${a.id}/exec`,
        "POST",
        { command: "x".repeat(70 * 1024) },
        { cookie: a.cookie },
      ),
      params(a.id),
    );
    expect(big.status).toBe(400);
    const hist = await history(
      new Request(`${APP_ORIGIN}/api/sandboxes/${a.id}/history`, { headers: { cookie: b.cookie } }),
      params(a.id),
    );
    expect(hist.status).toBe(404);
  });

  it("reset replaces the sandbox and clears its history", async () => {
    const { id, cookie, run } = await signedIn();
    await run("kubectl create namespace gone");
    const historyRows = () => db().terminalCommand.count({ where: { sandboxId: id } });
    expect(await historyRows()).toBe(1);
    const r = await reset(
      jsonRequest(`/api/sandboxes/${id}/reset`, "POST", {}, { cookie }),
      params(id),
    );
    expect(r.status).toBe(200);
    const fresh = ((await r.json()) as { id: string }).id;
    expect(fresh).not.toBe(id);
    expect(await historyRows()).toBe(0);
    const again = await exec(
      jsonRequest(
        `/api/sandboxes/${fresh}/exec`,
        "POST",
        { command: "kubectl get ns gone" },
        { cookie },
      ),
      params(fresh),
    );
    expect(((await again.json()) as { stderr: string }).stderr).toBe(
      'Error from server (NotFound): namespaces "gone" not found\n',
    );
    const old = await exec(
      jsonRequest(`/api/sandboxes/${id}/exec`, "POST", { command: "kubectl get ns" }, { cookie }),
      params(id),
    );
    expect(old.status).toBe(404);
  });

  it("streams -w output as server-sent events until the client disconnects", async () => {
    const { id, cookie, run } = await signedIn();
    const abort = new AbortController();
    const url = `${APP_ORIGIN}/api/sandboxes/${id}/stream?command=${encodeURIComponent("kubectl get ns -w")}`;
    const res = await stream(
      new Request(url, { headers: { cookie }, signal: abort.signal }),
      params(id),
    );
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let text = "";
    while (!text.includes("kube-system")) text += dec.decode((await reader.read()).value);
    expect(text).toMatch(/^event: stdout\ndata: "NAME\s+STATUS\s+AGE\\n/);
    await run("kubectl create namespace streamed");
    while (!text.includes("streamed")) text += dec.decode((await reader.read()).value);
    expect(text).toMatch(/streamed\s+Active/);
    abort.abort();
    await reader.cancel();
  });

  it("streams etcdctl watch events as the API server writes", async () => {
    const { id, cookie, run } = await signedIn();
    const abort = new AbortController();
    const command = "etcdctl watch --prefix /registry/configmaps/default/";
    const url = `${APP_ORIGIN}/api/sandboxes/${id}/stream?command=${encodeURIComponent(command)}`;
    const res = await stream(
      new Request(url, { headers: { cookie }, signal: abort.signal }),
      params(id),
    );
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    await run("kubectl create configmap watched --from-literal=a=1");
    let text = "";
    while (!text.includes("watched")) text += dec.decode((await reader.read()).value);
    expect(text).toMatch(
      /^event: stdout\ndata: "PUT\\n\/registry\/configmaps\/default\/watched\\n/,
    );
    abort.abort();
    await reader.cancel();
  });
});
