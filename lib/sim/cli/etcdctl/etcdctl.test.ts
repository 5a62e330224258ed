import { beforeAll, describe, expect, it } from "vitest";
import { stopMember } from "../../etcd/cluster";
import { labTerminal } from "../testing";
import { asciiTable, humanizeBytes } from "./ascii-table";

describe("etcdctl against the sandbox's etcd", () => {
  let lab: ReturnType<typeof labTerminal>;
  beforeAll(() => {
    lab = labTerminal("etcdctl");
  });

  it("get --prefix --keys-only lists the pods' keys as etcd stores them", async () => {
    const r = await lab.run("etcdctl get --prefix /registry/pods/kube-system/etcd --keys-only");
    expect(r.stdout).toBe("/registry/pods/kube-system/etcd-master1\n\n");
  });

  it("values under /registry are shown readable with a one-time note", async () => {
    const r = await lab.run("etcdctl get /registry/namespaces/default");
    expect(r.stdout.split("\n")[0]).toBe("/registry/namespaces/default");
    expect(JSON.parse(r.stdout.split("\n")[1]!).metadata.name).toBe("default");
    expect(r.stderr).toMatch(/protobuf/);
  });

  it("put/get/del round trip, -w json with base64 keys", async () => {
    expect((await lab.run("etcdctl put /demo/a hello")).stdout).toBe("OK\n");
    expect((await lab.run("etcdctl get /demo/a --print-value-only")).stdout).toBe("hello\n");
    const j = JSON.parse((await lab.run("etcdctl get /demo/a -w json")).stdout);
    expect(atob(j.kvs[0].key)).toBe("/demo/a");
    expect(j.count).toBe(1);
    expect((await lab.run("etcdctl del /demo --prefix")).stdout).toBe("1\n");
    expect((await lab.run("etcdctl get /demo/a")).stdout).toBe("");
  });

  it("watch --rev prints the events since a revision", async () => {
    const rev = lab.env.current().store.revision + 1;
    await lab.run("etcdctl put /w/x 1");
    await lab.run("etcdctl del /w/x");
    expect((await lab.run(`etcdctl watch --prefix /w/ --rev=${rev}`)).stdout).toBe(
      "PUT\n/w/x\n1\nDELETE\n/w/x\n\n",
    );
  });

  it("leases: grant, attach a key, list, revoke deletes the key", async () => {
    const g = await lab.run("etcdctl lease grant 60");
    const m = /^lease ([0-9a-f]+) granted with TTL\(60s\)\n$/.exec(g.stdout);
    expect(m).not.toBeNull();
    const id = m![1]!;
    expect((await lab.run(`etcdctl put /leased v --lease=${id}`)).stdout).toBe("OK\n");
    expect(JSON.parse((await lab.run("etcdctl get /leased -w json")).stdout).kvs[0].lease).toBe(
      parseInt(id, 16),
    );
    expect((await lab.run("etcdctl lease list")).stdout).toContain(`${id}\n`);
    expect((await lab.run(`etcdctl lease timetolive ${id}`)).stdout).toBe(
      `lease ${id} granted with TTL(60s), remaining(60s)\n`,
    );
    expect((await lab.run(`etcdctl lease revoke ${id}`)).stdout).toBe(`lease ${id} revoked\n`);
    expect((await lab.run("etcdctl get /leased")).stdout).toBe("");
    expect((await lab.run("etcdctl alarm list")).stdout).toBe("");
  });

  it("the lesson's endpoint health through kubectl exec into the etcd pod", async () => {
    const r = await lab.run(
      "kubectl exec -n kube-system etcd-master1 -- etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key endpoint health",
    );
    expect(r.stdout).toMatch(
      /^https:\/\/127\.0\.0\.1:2379 is healthy: successfully committed proposal: took = \S+ms\n$/,
    );
    expect(r.exitCode).toBe(0);
  });

  it("member list -w table and endpoint status", async () => {
    const m = await lab.run("etcdctl member list -w table");
    expect(m.stdout.split("\n")[1]).toBe(
      "|        ID        | STATUS  |  NAME   |         PEER ADDRS         |        CLIENT ADDRS        | IS LEARNER |",
    );
    expect(m.stdout).toMatch(/\| started \| master1 \| https:\/\/192\.168\.56\.10:2380 \|/);
    const s = await lab.run("etcdctl endpoint status --cluster");
    expect(s.stdout).toMatch(
      /^https:\/\/192\.168\.56\.10:2379, [0-9a-f]{16}, 3\.5\.9, \d+ kB, true, false, \d+, \d+, \d+, \n$/,
    );
  });

  it("without quorum: endpoint health fails and writes time out", async () => {
    const lonely = labTerminal("etcdctl-down");
    const state = lonely.env.current();
    await lonely.env.etcdStep((s) => ({
      state: { ...s, etcd: stopMember(s.etcd, "master1") },
      changes: { state: s.store, appended: [], removed: [], leasesChanged: false },
      result: undefined,
    }));
    expect(state.etcd.members).toHaveLength(1);
    const h = await lonely.run("etcdctl endpoint health");
    expect(h.exitCode).toBe(1);
    expect(h.stderr).toMatch(
      /is unhealthy: failed to commit proposal: context deadline exceeded\nError: unhealthy cluster\n$/,
    );
    // Its only member is down: the client cannot even connect.
    const p = await lonely.run("etcdctl put /x 1");
    expect(p.exitCode).toBe(1);
    expect(p.stderr).toMatch(/\nError: context deadline exceeded\n$/);
  });

  it("table and size formats match tablewriter and go-humanize", () => {
    expect(asciiTable(["A", "LONG"], [["x", "1"]])).toBe(
      "+---+------+\n| A | LONG |\n+---+------+\n| x |    1 |\n+---+------+\n",
    );
    expect(humanizeBytes(20480)).toBe("20 kB");
    expect(humanizeBytes(5_200_000)).toBe("5.2 MB");
  });
});
