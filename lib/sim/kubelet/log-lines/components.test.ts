import { describe, expect, it } from "vitest";
import { componentLines } from "./components";
import type { RunContext } from "./types";

const T = Date.UTC(2026, 0, 5, 9, 0, 0);
const ctx: RunContext = {
  podName: "x",
  namespace: "kube-system",
  nodeName: "master1",
  podIP: "192.168.56.10",
  startedAt: T,
  endAt: T + 60_000,
  env: {},
};

describe("control-plane start-up logs", () => {
  it("kube-apiserver writes klog lines with its advertise address and version", () => {
    const lines = componentLines(
      "kube-apiserver",
      "v1.28.0",
      ["kube-apiserver", "--advertise-address=192.168.56.10", "--secure-port=6443"],
      ctx,
    )!.map((l) => l.text);
    expect(lines[0]).toBe(
      "I0105 09:00:00.040000       1 options.go:220] external host was not specified, using 192.168.56.10",
    );
    expect(lines[1]).toBe("I0105 09:00:00.047000       1 server.go:148] Version: v1.28.0");
    expect(lines).toContain(
      "I0105 09:00:00.068000       1 secure_serving.go:213] Serving securely on [::]:6443",
    );
  });

  it("kube-scheduler reports acquiring its leader lease", () => {
    const lines = componentLines("kube-scheduler", "v1.28.0", [], ctx)!.map((l) => l.text);
    expect(lines.at(-1)).toMatch(
      /^I0105 09:00:00\.\d{6} {7}1 leaderelection\.go:260\] successfully acquired lease kube-system\/kube-scheduler$/,
    );
  });

  it("etcd writes zap JSON, the first line echoing its command", () => {
    const parts = ["etcd", "--name=master1", "--listen-client-urls=https://127.0.0.1:2379"];
    const lines = componentLines("etcd", "3.5.9-0", parts, ctx)!.map((l) => l.text);
    expect(JSON.parse(lines[0]!)).toEqual({
      level: "info",
      ts: "2026-01-05T09:00:00.020000Z",
      caller: "etcdmain/etcd.go:73",
      msg: "Running: ",
      args: parts,
    });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({
      msg: "serving client traffic securely",
      address: "127.0.0.1:2379",
    });
  });

  it("CoreDNS prints its banner; other images are not components", () => {
    expect(componentLines("coredns", "v1.10.1", [], ctx)!.map((l) => l.text)).toEqual([
      ".:53",
      "CoreDNS-1.10.1",
      "linux/amd64, go1.20, 055b2c3",
    ]);
    expect(componentLines("nginx", "latest", [], ctx)).toBeUndefined();
  });
});
