import { describe, expect, it } from "vitest";
import { labTerminal } from "@/lib/sim/cli/testing";
import {
  exitStatus,
  LineBuffer,
  runExec,
  type ExecChannels,
  type ExecStatus,
} from "./exec-session";

function fakeChannels(input: string | undefined, tty = false) {
  const lines = new LineBuffer();
  if (input !== undefined) {
    lines.push(new TextEncoder().encode(input));
    lines.end();
  }
  const out = { stdout: "", stderr: "", status: undefined as ExecStatus | undefined };
  const ch: ExecChannels = {
    stdin: input !== undefined,
    tty,
    closed: false,
    writeStdout: (t) => (out.stdout += t),
    writeStderr: (t) => (out.stderr += t),
    readLine: () => lines.read(),
    finish: (s) => (out.status = s),
  };
  return { ch, out };
}

const TARGET = {
  namespace: "kube-system",
  podName: "etcd-master1",
  nodeName: "master1",
  container: { name: "etcd" },
  volumes: [],
};

describe("an exec session over any wire", () => {
  const lab = labTerminal("exec-session");

  it("a command's output, then Success or NonZeroExitCode with the exit code", async () => {
    const ok = fakeChannels(undefined);
    await runExec(ok.ch, { command: ["hostname"], target: TARGET, env: lab.env });
    expect(ok.out).toEqual({
      stdout: "etcd-master1\n",
      stderr: "",
      status: { metadata: {}, status: "Success" },
    });
    const bad = fakeChannels(undefined);
    await runExec(bad.ch, { command: ["cat", "/x"], target: TARGET, env: lab.env });
    expect(bad.out.stderr).toBe("cat: /x: No such file or directory\n");
    expect(bad.out.status).toEqual(exitStatus(["cat", "/x"], 1));
    expect(bad.out.status?.details?.causes).toEqual([{ reason: "ExitCode", message: "1" }]);
  });

  it("sh: lines from stdin, exit N, the last status at EOF, a prompt and CR LF on a tty", async () => {
    const s = fakeChannels("hostname\r\ncat /x\n");
    await runExec(s.ch, { command: ["sh"], target: TARGET, env: lab.env });
    expect(s.out.stdout).toBe("etcd-master1\n");
    expect(s.out.status?.reason).toBe("NonZeroExitCode");
    const tty = fakeChannels("hostname\rexit\r", true);
    await runExec(tty.ch, { command: ["sh"], target: TARGET, env: lab.env });
    expect(tty.out.stdout).toBe("# etcd-master1\r\n# ");
    expect(tty.out.status?.status).toBe("Success");
    const pipe = fakeChannels("env | grep X\n");
    await runExec(pipe.ch, { command: ["sh"], target: TARGET, env: lab.env });
    expect(pipe.out.stderr).toMatch(/파이프/);
  });

  it("LineBuffer splits CR, LF and CR LF across chunks and ends with the rest", async () => {
    const b = new LineBuffer();
    b.push(new TextEncoder().encode("a\r"));
    b.push(new TextEncoder().encode("\nb\nc"));
    const pending = [b.read(), b.read(), b.read()];
    b.end();
    expect(await Promise.all(pending)).toEqual(["a", "b", "c"]);
    expect(await b.read()).toBeUndefined();
  });
});
