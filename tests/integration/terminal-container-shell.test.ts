// The terminal's `kubectl exec -it POD -- sh` over the shell route with a real
// Postgres sandbox: opening (and kubectl's refusals), lines run in the container,
// `$?` carried by the browser, `exit N` → kubectl's "command terminated with exit
// code N", Ctrl-D, and who may use it (owner only; instructors read-only → 403).
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getSandbox } from "@/app/api/sandboxes/route";
import { POST as shellRoute } from "@/app/api/sandboxes/[id]/shell/route";
import { GET as history } from "@/app/api/sandboxes/[id]/history/route";
import type { ShellHandle } from "@/lib/terminal";
import { APP_ORIGIN } from "./auth-fixtures";
import { actor, classWith, ctx, get, send, type Actor } from "./classes-fixtures";

const ETCD = "kubectl exec -it -n kube-system etcd-master1 -- sh";
const HEALTH =
  "etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key endpoint health";

let learner: Actor;
let sandboxId: string;

const post = async (body: unknown, who: Actor = learner, id = sandboxId) => {
  const res = await shellRoute(send(`/api/sandboxes/${id}/shell`, "POST", body, who), ctx({ id }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

async function open(command: string) {
  const r = await post({ command });
  expect(r.status).toBe(200);
  return r.body as { stdout: string; stderr: string; exitCode: number; shell?: ShellHandle };
}

const line = async (shell: ShellHandle, text: string, status = 0) =>
  (await post({ shell, line: text, status })).body as {
    stdout: string;
    stderr: string;
    status: number;
    exit?: number;
  };

beforeAll(async () => {
  learner = await actor("LEARNER");
  const r = await getSandbox(
    new Request(`${APP_ORIGIN}/api/sandboxes`, { headers: { cookie: learner.cookie } }),
  );
  sandboxId = ((await r.json()) as { id: string }).id;
});

describe("POST /api/sandboxes/:id/shell", () => {
  it("opens etcd-master1's sh with its prompt and runs etcdctl in it; exit 3 is kubectl's exit code", async () => {
    const opened = await open(ETCD);
    expect(opened).toMatchObject({ stdout: "# ", stderr: "", exitCode: 0 });
    const shell = opened.shell!;
    expect(shell).toEqual({
      namespace: "kube-system",
      pod: "etcd-master1",
      container: "etcd",
      tty: true,
    });
    const health = await line(shell, HEALTH);
    expect(health.stdout).toMatch(
      /^https:\/\/127\.0\.0\.1:2379 is healthy: successfully committed proposal: took = .+\n# $/,
    );
    expect(health.status).toBe(0);
    // On a tty the shell's stderr shares the screen with stdout.
    const missing = await line(shell, "cat /nope");
    expect(missing).toEqual({
      stdout: "cat: /nope: No such file or directory\n# ",
      stderr: "",
      status: 1,
    });
    expect(await line(shell, "hostname", 1)).toMatchObject({
      stdout: "etcd-master1\n# ",
      status: 0,
    });
    expect(await line(shell, "exit 3")).toEqual({
      stdout: "",
      stderr: "command terminated with exit code 3\n",
      status: 0,
      exit: 3,
    });
    // Ctrl-D: sh ends with $?; 0 leaves without kubectl's line.
    expect((await post({ shell, eof: true, status: 0 })).body).toEqual({
      stdout: "",
      stderr: "",
      status: 0,
      exit: 0,
    });
    // The exec line is in the outer history; the lines typed inside are not.
    const h = await history(
      get(`/api/sandboxes/${sandboxId}/history`, learner),
      ctx({ id: sandboxId }),
    );
    const { history: lines } = (await h.json()) as { history: string[] };
    expect(lines.at(-1)).toBe(ETCD);
    expect(lines).not.toContain("hostname");
  });

  it("without -t: no prompt, stderr apart", async () => {
    const opened = await open("kubectl exec -i -n kube-system etcd-master1 -- /bin/sh");
    expect(opened.stdout).toBe("");
    expect(opened.shell?.tty).toBe(false);
    expect(await line(opened.shell!, "cat /nope")).toEqual({
      stdout: "",
      stderr: "cat: /nope: No such file or directory\n",
      status: 1,
    });
  });

  it("kubectl's refusals and non-shell lines run as ordinary commands", async () => {
    const missing = await open("kubectl exec -it nope -- sh");
    expect(missing).toEqual({
      stdout: "",
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    });
    const noStdin = await open("kubectl exec -n kube-system etcd-master1 -- sh");
    expect(noStdin).toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  it("a shell whose pod went away ends as its killed process (137)", async () => {
    const gone: ShellHandle = { namespace: "default", pod: "gone", container: "app", tty: true };
    expect(await line(gone, "hostname")).toEqual({
      stdout: "",
      stderr: "command terminated with exit code 137\n",
      status: 137,
      exit: 137,
    });
  });

  it("another learner gets 404, the learner's instructor 403 (read-only), a bad body 400", async () => {
    const other = await actor("LEARNER");
    expect((await post({ command: ETCD }, other)).status).toBe(404);
    const instructor = await actor("INSTRUCTOR");
    await classWith(instructor, [learner]);
    expect((await post({ command: ETCD }, instructor)).status).toBe(403);
    const shell = { namespace: "kube-system", pod: "etcd-master1", container: "etcd", tty: true };
    expect((await post({ shell, line: "hostname", status: 0 }, instructor)).status).toBe(403);
    expect((await post({ shell, line: "hostname", status: 300 })).status).toBe(400);
    expect(
      (await post({ shell: { ...shell, namespace: "Bad NS" }, line: "x", status: 0 })).status,
    ).toBe(400);
  });
});
