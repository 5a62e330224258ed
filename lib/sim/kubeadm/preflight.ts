// The preflight checks of `kubeadm init` / `kubeadm join` (1.28, app/preflight/checks.go) that a
// simulated machine can fail: ports already in use, manifests and kubeconfigs already present,
// a non-empty etcd data directory, a control plane newer than kubeadm. Running `kubeadm init`
// on a node that already runs a cluster gives exactly the list learners meet on real machines.
import { machineFiles } from "../topology/files";
import type { ClusterTopology } from "../topology/types";
import { EXIT_PREFLIGHT, KubeadmError } from "./errors";
import type { InitConfiguration } from "./types";

/** What the machine looks like before the command runs. */
export interface MachineFacts {
  files: ReadonlySet<string>;
  portsInUse: ReadonlySet<number>;
  nonEmptyDirs: ReadonlySet<string>;
}

export const EMPTY_MACHINE: MachineFacts = {
  files: new Set(),
  portsInUse: new Set(),
  nonEmptyDirs: new Set(),
};

/** The facts of a machine that is part of the topology (its kubelet and components running). */
export function machineFacts(t: ClusterTopology, machineName: string): MachineFacts {
  const m = t.machines.find((x) => x.name === machineName);
  if (!m) return EMPTY_MACHINE;
  const files = new Set(Object.keys(machineFiles(t, machineName).files));
  const ports = new Set([10250]);
  const dirs = new Set<string>();
  if (m.role === "control-plane") {
    for (const p of [t.config.localAPIEndpoint.bindPort, 10259, 10257]) ports.add(p);
    if (t.config.cluster.etcd.local) {
      ports.add(2379).add(2380);
      dirs.add(t.config.cluster.etcd.local.dataDir);
    }
  }
  return { files, portsInUse: ports, nonEmptyDirs: dirs };
}

interface Check {
  name: string;
  problem: string | null;
  /** Some checks only ever warn (their Check() returns the problem as a warning). */
  warnOnly?: boolean;
}

const fileCheck = (facts: MachineFacts, path: string): Check => ({
  name: `FileAvailable-${path.replace(/\//g, "-")}`,
  problem: facts.files.has(path) ? `${path} already exists` : null,
});
const portCheck = (facts: MachineFacts, port: number): Check => ({
  name: `Port-${port}`,
  problem: facts.portsInUse.has(port) ? `Port ${port} is in use` : null,
});
const dirCheck = (facts: MachineFacts, path: string): Check => ({
  name: `DirAvailable-${path.replace(/\//g, "-")}`,
  problem: facts.nonEmptyDirs.has(path) ? `${path} is not empty` : null,
});

export interface PreflightResult {
  /** Lines printed on stdout after "[preflight] Running pre-flight checks" (ignored errors). */
  warnings: string[];
  error: KubeadmError | null;
}

function conclude(checks: Check[], ignore: readonly string[]): PreflightResult {
  const ignored = new Set(ignore.map((i) => i.toLowerCase()));
  const all = ignored.has("all");
  const warnings: string[] = [];
  const errors: string[] = [];
  for (const c of checks) {
    if (!c.problem) continue;
    if (c.warnOnly || all || ignored.has(c.name.toLowerCase()))
      warnings.push(`\t[WARNING ${c.name}]: ${c.problem}`);
    else errors.push(`\t[ERROR ${c.name}]: ${c.problem}`);
  }
  if (errors.length === 0) return { warnings, error: null };
  return {
    warnings,
    error: new KubeadmError(
      "preflight",
      `error execution phase preflight: [preflight] Some fatal errors occurred:\n${errors.join("\n")}\n` +
        "[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`",
      EXIT_PREFLIGHT,
    ),
  };
}

/** RunInitNodeChecks, in kubeadm's order. */
export function initPreflight(
  cfg: InitConfiguration,
  facts: MachineFacts,
  ignore: readonly string[] = cfg.nodeRegistration.ignorePreflightErrors,
): PreflightResult {
  const c = cfg.cluster;
  const checks: Check[] = [];
  const v = /^v?1\.(\d+)\./.exec(c.kubernetesVersion);
  checks.push({
    name: "KubernetesVersion",
    problem:
      v && Number(v[1]) > 28
        ? `Kubernetes version is greater than kubeadm version. Please consider to upgrade kubeadm. Kubernetes version: ${c.kubernetesVersion.replace(/^v/, "")}. Kubeadm version: 1.28.x`
        : null,
    warnOnly: true,
  });
  const manifests = "/etc/kubernetes/manifests";
  checks.push(
    portCheck(facts, cfg.localAPIEndpoint.bindPort),
    portCheck(facts, 10259),
    portCheck(facts, 10257),
    fileCheck(facts, `${manifests}/kube-apiserver.yaml`),
    fileCheck(facts, `${manifests}/kube-controller-manager.yaml`),
    fileCheck(facts, `${manifests}/kube-scheduler.yaml`),
    fileCheck(facts, `${manifests}/etcd.yaml`),
    portCheck(facts, 10250),
  );
  if (c.etcd.local) {
    checks.push(
      portCheck(facts, 2379),
      portCheck(facts, 2380),
      dirCheck(facts, c.etcd.local.dataDir),
    );
  }
  return conclude(checks, ignore);
}

/** RunJoinNodeChecks for a worker (a control-plane join adds the init checks of its own). */
export function joinPreflight(
  facts: MachineFacts,
  ignore: readonly string[] = [],
  caCertPath = "/etc/kubernetes/pki/ca.crt",
): PreflightResult {
  return conclude(
    [
      fileCheck(facts, "/etc/kubernetes/kubelet.conf"),
      fileCheck(facts, "/etc/kubernetes/bootstrap-kubelet.conf"),
      portCheck(facts, 10250),
      fileCheck(facts, caCertPath),
    ],
    ignore,
  );
}
