// `kubeadm init` end to end for the terminal: flags or --config → load and validate → preflight
// on the machine → the cluster topology and the console transcript. With --dry-run the topology
// is returned for display only; the caller must not apply it.
import type { ClusterTopology } from "../topology/types";
import { buildTopology } from "../topology/build";
import { Rng } from "../random";
import { KubeadmError } from "./errors";
import { checkMixedArguments, initConfigurationFromFlags, type InitFlags } from "./init-flags";
import { kubeadmInitOutput, type CommandOutput } from "./init-output";
import { loadInitConfiguration, type HostFacts, type Loaded } from "./load-config";
import { initPreflight, type MachineFacts } from "./preflight";
import type { InitConfiguration } from "./types";

export interface RunInitInput {
  /** Parsed flags, e.g. { config: "f.yaml", "dry-run": true, "upload-certs": true }. */
  flags: InitFlags;
  /** Contents of the --config file, when given. */
  configText?: string;
  host: HostFacts;
  facts: MachineFacts;
  now: number;
  pid: number;
  seed: string;
  controlPlanes?: number;
  workers?: number;
}

export interface RunInitResult {
  output: CommandOutput;
  /** The cluster this init creates; null when it failed (or for --dry-run: not to be applied). */
  topology: ClusterTopology | null;
  dryRun: boolean;
}

const fail = (e: KubeadmError, stdout = ""): RunInitResult => ({
  output: { stdout, stderr: e.toStderr(), exitCode: e.exitCode },
  topology: null,
  dryRun: false,
});

function listFlag(v: string | boolean | undefined): string[] {
  return typeof v === "string" ? v.split(",").filter(Boolean) : [];
}

export function runKubeadmInit(input: RunInitInput): RunInitResult {
  const { flags } = input;
  const rng = Rng.fromSeed(`${input.seed}/kubeadm-init`);
  const mixed = checkMixedArguments(flags);
  if (mixed) return fail(mixed);
  let loaded: Loaded<InitConfiguration>;
  try {
    loaded =
      "config" in flags
        ? loadInitConfiguration(input.configText ?? "", { host: input.host })
        : initConfigurationFromFlags(flags, input.host);
  } catch (e) {
    if (e instanceof KubeadmError) return fail(e);
    throw e;
  }
  const cfg = loaded.config;
  const ignore = [
    ...cfg.nodeRegistration.ignorePreflightErrors,
    ...listFlag(flags["ignore-preflight-errors"]),
  ];
  const pre = initPreflight(cfg, input.facts, ignore);
  if (pre.error) {
    const head = [
      ...loaded.notices,
      `[init] Using Kubernetes version: ${cfg.cluster.kubernetesVersion}`,
      "[preflight] Running pre-flight checks",
      ...pre.warnings,
    ];
    return fail(pre.error, `${head.join("\n")}\n`);
  }
  const topology = buildTopology({
    config: cfg,
    now: input.now,
    seed: input.seed,
    ...(input.controlPlanes !== undefined ? { controlPlanes: input.controlPlanes } : {}),
    ...(input.workers !== undefined ? { workers: input.workers } : {}),
  });
  const uploadCerts = flags["upload-certs"] === true;
  const certificateKey =
    (typeof flags["certificate-key"] === "string"
      ? flags["certificate-key"]
      : cfg.certificateKey) || rng.hex(64);
  const dryRun = flags["dry-run"] === true;
  const output = kubeadmInitOutput(topology, {
    now: input.now,
    pid: input.pid,
    healthySeconds: 4 + rng.int(4_000_000) / 1_000_000,
    warnings: loaded.warnings,
    notices: loaded.notices,
    preflightWarnings: pre.warnings,
    dryRun,
    uploadCerts,
    certificateKey,
    tmpSuffix: String(1_000_000_000 + rng.int(3_000_000_000)),
  });
  return { output, topology, dryRun };
}
