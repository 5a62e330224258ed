import { beforeAll, describe, expect, it, vi } from "vitest";
import { completions } from "./completion";
import { labTerminal } from "./testing";
import { DEFAULT_SESSION } from "./types";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

describe("Tab completion", () => {
  let env: ReturnType<typeof labTerminal>["env"];
  beforeAll(() => {
    env = labTerminal("complete").env;
  });
  const complete = (line: string, namespace = "default") =>
    completions(line, env, { ...DEFAULT_SESSION, namespace });

  it("programs, kubectl subcommands and resource kinds", async () => {
    expect((await complete("kub")).candidates).toEqual(["kubeadm", "kubectl"]);
    expect((await complete("kubectl ge")).candidates).toEqual(["get"]);
    expect((await complete("kubectl get deploy")).candidates).toEqual(["deployments"]);
  });

  it("object names in the session's or the -n namespace", async () => {
    expect((await complete("kubectl get nodes w")).candidates).toEqual(["worker1", "worker2"]);
    expect((await complete("kubectl get pods -n kube-system etcd")).candidates).toEqual([
      "etcd-master1",
    ]);
    expect((await complete("kubectl logs kube-sch", "kube-system")).candidates).toEqual([
      "kube-scheduler-master1",
    ]);
    expect((await complete("kubectl get pods x")).candidates).toEqual([]);
  });

  it("workspace files after -f and cat; describe and drain complete names", async () => {
    const withFiles = labTerminal("complete-files", { "web.yaml": "", "db.yaml": "" }).env;
    const c = (line: string) => completions(line, withFiles, DEFAULT_SESSION);
    expect((await c("kubectl apply -f w")).candidates).toEqual(["web.yaml"]);
    expect((await c("cat ")).candidates).toEqual(["db.yaml", "web.yaml"]);
    expect((await c("kubectl describe node m")).candidates).toEqual(["master1"]);
    expect((await c("kubectl drain w")).candidates).toEqual(["worker1", "worker2"]);
  });
});
