// The terminal's files, stdin and edit over a real Postgres sandbox: the
// learner's workspace files are what `cat`, `ls` and `kubectl apply -f` see, the
// editor's "적용" pipes a file into `kubectl apply -f -`, and `kubectl edit` is
// saved through its own route. Another user's sandbox is a 404 everywhere.
import { describe, expect, it } from "vitest";
import { GET as getSandbox } from "@/app/api/sandboxes/route";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { POST as edit } from "@/app/api/sandboxes/[id]/edit/route";
import type { EditSession } from "@/lib/sim/cli";
import { saveWorkspaceFile } from "@/lib/workspace";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "./auth-fixtures";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

interface Answer {
  stdout: string;
  stderr: string;
  exitCode: number;
  edit?: EditSession;
}

async function signedIn() {
  const user = await createUser("LEARNER");
  const cookie = await sessionCookie(user.id);
  const r = await getSandbox(new Request(`${APP_ORIGIN}/api/sandboxes`, { headers: { cookie } }));
  const { id } = (await r.json()) as { id: string };
  const run = async (command: string, stdin?: string, as = cookie, sandbox = id) => {
    const res = await exec(
      jsonRequest(
        `/api/sandboxes/${sandbox}/exec`,
        "POST",
        { command, ...(stdin !== undefined ? { stdin } : {}) },
        { cookie: as },
      ),
      params(sandbox),
    );
    return { status: res.status, body: (await res.json()) as Answer };
  };
  const save = async (body: object, as = cookie, sandbox = id) => {
    const res = await edit(
      jsonRequest(`/api/sandboxes/${sandbox}/edit`, "POST", body, { cookie: as }),
      params(sandbox),
    );
    return { status: res.status, body: (await res.json()) as Answer };
  };
  return { user, cookie, id, run, save };
}

const CM = (name: string, v: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "${v}"\n`;

describe("terminal files, stdin and edit", () => {
  it("cat, ls and kubectl apply -f read the free sandbox's workspace files", async () => {
    const { user, run } = await signedIn();
    await saveWorkspaceFile(user.id, "sandbox", "web.yaml", CM("web", "1"));
    await saveWorkspaceFile(user.id, "other-lab", "lab-only.yaml", CM("lab", "1"));
    expect((await run("ls")).body.stdout).toBe("web.yaml\n");
    expect((await run("cat web.yaml")).body.stdout).toBe(CM("web", "1"));
    expect((await run("kubectl apply -f web.yaml")).body).toEqual({
      stdout: "configmap/web created\n",
      stderr: "",
      exitCode: 0,
    });
    expect((await run("kubectl apply -f lab-only.yaml")).body.stderr).toBe(
      'error: the path "lab-only.yaml" does not exist\n',
    );
  });

  it("stdin feeds kubectl apply -f - (the editor's 적용); over 1 MiB is refused in Korean", async () => {
    const { run } = await signedIn();
    expect((await run("kubectl apply -f -", CM("piped", "1"))).body.stdout).toBe(
      "configmap/piped created\n",
    );
    expect((await run("kubectl apply -f -", CM("piped", "2"))).body.stdout).toBe(
      "configmap/piped configured\n",
    );
    expect((await run("kubectl get cm piped -o jsonpath={.data.a}")).body.stdout).toBe("2");
    const big = await run("kubectl apply -f -", `# ${"가".repeat(400_000)}\n`);
    expect(big.status).toBe(413);
    expect(JSON.stringify(big.body)).toContain("요청 본문이 너무 큽니다");
  });

  it("kubectl edit opens the object; saving patches it, an invalid save reopens with the errors", async () => {
    const { run, save } = await signedIn();
    await run("kubectl create deployment web --image=nginx --replicas=2");
    const opened = await run("kubectl edit deployment web");
    expect(opened.body.exitCode).toBe(0);
    const session = opened.body.edit!;
    expect(session.content).toMatch(/^# Please edit the object below\./);
    const ok = await save({
      content: session.content.replace("  replicas: 2\n", "  replicas: 3\n"),
      target: session.target,
      path: session.path,
    });
    expect(ok.body).toEqual({ stdout: "deployment.apps/web edited\n", stderr: "", exitCode: 0 });
    expect((await run("kubectl get deploy web -o jsonpath={.spec.replicas}")).body.stdout).toBe(
      "3",
    );
    const bad = await save({
      content: session.content.replace("  replicas: 2\n", "  replicas: -1\n"),
      target: session.target,
      path: session.path,
    });
    expect(bad.body.stderr).toBe('error: deployments.apps "web" is invalid\n');
    expect(bad.body.edit?.content).toContain('# deployments.apps "web" was not valid:\n');
    expect(bad.body.edit?.path).toBe(session.path);
    expect((await save({ content: session.content, target: session.target })).body.stderr).toBe(
      "Edit cancelled, no changes made.\n",
    );
  });

  it("another learner's sandbox is a 404 for exec, stdin and edit", async () => {
    const owner = await signedIn();
    const other = await signedIn();
    const e = await owner.run("kubectl edit cm kube-root-ca.crt");
    expect((await other.run("kubectl get pods", undefined, other.cookie, owner.id)).status).toBe(
      404,
    );
    expect(
      (await other.run("kubectl apply -f -", CM("x", "1"), other.cookie, owner.id)).status,
    ).toBe(404);
    expect(
      (await other.save({ content: "x: 1\n", target: e.body.edit!.target }, other.cookie, owner.id))
        .status,
    ).toBe(404);
  });

  it("a malformed edit target is refused before anything runs", async () => {
    const { save } = await signedIn();
    const r = await save({
      content: "a: 1\n",
      target: {
        format: "yaml",
        list: false,
        objects: [{ path: "/etc/passwd", label: "x", qualified: "x", original: {} }],
      },
    });
    expect(r.status).toBe(400);
  });
});
