import { beforeAll, describe, expect, it } from "vitest";
import { labTerminal } from "../testing";
import { DEFAULT_SESSION } from "../types";
import type { ContainerTarget } from "./container-exec";
import { execInContainer, NO_TTY_WARNING, shellLine, shellOverStdin } from "./container-shell";

const ETCD: ContainerTarget = {
  namespace: "kube-system",
  podName: "etcd-master1",
  nodeName: "master1",
  container: { name: "etcd" },
  volumes: [],
};

describe("the container's sh, line by line", () => {
  let lab: ReturnType<typeof labTerminal>;
  const ctx = (stdin = "") => ({ env: lab.env, session: DEFAULT_SESSION, stdin });
  beforeAll(() => {
    lab = labTerminal("container-shell");
  });

  it("runs a command and keeps its exit status as $?", async () => {
    const r = await shellLine("hostname", 0, ctx(), ETCD);
    expect(r).toEqual({ stdout: "etcd-master1\n", stderr: "", status: 0 });
    const bad = await shellLine("cat /nope", 0, ctx(), ETCD);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe("cat: /nope: No such file or directory\n");
  });

  it("an empty line keeps $?; exit uses $? or its argument modulo 256", async () => {
    expect(await shellLine("   ", 7, ctx(), ETCD)).toEqual({ stdout: "", stderr: "", status: 7 });
    expect((await shellLine("exit", 7, ctx(), ETCD)).exit).toBe(7);
    expect((await shellLine("exit 3", 0, ctx(), ETCD)).exit).toBe(3);
    expect((await shellLine("exit 257", 0, ctx(), ETCD)).exit).toBe(1);
  });

  it("pipes and bad quoting are the shell's errors, not a crash", async () => {
    const pipe = await shellLine("env | grep PATH", 0, ctx(), ETCD);
    expect(pipe.status).toBe(2);
    expect(pipe.stderr).toMatch(/파이프/);
    const quote = await shellLine("echo 'open", 0, ctx(), ETCD);
    expect(quote.exit).toBeUndefined();
    expect(quote.status).not.toBe(0);
  });

  it("over a pipe: every line, exit status of the last one or of exit", async () => {
    const r = await shellOverStdin("hostname\necho hi\nfalse\n", ctx(), ETCD);
    expect(r).toEqual({ stdout: "etcd-master1\nhi\n", stderr: "", exitCode: 1 });
    const early = await shellOverStdin("exit 4\nhostname\n", ctx(), ETCD);
    expect(early).toEqual({ stdout: "", stderr: "", exitCode: 4 });
  });

  it("kubectl exec without -i: sh reads nothing and exits 0; -it on a pipe warns first", async () => {
    const none = await execInContainer(["sh"], ctx("hostname\n"), ETCD, {
      stdin: false,
      tty: true,
    });
    expect(none).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    const piped = await execInContainer(["sh"], ctx("hostname\n"), ETCD, {
      stdin: true,
      tty: true,
    });
    expect(piped).toEqual({ stdout: "etcd-master1\n", stderr: NO_TTY_WARNING, exitCode: 0 });
    const plain = await execInContainer(["/bin/sh"], ctx("echo a\n"), ETCD, {
      stdin: true,
      tty: false,
    });
    expect(plain.stderr).toBe("");
    expect(plain.stdout).toBe("a\n");
  });

  it("through the terminal's kubectl: a pipe feeds sh; without -i sh exits 0 at once", async () => {
    const piped = await lab.run(
      "echo 'exit 3' | kubectl exec -i -n kube-system etcd-master1 -- sh",
    );
    expect(piped).toMatchObject({
      stdout: "",
      stderr: "command terminated with exit code 3\n",
      exitCode: 3,
    });
    const idle = await lab.run("kubectl exec -n kube-system etcd-master1 -- /bin/bash");
    expect(idle).toMatchObject({ stdout: "", stderr: "", exitCode: 0 });
  });
});
