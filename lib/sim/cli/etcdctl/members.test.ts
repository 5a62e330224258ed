import { describe, expect, it } from "vitest";
import { createClusterSandbox } from "../../cluster/default-cluster";
import { clusterEngineOptions } from "../../cluster/loops";
import { stopMember } from "../../etcd/cluster";
import { loadInitConfiguration } from "../../kubeadm";
import { HA_STACKED_CONFIG } from "../../kubeadm/fixtures";
import { memoryEnv } from "../memory-env";
import { runCommandLine } from "../shell/run";
import { T0 } from "../testing";
import { DEFAULT_SESSION } from "../types";

function haLab() {
  const host = {
    hostname: "master1",
    ip: "192.168.56.10",
    generateToken: () => "abcdef.0123456789abcdef",
  };
  const config = loadInitConfiguration(HA_STACKED_CONFIG, { host }).config;
  const sb = createClusterSandbox({
    seed: "etcd-ha",
    now: T0,
    config,
    controlPlanes: 3,
    workers: 0,
  });
  const env = memoryEnv(sb.state, clusterEngineOptions());
  return { env, run: (line: string) => runCommandLine(line, env, DEFAULT_SESSION) };
}

describe(
  "etcdctl endpoint status / health --cluster on a 3-member stacked etcd",
  { timeout: 30_000 },
  () => {
    it("-w table lists every member; a stopped member cannot answer", async () => {
      const lab = haLab();
      const all = await lab.run("etcdctl endpoint status --cluster -w table");
      const lines = all.stdout.split("\n");
      expect(lines[1]).toBe(
        "|          ENDPOINT          |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |",
      );
      expect(lines.filter((l) => l.startsWith("| https://"))).toHaveLength(3);
      expect(lines[3]).toMatch(
        /^\| https:\/\/192\.168\.56\.10:2379 \| [0-9a-f]{16} \|   3\.5\.9 \| +\d+ kB \|      true \|      false \|/,
      );

      await lab.env.etcdStep((s) => ({
        state: { ...s, etcd: stopMember(s.etcd, "master3") },
        changes: { state: s.store, appended: [], removed: [], leasesChanged: false },
        result: undefined,
      }));
      const two = await lab.run("etcdctl endpoint status --cluster -w table");
      expect(two.stdout.split("\n").filter((l) => l.startsWith("| https://"))).toHaveLength(2);
      expect(two.stderr).toBe(
        "Failed to get the status of endpoint https://192.168.56.12:2379 (context deadline exceeded)\n",
      );
      expect(two.exitCode).toBe(1);
      // A client pointed only at the stopped member cannot reach etcd at all.
      const down = await lab.run("etcdctl --endpoints=https://192.168.56.12:2379 get /q");
      expect(down.stderr).toMatch(/\nError: context deadline exceeded\n$/);
      expect(down.exitCode).toBe(1);
      // Two of three still make a quorum: writes and health checks of the others succeed.
      expect((await lab.run("etcdctl put /q ok")).stdout).toBe("OK\n");
      const health = await lab.run("etcdctl endpoint health --cluster");
      expect(health.stdout.split("\n").filter(Boolean)).toHaveLength(2);
      expect(health.stderr).toMatch(/^https:\/\/192\.168\.56\.12:2379 is unhealthy: /);
      // One more down: master1 still answers, but nothing can commit without a quorum.
      await lab.env.etcdStep((s) => ({
        state: { ...s, etcd: stopMember(s.etcd, "master2") },
        changes: { state: s.store, appended: [], removed: [], leasesChanged: false },
        result: undefined,
      }));
      const stuck = await lab.run("etcdctl put /q again");
      expect(stuck.exitCode).toBe(1);
      expect(stuck.stderr).toMatch(/\nError: etcdserver: /);
    });

    it("member list -w json carries uint64 ids as numbers", async () => {
      const lab = haLab();
      const json = (await lab.run("etcdctl member list -w json")).stdout;
      expect(json).toMatch(
        /^\{"header":\{"cluster_id":\d+,"member_id":\d+,"revision":\d+,"raft_term":\d+\},"members":\[\{"ID":\d+,"name":"master1","peerURLs":\["https:\/\/192\.168\.56\.10:2380"\],"clientURLs":\["https:\/\/192\.168\.56\.10:2379"\]\},/,
      );
    });
  },
);

describe("the host view of a cluster built from a config", { timeout: 30_000 }, () => {
  it("shows that config's files: kubeconfigs point at the controlPlaneEndpoint", async () => {
    const lab = haLab();
    expect((await lab.run("cat /etc/kubernetes/admin.conf")).stdout).toContain(
      "server: https://k8s-api.example.com:6443",
    );
    // kubeadm wrote master1's etcd manifest at init, when it was the only member.
    expect((await lab.run("cat /etc/kubernetes/manifests/etcd.yaml")).stdout).toContain(
      "--initial-cluster=master1=https://192.168.56.10:2380\n",
    );
  });
});
