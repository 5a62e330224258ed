// Streaming terminal commands over a real Postgres sandbox: a change made by another
// request - here by a second OS process, as another app instance would - appears in an
// open stream, printed as the real tool prints it.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createUserSandbox, runTerminalCommand, streamCommand } from "@/lib/terminal";
import { createUser } from "./auth-fixtures";

function otherProcess(args: string[]): Promise<void> {
  const worker = path.join(import.meta.dirname, "sandbox-worker.ts");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", worker, ...args], {
      env: { ...process.env },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`worker ${code}`))));
  });
}

/** Reads SSE events until `done(text)` holds; returns the stdout text and the events seen. */
function open(id: string, line: string) {
  const abort = new AbortController();
  const reader = streamCommand(id, line, {}, abort.signal, 150).getReader();
  const dec = new TextDecoder();
  let raw = "";
  const stdout = () =>
    [...raw.matchAll(/event: stdout\ndata: (.*)\n\n/g)]
      .map((m) => JSON.parse(m[1]!) as string)
      .join("");
  return {
    stdout,
    raw: () => raw,
    async until(done: (text: string) => boolean, ms = 30_000) {
      const end = Date.now() + ms;
      while (!done(stdout()) && !/event: exit/.test(raw)) {
        if (Date.now() > end) throw new Error(`timed out; got:\n${raw}`);
        const { value, done: eof } = await reader.read();
        if (eof) break;
        raw += dec.decode(value);
      }
      return stdout();
    },
    close() {
      abort.abort();
      void reader.cancel();
    },
  };
}

async function sandbox() {
  const user = await createUser("LEARNER");
  return createUserSandbox(user.id);
}

describe("terminal streams (Postgres)", () => {
  it("kubectl get -w prints the list, then one row per change made by another process", async () => {
    const id = await sandbox();
    const s = open(id, "kubectl get configmaps -w");
    const first = await s.until((t) => t.includes("kube-root-ca.crt"));
    expect(first).toMatch(/^NAME\s+DATA\s+AGE\nkube-root-ca\.crt\s+1\s+\d+[smh]\n$/);
    await otherProcess(["create", id, "streamed", "2"]);
    const text = await s.until((t) => t.includes("streamed-1"));
    s.close();
    // Each event is a row of its own, printed with no header (AGE as of the pass that saw it).
    expect(text.slice(first.length)).toMatch(/^streamed-0\s+0\s+\d+s\nstreamed-1\s+0\s+\d+s\n$/);
  });

  it("--watch-only prints nothing until a change; -o name prints kind/name per event", async () => {
    const id = await sandbox();
    const s = open(id, "kubectl get cm --watch-only -o name");
    await new Promise((r) => setTimeout(r, 500));
    expect(s.stdout()).toBe("");
    await runTerminalCommand(id, "kubectl create configmap later");
    expect(await s.until((t) => t.includes("later"))).toBe("configmap/later\n");
    s.close();
  });

  it("etcdctl watch --prefix prints each write as etcdctl does", async () => {
    const id = await sandbox();
    const s = open(id, "etcdctl watch --prefix /registry/configmaps/default/");
    await new Promise((r) => setTimeout(r, 400));
    await otherProcess(["create", id, "etcdw", "1"]);
    const text = await s.until((t) => t.includes("etcdw-0"));
    s.close();
    expect(text).toMatch(/^PUT\n\/registry\/configmaps\/default\/etcdw-0\n\{.*"name":"etcdw-0"/);
  });

  it("tail -f /var/log/audit.log | grep follows the audit rows through the pipe", async () => {
    const id = await sandbox();
    const s = open(id, 'tail -f /var/log/audit.log | grep "configmaps"');
    // tail -f shows what is appended after it opened: keep writing until a write lands after.
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop && i < 40; i++) {
        await runTerminalCommand(id, `kubectl create configmap audited-${i}`);
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    const created = (t: string) =>
      t
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { verb: string; requestURI: string })
        .find(
          (e) =>
            e.verb === "create" && e.requestURI.startsWith("/api/v1/namespaces/default/configmaps"),
        );
    const text = await s.until((t) => created(t) !== undefined);
    stop = true;
    await writer;
    s.close();
    // Every line that came through the pipe is an audit event that mentions configmaps.
    expect(
      text
        .split("\n")
        .filter(Boolean)
        .every((l) => l.includes("configmaps")),
    ).toBe(true);
    expect(created(text)).toMatchObject({ user: { username: "kubernetes-admin" } });
  });

  it("rollout status ends by itself when the rollout finishes; bad input ends with the tool's error", async () => {
    const id = await sandbox();
    await runTerminalCommand(id, "kubectl create deployment web --image=nginx");
    const s = open(id, "kubectl rollout status deployment/web");
    const text = await s.until(() => false, 60_000);
    expect(text).toMatch(/deployment "web" successfully rolled out\n$/);
    expect(s.raw()).toMatch(/event: exit\ndata: \{"exitCode":0\}/);
    s.close();
    const bad = open(id, "kubectl get nosuchthing -w");
    await bad.until(() => false);
    expect(bad.raw()).toMatch(
      /event: stderr\ndata: "error: the server doesn't have a resource type \\"nosuchthing\\"\\n"/,
    );
    expect(bad.raw()).toMatch(/event: exit\ndata: \{"exitCode":1\}/);
    bad.close();
  });
});
