import { describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

describe("etcdctl snapshot save / status / restore", { timeout: 30_000 }, () => {
  it("save writes a file on the host, status reads it, restore brings the cluster back", async () => {
    const lab = labTerminal("etcdctl-snapshot");
    await lab.run("etcdctl put /lab/keep before");
    const saved = await lab.run("etcdctl snapshot save /backup/etcd.db");
    expect(saved.stdout).toBe("Snapshot saved at /backup/etcd.db\n");
    expect(saved.stderr.split("\n")[0]).toMatch(
      /^\{"level":"info","ts":"2026-01-05T09:\d\d:\d\d\.\d{3}Z","caller":"snapshot\/v3_snapshot.go:65","msg":"created temporary db file","path":"\/backup\/etcd.db.part"\}$/,
    );
    expect((await lab.run("ls /backup")).stdout).toBe("etcd.db\n");
    const rev = lab.env.current().store.revision;

    const table = await lab.run("etcdctl snapshot status /backup/etcd.db -w table");
    expect(table.stderr).toBe("Deprecated: Use `etcdutl snapshot status` instead.\n\n");
    const lines = table.stdout.split("\n");
    expect(lines[1]).toBe("|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE |");
    expect(lines[3]).toMatch(
      new RegExp(`^\\| +[0-9a-f]+ \\| +${rev} \\| +\\d+ \\| +[\\d.]+ kB \\|$`),
    );
    const simple = await lab.run("etcdctl snapshot status /backup/etcd.db");
    expect(simple.stdout).toMatch(new RegExp(`^[0-9a-f]+, ${rev}, \\d+, [\\d.]+ kB\\n$`));

    // A destructive change: a namespace's keys and a key of our own go away.
    expect((await lab.run("etcdctl del /registry/namespaces/default")).stdout).toBe("1\n");
    await lab.run("etcdctl put /lab/keep after");
    expect((await lab.run("kubectl get ns default")).stderr).toBe(
      'Error from server (NotFound): namespaces "default" not found\n',
    );

    const busy = await lab.run("etcdctl snapshot restore /backup/etcd.db --data-dir /var/lib/etcd");
    expect(busy.stderr).toMatch(
      /Error: data-dir "\/var\/lib\/etcd" not empty or could not be read\n$/,
    );
    expect(busy.exitCode).toBe(1);

    const r = await lab.run(
      "etcdctl snapshot restore /backup/etcd.db --data-dir /var/lib/etcd-from-backup",
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
    const log = r.stderr.split("\n");
    expect(log[0]).toBe("Deprecated: Use `etcdutl snapshot restore` instead.");
    expect(log[2]).toMatch(
      /^2026-01-05T09:\d\d:\d\dZ\tinfo\tsnapshot\/v3_snapshot.go:248\trestoring snapshot\t\{"path": "\/backup\/etcd.db", "wal-dir": "\/var\/lib\/etcd-from-backup\/member\/wal", "data-dir": "\/var\/lib\/etcd-from-backup", "snap-dir": "\/var\/lib\/etcd-from-backup\/member\/snap"\}$/,
    );
    expect(lab.env.current().store.revision).toBe(rev);
    expect((await lab.run("etcdctl get /lab/keep --print-value-only")).stdout).toBe("before\n");
    expect((await lab.run("kubectl get ns default -o name")).stdout).toBe("namespace/default\n");
    // The restored directory now exists: restoring into it again is refused.
    const again = await lab.run(
      "etcdctl snapshot restore /backup/etcd.db --data-dir /var/lib/etcd-from-backup",
    );
    expect(again.exitCode).toBe(1);
  });

  it("missing files and bad arguments give etcdctl's errors", async () => {
    const lab = labTerminal("etcdctl-snapshot-errors");
    const st = await lab.run("etcdctl snapshot status nope.db");
    expect(st).toMatchObject({
      stderr:
        "Deprecated: Use `etcdutl snapshot status` instead.\n\nError: stat nope.db: no such file or directory\n",
      exitCode: 1,
    });
    expect((await lab.run("etcdctl snapshot save")).stderr).toBe(
      "Error: snapshot save expects one argument\n",
    );
    expect(
      (await lab.run("etcdctl --endpoints=https://a:2379,https://b:2379 snapshot save x.db"))
        .stderr,
    ).toBe(
      "Error: snapshot must be requested to one selected node, not multiple [https://a:2379 https://b:2379]\n",
    );
  });
});
