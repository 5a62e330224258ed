import { beforeAll, describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

describe("etcdctl get/put/del output forms and flags", { timeout: 30_000 }, () => {
  let lab: ReturnType<typeof labTerminal>;
  let ids: { cluster: string; member: string; term: number };
  beforeAll(() => {
    lab = labTerminal("etcdctl-kv");
    const s = lab.env.current();
    ids = {
      cluster: BigInt(`0x${s.etcd.clusterId}`).toString(),
      member: BigInt(`0x${s.etcd.members[0]!.id}`).toString(),
      term: s.etcd.members[0]!.term,
    };
  });

  it("-w json: uint64 ids as numbers, base64 bytes, zero fields omitted", async () => {
    await lab.run("etcdctl put /kv/a hello");
    const s = lab.env.current();
    const kv = s.store.live.get("/kv/a")!;
    const r = await lab.run("etcdctl get /kv/a -w json");
    expect(r.stdout).toBe(
      `{"header":{"cluster_id":${ids.cluster},"member_id":${ids.member},"revision":${s.store.revision},"raft_term":${ids.term}},"kvs":[{"key":"L2t2L2E=","create_revision":${kv.createRevision},"mod_revision":${kv.revision},"version":1,"value":"aGVsbG8="}],"count":1}\n`,
    );
    expect((await lab.run("etcdctl get /kv/none -w json")).stdout).toBe(
      `{"header":{"cluster_id":${ids.cluster},"member_id":${ids.member},"revision":${s.store.revision},"raft_term":${ids.term}}}\n`,
    );
  });

  it("-w fields prints the header and each kv as Go's fields printer", async () => {
    const rev = lab.env.current().store.revision;
    const r = await lab.run("etcdctl get /kv/a -w fields");
    expect(r.stdout).toBe(
      `"ClusterID" : ${ids.cluster}\n"MemberID" : ${ids.member}\n"Revision" : ${rev}\n"RaftTerm" : ${ids.term}\n"Key" : "/kv/a"\n"CreateRevision" : ${rev}\n"ModRevision" : ${rev}\n"Version" : 1\n"Value" : "hello"\n"Lease" : 0\n"More" : false\n"Count" : 1\n`,
    );
  });

  it("-w table has no form for get (printerUnsupported, exit 4)", async () => {
    expect(await lab.run("etcdctl get /kv/a -w table")).toMatchObject({
      stdout: "",
      stderr: "Error: table not supported as output format\n",
      exitCode: 4,
    });
    expect((await lab.run("etcdctl get /kv -w yaml")).stderr).toBe(
      'Error: unknown output format "yaml"\n',
    );
  });

  it("--rev reads history; --prev-kv shows what put and del replaced", async () => {
    const before = lab.env.current().store.revision;
    expect((await lab.run("etcdctl put /kv/a world --prev-kv")).stdout).toBe("OK\n/kv/a\nhello\n");
    expect((await lab.run(`etcdctl get /kv/a --rev=${before} --print-value-only`)).stdout).toBe(
      "hello\n",
    );
    await lab.run("etcdctl put /kv/b two");
    expect((await lab.run("etcdctl get /kv/ --prefix --keys-only")).stdout).toBe(
      "/kv/a\n\n/kv/b\n\n",
    );
    expect((await lab.run("etcdctl get /kv/ --prefix --count-only")).stdout).toBe("2\n");
    expect((await lab.run("etcdctl del /kv/ --prefix --prev-kv")).stdout).toBe(
      "2\n/kv/a\nworld\n/kv/b\ntwo\n",
    );
  });

  it("watch --rev --prev-kv prints the previous value before each event's kv", async () => {
    const rev = lab.env.current().store.revision + 1;
    await lab.run("etcdctl put /w/x 1");
    await lab.run("etcdctl put /w/x 2");
    expect((await lab.run(`etcdctl watch /w/x --rev=${rev} --prev-kv`)).stdout).toBe(
      "PUT\n/w/x\n1\nPUT\n/w/x\n1\n/w/x\n2\n",
    );
  });

  it("argument errors use etcdctl's texts and exit codes", async () => {
    expect(await lab.run("etcdctl get")).toMatchObject({
      stderr:
        "Error: get command needs one argument as key and an optional argument as range_end\n",
      exitCode: 128,
    });
    expect((await lab.run("etcdctl get a --prefix --from-key")).stderr).toBe(
      "Error: `--prefix` and `--from-key` cannot be set at the same time, choose one\n",
    );
    expect((await lab.run("etcdctl get a --bogus")).stderr).toBe("Error: unknown flag: --bogus\n");
  });
});
