import { beforeAll, describe, expect, it } from "vitest";
import { stopMember } from "../../etcd/cluster";
import { labTerminal } from "../testing";
import { DEFAULT_SESSION } from "../types";
import { runInContainer, terminatedLine, type ContainerTarget } from "./container-exec";

const ETCD: ContainerTarget = {
  namespace: "kube-system",
  podName: "etcd-master1",
  nodeName: "master1",
  container: { name: "etcd" },
  volumes: [],
};

describe("runInContainer: the container's own output, without kubectl's line", () => {
  let lab: ReturnType<typeof labTerminal>;
  const ctx = () => ({ env: lab.env, session: DEFAULT_SESSION, stdin: "" });
  beforeAll(() => {
    lab = labTerminal("container-exec");
  });

  it("env, hostname and echo", async () => {
    const env = await runInContainer(["env"], ctx(), ETCD);
    expect(env.stdout).toContain("HOSTNAME=etcd-master1\n");
    expect((await runInContainer(["hostname"], ctx(), ETCD)).stdout).toBe("etcd-master1\n");
    expect((await runInContainer(["echo", "a", "b"], ctx(), ETCD)).stdout).toBe("a b\n");
  });

  it("etcdctl only in the etcd container; a failing etcdctl is its stderr and exit code", async () => {
    const ok = await runInContainer(["etcdctl", "endpoint", "health"], ctx(), ETCD);
    expect(ok.exitCode).toBe(0);
    await lab.env.etcdStep((s) => ({
      state: { ...s, etcd: stopMember(s.etcd, "master1") },
      changes: { state: s.store, appended: [], removed: [], leasesChanged: false },
      result: undefined,
    }));
    const down = await runInContainer(["etcdctl", "put", "/x", "1"], ctx(), ETCD);
    expect(down.exitCode).toBe(1);
    expect(down.stderr).toMatch(/\nError: context deadline exceeded\n$/);
    expect(down.stderr).not.toContain("command terminated");
    const other = await runInContainer(["etcdctl", "version"], ctx(), {
      ...ETCD,
      container: { name: "nginx" },
    });
    expect(other.exitCode).toBe(127);
  });

  it("kubectl's line only for non-zero exits", () => {
    expect(terminatedLine(0)).toBe("");
    expect(terminatedLine(127)).toBe("command terminated with exit code 127\n");
  });
});
