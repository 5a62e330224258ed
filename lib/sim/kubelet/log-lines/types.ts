// A line a container wrote, at a virtual instant (ms since the epoch).
export interface LogLine {
  at: number;
  text: string;
}

/** What a generator knows about one run of a container. */
export interface RunContext {
  podName: string;
  namespace: string;
  nodeName: string;
  podIP: string;
  /** Start and end (exit, or "now" while it runs) of this run, in ms. */
  startedAt: number;
  endAt: number;
  /** The container's literal env values ($VAR in a shell command). */
  env: Record<string, string>;
}

/**
 * kubelet keeps at most 10 MiB per container log file before rotating; the simulator keeps
 * the newest lines of a run within this bound, generated on demand rather than stored.
 */
export const MAX_LINES_PER_RUN = 5000;
