// kubeadm's failures as one typed error. `message` is exactly what kubeadm prints before its
// "To see the stack trace of this error execute with --v=5 or higher" trailer, and `exitCode`
// is the code the real binary exits with (cmd/kubeadm/app/util/error.go).

export type KubeadmErrorKind =
  /** YAML that cannot be split or read (SplitYAMLDocuments, yaml-to-JSON conversion). */
  | "parse"
  /** apiVersion/kind problems: missing, old, unknown or duplicated kinds. */
  | "version"
  /** Strict decoding: unknown fields (a warning for init/join, an error for config validate). */
  | "strict"
  /** A value of the wrong JSON type for its Go field. */
  | "decode"
  /** Dynamic defaulting failed (bad controlPlaneEndpoint, kubernetesVersion, advertiseAddress). */
  | "defaulting"
  /** field.ErrorList from ValidateInitConfiguration/ValidateJoinConfiguration. */
  | "validation"
  /** Discovery during join failed (unknown token, unreachable endpoint). */
  | "discovery"
  /** A preflight check failed. */
  | "preflight";

/** DefaultErrorExitCode, PreFlightExitCode and ValidationExitCode of kubeadm. */
export const EXIT_DEFAULT = 1;
export const EXIT_PREFLIGHT = 2;
export const EXIT_VALIDATION = 3;

export const STACK_TRACE_HINT = "To see the stack trace of this error execute with --v=5 or higher";

export class KubeadmError extends Error {
  override readonly name = "KubeadmError";
  constructor(
    readonly kind: KubeadmErrorKind,
    message: string,
    readonly exitCode: number = EXIT_DEFAULT,
  ) {
    super(message);
  }

  /** What kubeadm writes to stderr for this error (checkErr at the default verbosity). */
  toStderr(): string {
    return `${this.message}\n${STACK_TRACE_HINT}\n`;
  }
}
