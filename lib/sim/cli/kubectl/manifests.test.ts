import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

const CM = (name: string, v = "1") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "${v}"\n`;

const FILES = {
  "web.yaml": CM("web"),
  "k8s/a.yaml": CM("a"),
  "k8s/b.yml": `${CM("b")}---\n${CM("c")}`,
  "k8s/notes.txt": "not a manifest",
  "k8s/deep/d.yaml": CM("d"),
  "bad.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: [\n",
  "nokind.yaml": "metadata:\n  name: x\n",
  "other-ns.yaml": `${CM("o")}`.replace("  name: o", "  name: o\n  namespace: kube-system"),
};

describe("kubectl -f reads the learner's workspace files", () => {
  it("applies a file by relative and absolute path", async () => {
    const { run } = labTerminal("manifests-file", FILES);
    expect(await run("kubectl apply -f web.yaml")).toMatchObject({
      stdout: "configmap/web created\n",
      exitCode: 0,
    });
    expect((await run("kubectl apply -f /root/web.yaml")).stdout).toBe("configmap/web unchanged\n");
  });

  it("a directory gives its .yaml/.yml/.json files; -R descends", async () => {
    const { run } = labTerminal("manifests-dir", FILES);
    expect((await run("kubectl create -f k8s")).stdout).toBe(
      "configmap/a created\nconfigmap/b created\nconfigmap/c created\n",
    );
    expect((await run("kubectl apply -R -f k8s/")).stdout).toBe(
      "configmap/a configured\nconfigmap/b configured\nconfigmap/c configured\nconfigmap/d created\n",
    );
    expect((await run("kubectl delete -f k8s")).stdout).toBe(
      'configmap "a" deleted\nconfigmap "b" deleted\nconfigmap "c" deleted\n',
    );
  });

  it("prints kubectl's errors for missing paths, bad YAML and missing kind", async () => {
    const { run } = labTerminal("manifests-errors", FILES);
    expect(await run("kubectl apply -f nope.yaml")).toMatchObject({
      stderr: 'error: the path "nope.yaml" does not exist\n',
      exitCode: 1,
    });
    expect((await run("kubectl apply -f bad.yaml")).stderr).toMatch(
      /^error: error parsing bad\.yaml: error converting YAML to JSON: yaml: /,
    );
    expect((await run("kubectl apply -f nokind.yaml")).stderr).toBe(
      'error: error validating "nokind.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    expect((await run("kubectl apply -f other-ns.yaml -n default")).stderr).toBe(
      `error: the namespace from the provided object "kube-system" does not match the namespace "default". You must pass '--namespace=kube-system' to perform this operation.\n`,
    );
  });

  it("cat and ls show workspace files in the home directory", async () => {
    const { run } = labTerminal("manifests-cat", FILES);
    expect((await run("cat web.yaml")).stdout).toBe(FILES["web.yaml"]);
    expect((await run("ls")).stdout).toBe("bad.yaml  k8s  nokind.yaml  other-ns.yaml  web.yaml\n");
    expect((await run("ls k8s")).stdout).toBe("a.yaml  b.yml  deep  notes.txt\n");
    expect((await run("cat /etc/kubernetes/manifests/etcd.yaml")).stdout).toContain("kind: Pod");
  });

  it("-f - still reads the pipe", async () => {
    const { run } = labTerminal("manifests-stdin", FILES);
    expect((await run("cat web.yaml | kubectl apply -f -")).stdout).toBe("configmap/web created\n");
  });
});
