// etcdctl snapshots and kubeadm init through the terminal against a real Postgres
// sandbox: what each command changes is persisted, so a fresh load (another app
// instance) sees the same cluster.
import { describe, expect, it } from "vitest";
import { forget } from "@/lib/db/sandboxes/cache";
import { COURSE_HA_CONFIG_FIXED } from "@/lib/sim/kubeadm/fixtures";
import { createUserSandbox, runTerminalCommand } from "@/lib/terminal";
import { saveWorkspaceFile } from "@/lib/workspace";
import { createUser } from "./auth-fixtures";

async function learnerSandbox() {
  const user = await createUser("LEARNER");
  const id = await createUserSandbox(user.id);
  const owner = { ownerId: user.id, workspace: "sandbox" };
  const run = (command: string) => runTerminalCommand(id, command, {}, undefined, { owner });
  return { user, id, run };
}

describe("etcdctl snapshot and kubeadm init through the terminal (Postgres)", () => {
  it("snapshot save → destructive change → restore brings the cluster back, durably", async () => {
    const { id, run } = await learnerSandbox();
    expect((await run("kubectl create configmap keep --from-literal=a=1")).exitCode).toBe(0);
    const saved = await run("etcdctl snapshot save /root/backup.db");
    expect(saved.stdout).toBe("Snapshot saved at /root/backup.db\n");
    forget(id); // the file must live in Postgres, not in this process's cache
    expect((await run("etcdctl snapshot status /root/backup.db -w table")).stdout).toMatch(
      /\| +HASH +\| REVISION \| TOTAL KEYS \| TOTAL SIZE \|\n/,
    );

    expect((await run("kubectl delete configmap keep")).stdout).toBe('configmap "keep" deleted\n');
    expect((await run("etcdctl del /registry/namespaces/kube-public")).stdout).toBe("1\n");
    expect((await run("kubectl get cm keep")).exitCode).toBe(1);

    const restored = await run(
      "etcdctl snapshot restore /root/backup.db --data-dir /var/lib/etcd-from-backup",
    );
    expect(restored.exitCode).toBe(0);
    expect(restored.stderr).toContain("restored snapshot");
    forget(id);
    expect((await run("kubectl get cm keep -o jsonpath={.data.a}")).stdout).toBe("1");
    expect((await run("kubectl get ns kube-public -o name")).stdout).toBe(
      "namespace/kube-public\n",
    );
  });

  it("kubeadm init --config from the workspace rebuilds the cluster; kubectl sees the new topology", async () => {
    const { user, id, run } = await learnerSandbox();
    await saveWorkspaceFile(user.id, "sandbox", "ha.yaml", COURSE_HA_CONFIG_FIXED);
    expect((await run("kubectl get nodes -o name")).stdout).toBe(
      "node/master1\nnode/worker1\nnode/worker2\n",
    );
    expect((await run("kubeadm config validate --config ha.yaml")).stdout).toBe("ok\n");
    expect((await run("kubeadm init --config ha.yaml")).exitCode).toBe(2); // preflight: cluster running
    expect((await run("kubeadm reset -f")).exitCode).toBe(0);
    const init = await run("kubeadm init --config ha.yaml");
    expect(init.exitCode).toBe(0);
    forget(id);
    expect((await run("kubectl get nodes -o name")).stdout).toBe("node/master1\n");
    expect((await run("etcdctl member list")).stdout).toMatch(
      /^[0-9a-f]{16}, started, etcd1, https:\/\/etcd1\.example\.com:2380, https:\/\/etcd1\.example\.com:2379, false\n/,
    );
    const join =
      /kubeadm join (\S+) --token (\S+) \\\n\s+--discovery-token-ca-cert-hash (\S+) \n/.exec(
        init.stdout,
      )!;
    const worker = await run(
      `kubeadm join ${join[1]} --token ${join[2]} --discovery-token-ca-cert-hash ${join[3]}`,
    );
    expect(worker.exitCode).toBe(0);
    forget(id);
    expect((await run("kubectl get nodes -o name")).stdout).toBe("node/master1\nnode/worker1\n");
    expect((await run("kubeadm token list")).stdout).toContain(join[2]!);
  });
});
