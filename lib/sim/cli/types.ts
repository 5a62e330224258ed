// What a CLI command sees of the world: the API server (as the terminal's user),
// the sandbox state for etcdctl (which talks to etcd, not to the API server), the
// virtual clock and the terminal session. Kept abstract so the CLI stays pure and
// the same code runs in unit tests (in-memory engine) and behind Postgres.

import type { ApiRequest, ApiResponse } from "../apiserver/handler/types";
import type { SandboxState } from "../state";
import type { StoreChanges } from "../store/writer";

export type CliApiRequest = Omit<ApiRequest, "user" | "token">;

/** One etcd-level step: the new state and the rows to persist, plus what the command prints. */
export interface EtcdStepResult<T> {
  state: SandboxState;
  changes: StoreChanges;
  result: T;
}

export interface CliEnv {
  /** A request to the API server as the terminal's user (kubernetes-admin). */
  request(req: CliApiRequest): Promise<ApiResponse>;
  /** The sandbox as it is now (etcdctl reads, virtual files). */
  state(): Promise<SandboxState>;
  /** An etcd-level write (etcdctl put/del/compaction...), committed atomically. */
  etcdStep<T>(step: (state: SandboxState, now: number) => EtcdStepResult<T>): Promise<T>;
  /** Virtual "now", epoch milliseconds. */
  now(): number;
  /**
   * Waits `ms` of virtual time (the cluster's loops run meanwhile): how a command
   * waits as the real tool would (kubectl drain's retries and its wait for the
   * evicted pods to go). Absent: the command does not wait.
   */
  sleep?(ms: number): Promise<void>;
  /**
   * The learner's workspace files (the lab editor's drafts) by path relative to the
   * home directory, e.g. { "web.yaml": "..." }. Loaded lazily: only commands that
   * read files (cat, ls, kubectl -f, kubeadm --config) pay for the query.
   */
  files?(): Promise<Readonly<Record<string, string>>>;
  /** Errors of the storage underneath (e.g. the database unreachable) that must fail the request. */
  isUnavailable?(error: unknown): boolean;
}

/** The terminal session a command runs in: kubeconfig context and namespace, history. */
export interface Session {
  context: string;
  namespace: string;
  history: readonly string[];
}

export const DEFAULT_SESSION: Session = {
  context: "kubernetes-admin@kubernetes",
  namespace: "default",
  history: [],
};

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Session changes (e.g. `kubectl config set-context --current --namespace=x`). */
  session?: Partial<Pick<Session, "context" | "namespace">>;
  /** The terminal should clear its screen (`clear`, Ctrl-L). */
  clear?: boolean;
  /** `kubectl edit`: the file to open in the lab's editor; saving it goes to the edit route. */
  edit?: EditSession;
}

/** One object of a `kubectl edit` session: where it lives and what it was when opened. */
export interface EditObject {
  /** REST path of the object (PATCH goes there). */
  path: string;
  /** kubectl's `<kind>.<group>/<name>` for messages ("deployment.apps/web edited"). */
  label: string;
  /** "deployments.apps \"web\"": how API errors name it. */
  qualified: string;
  /** The object as fetched: kubectl diffs the edited text against it, not against the live one. */
  original: Record<string, unknown>;
}

export interface EditTarget {
  format: "yaml" | "json";
  /** Several objects are edited as one v1 List. */
  list: boolean;
  objects: EditObject[];
}

/** What `kubectl edit` hands to the editor: kubectl's temp file and how to save it. */
export interface EditSession {
  /** The temp file name kubectl uses (/tmp/kubectl-edit-….yaml). */
  path: string;
  /** The objects with kubectl's comment header (and the last save's errors, if any). */
  content: string;
  target: EditTarget;
}

export const ok = (stdout = ""): CommandResult => ({ stdout, stderr: "", exitCode: 0 });
export const fail = (stderr: string, exitCode = 1, stdout = ""): CommandResult => ({
  stdout,
  stderr,
  exitCode,
});

/** A command: argv (argv[0] is the program) plus stdin from the pipe before it. */
export type Command = (
  argv: readonly string[],
  ctx: CommandContext,
) => Promise<CommandResult> | CommandResult;

export interface CommandContext {
  env: CliEnv;
  session: Session;
  stdin: string;
}
