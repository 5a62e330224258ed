// The cluster description the engine loads, built from a kubeadm config (or the lab default:
// master1 + worker1, worker2), plus joins and each machine's files.
export {
  buildTopology,
  defaultLabConfiguration,
  generateBootstrapToken,
  nodeUid,
  type TopologyOptions,
} from "./build";
export { joinMachine, type JoinResult } from "./join";
export { machineFiles, type MachineFiles } from "./files";
export { toGoYaml } from "./go-yaml";
export { mirrorPod } from "./mirror-pods";
export { imageSizeBytes, UNKNOWN_IMAGE_SIZE_BYTES } from "./image-sizes";
export type {
  ClusterTopology,
  MachineSpec,
  EtcdTopology,
  EtcdMemberSpec,
  BootstrapTokenRecord,
  NodeRole,
} from "./types";
export type { StaticPodManifest } from "./static-pods";
