// framework.Status: a plugin's verdict. As in kube-scheduler, `null` means Success so the hot
// path (thousands of nodes × plugins) allocates nothing for nodes that pass.

export enum Code {
  Success = 0,
  Error = 1,
  /** The pod does not fit now; preemption or cluster changes may help. */
  Unschedulable = 2,
  /** The pod can never fit this node as it is; preemption would not help. */
  UnschedulableAndUnresolvable = 3,
  Wait = 4,
  /** The plugin has nothing to say about this pod; its later extension points are skipped. */
  Skip = 5,
}

export const CODE_NAMES: Record<Code, string> = {
  [Code.Success]: "Success",
  [Code.Error]: "Error",
  [Code.Unschedulable]: "Unschedulable",
  [Code.UnschedulableAndUnresolvable]: "UnschedulableAndUnresolvable",
  [Code.Wait]: "Wait",
  [Code.Skip]: "Skip",
};

export class Status {
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
    /** The plugin that produced the status (set by the framework via withPlugin). */
    readonly plugin = "",
  ) {}

  /** Status.Message(): the reasons joined by ", ". */
  message(): string {
    return this.reasons.join(", ");
  }

  isUnschedulable(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable;
  }

  withPlugin(plugin: string): Status {
    return new Status(this.code, this.reasons, plugin);
  }
}

/** A status that always means Success, for the places that need an object. */
export type MaybeStatus = Status | null;

export function unschedulable(...reasons: string[]): Status {
  return new Status(Code.Unschedulable, reasons);
}

export function unresolvable(...reasons: string[]): Status {
  return new Status(Code.UnschedulableAndUnresolvable, reasons);
}

export const SKIP = new Status(Code.Skip);

/**
 * Filters run for every node of every cycle, so plugins return one shared, frozen status per
 * reason instead of allocating; the framework reports which plugin failed separately.
 */
export function constantStatus(code: Code, reason: string): Status {
  return Object.freeze(new Status(code, Object.freeze([reason])));
}

export function isSuccess(status: MaybeStatus): boolean {
  return status === null || status.code === Code.Success;
}
