import { describe, expect, it } from "vitest";
import { COURSE_HA_CONFIG_FIXED, HA_STACKED_CONFIG } from "../../kubeadm/fixtures";
import { kubeadmLab } from "./testing";

describe("kubeadm init / reset / join from the terminal", { timeout: 30_000 }, () => {
  it("on the running cluster init fails preflight as kubeadm does, and --dry-run changes nothing", async () => {
    const lab = kubeadmLab("kubeadm-init-busy", { "ha.yaml": COURSE_HA_CONFIG_FIXED });
    const before = lab.env.current();
    const busy = await lab.run("kubeadm init --config ha.yaml");
    expect(busy.exitCode).toBe(2);
    expect(busy.stdout).toBe(
      "[init] Using Kubernetes version: v1.28.0\n[preflight] Running pre-flight checks\n",
    );
    expect(busy.stderr).toContain("[ERROR Port-6443]: Port 6443 is in use");
    expect(busy.stderr).toMatch(/kubeadm reset -f/);
    const dry = await lab.run(
      "kubeadm init --config ha.yaml --dry-run --ignore-preflight-errors=all",
    );
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain("[dryrun] Would perform action CREATE on resource");
    expect(lab.env.current().store).toBe(before.store);
    expect((await lab.run("kubeadm init --config missing.yaml")).stderr).toBe(
      'unable to read config from "missing.yaml" : open missing.yaml: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
  });

  it("reset -f, then init --config rebuilds the sandbox from the course's HA config (external etcd)", async () => {
    const lab = kubeadmLab("kubeadm-init-ha", { "ha.yaml": COURSE_HA_CONFIG_FIXED });
    await lab.run("kubectl create deployment web --image=nginx");
    const reset = await lab.run("kubeadm reset -f");
    expect(reset.stdout.split("\n").slice(0, 4)).toEqual([
      "[reset] Reading configuration from the cluster...",
      "[reset] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'",
      "[preflight] Running pre-flight checks",
      "[reset] Deleted contents of the etcd data directory: /var/lib/etcd",
    ]);
    expect((await lab.run("ls /etc/kubernetes/manifests")).stderr).toMatch(
      /No such file or directory/,
    );

    const init = await lab.run("kubeadm init --config ha.yaml --upload-certs");
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toContain("Your Kubernetes control-plane has initialized successfully!");
    expect(init.stdout).toContain("kubeadm join k8s-api.example.com:6443 --token ");
    const nodes = await lab.run("kubectl get nodes -o name");
    expect(nodes.stdout).toBe("node/master1\n");
    expect((await lab.run("kubectl get deploy web")).stderr).toMatch(/NotFound/);
    // External etcd: no etcd static pod on the control plane, the members are the etcd hosts.
    expect((await lab.run("ls /etc/kubernetes/manifests")).stdout).toBe(
      "kube-apiserver.yaml  kube-controller-manager.yaml  kube-scheduler.yaml\n",
    );
    const members = await lab.run("etcdctl member list");
    expect(members.stdout.split("\n").map((l) => l.split(", ")[2])).toEqual([
      "etcd1",
      "etcd2",
      "etcd3",
      undefined,
    ]);
    expect((await lab.run("cat /etc/kubernetes/manifests/kube-apiserver.yaml")).stdout).toContain(
      "--etcd-servers=https://etcd1.example.com:2379,https://etcd2.example.com:2379,https://etcd3.example.com:2379",
    );

    // A worker joins with the printed command.
    const join =
      /kubeadm join (\S+) --token (\S+) \\\n\s+--discovery-token-ca-cert-hash (\S+)/.exec(
        init.stdout,
      )!;
    const j = await lab.run(
      `kubeadm join ${join[1]} --token ${join[2]} --discovery-token-ca-cert-hash ${join[3]}`,
    );
    expect(j.exitCode).toBe(0);
    expect(j.stdout).toContain("This node has joined the cluster:");
    lab.env.advance(30_000);
    expect((await lab.run("kubectl get nodes -o name")).stdout).toBe(
      "node/master1\nnode/worker1\n",
    );
    const bad = await lab.run(
      `kubeadm join ${join[1]} --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash ${join[3]}`,
    );
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain(
      'could not find a JWS signature in the cluster-info ConfigMap for token ID "abcdef"',
    );
  });

  it("a stacked-etcd HA control plane: join --control-plane adds a node and an etcd member", async () => {
    const lab = kubeadmLab("kubeadm-init-stacked", { "ha.yaml": HA_STACKED_CONFIG });
    await lab.run("kubeadm reset -f");
    const init = await lab.run("kubeadm init --config ha.yaml --upload-certs");
    expect(init.exitCode).toBe(0);
    const cp =
      /kubeadm join (\S+) --token (\S+) \\\n\s+--discovery-token-ca-cert-hash (\S+) \\\n\s+--control-plane --certificate-key (\S+)/.exec(
        init.stdout,
      )!;
    const j = await lab.run(
      `kubeadm join ${cp[1]} --token ${cp[2]} --discovery-token-ca-cert-hash ${cp[3]} --control-plane --certificate-key ${cp[4]}`,
    );
    expect(j.exitCode).toBe(0);
    lab.env.advance(30_000);
    expect((await lab.run("kubectl get nodes -o name")).stdout).toBe(
      "node/master1\nnode/master2\n",
    );
    expect(
      (await lab.run("etcdctl member list")).stdout.split("\n").map((l) => l.split(", ")[2]),
    ).toEqual(["master1", "master2", undefined]);
    expect((await lab.run("kubectl get pods -n kube-system -o name")).stdout).toContain(
      "pod/etcd-master2\n",
    );
  });
});
