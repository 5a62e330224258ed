// The kubeadm model's entry points for the engine and the CLI. kubeadm 1.28 (v1beta3) is the
// default; 1.31+ (v1beta4) is modelled for parsing, validation and `print init-defaults`.
export {
  parseKubeadmConfig,
  splitConfigDocuments,
  gvkString,
  type ParsedConfig,
  type ConfigDocument,
} from "./parse";
export {
  loadInitConfiguration,
  loadJoinConfiguration,
  validateConfigFile,
  type HostFacts,
  type KlogWarning,
  type LoadOptions,
} from "./load-config";
export {
  validateInitConfiguration,
  validateJoinConfiguration,
  validateClusterConfiguration,
} from "./validate";
/** `validate(config)`: the field errors kubeadm 1.28 reports for a defaulted InitConfiguration. */
export { validateInitConfiguration as validate } from "./validate";
export { adviseInitConfiguration, type Advice, type AdviceCode } from "./advise";
export { printInitDefaults, printJoinDefaults } from "./print-defaults";
export {
  kubeadmInitOutput,
  initDoneMessage,
  type CommandOutput,
  type InitOutputOptions,
} from "./init-output";
export { kubeadmJoinOutput, checkJoin, type JoinRequest } from "./join-output";
export { runKubeadmInit, type RunInitInput, type RunInitResult } from "./run-init";
export { tokenListOutput, checkExpirationOutput } from "./tables";
export {
  createToken,
  deleteToken,
  clusterCaCertHash,
  type TokenCreateOptions,
  type TokenChange,
} from "./token";
export { imagesList } from "./images";
export { fieldPosition, type FieldPosition } from "./positions";
export {
  initPreflight,
  joinPreflight,
  machineFacts,
  EMPTY_MACHINE,
  type MachineFacts,
  type PreflightResult,
} from "./preflight";
export { initConfigurationFromFlags, checkMixedArguments, type InitFlags } from "./init-flags";
export { klogLine } from "./klog";
export { KubeadmError, STACK_TRACE_HINT, type KubeadmErrorKind } from "./errors";
export type { InitConfiguration, JoinConfiguration, ClusterConfiguration } from "./types";
