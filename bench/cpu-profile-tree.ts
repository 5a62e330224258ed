// A V8 CPU profile (node --cpu-prof, or the inspector's Profiler.stop) read as a tree: the
// part of its format the profile summaries use, and how they name a node.

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** Monotonic clock, µs (the clock of process.hrtime in the profiled process). */
  startTime: number;
  endTime: number;
  samples: number[];
  /** µs from the previous sample (the first: from startTime). */
  timeDeltas: number[];
}

/** The file under the project's (or a dependency's) tree, else the URL; "(native)" when none. */
export function shortFile(url: string): string {
  const clean = url.replace(/^file:\/\//, "");
  const i = clean.search(/\/(node_modules|\.next|lib|app|bench)\//);
  return i >= 0 ? clean.slice(i + 1) : clean || "(native)";
}

export function label(n: ProfileNode): string {
  const f = n.callFrame;
  return `${f.functionName || "(anonymous)"} ${shortFile(f.url)}:${f.lineNumber + 1}`;
}

/** The profile's nodes by id and each node's parent. */
export function treeOf(profile: CpuProfile): {
  byId: Map<number, ProfileNode>;
  parent: Map<number, number>;
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return { byId, parent };
}

/** The labels of a node and its callers, each once even when a function recurses. */
export function stackLabels(
  id: number,
  byId: Map<number, ProfileNode>,
  parent: Map<number, number>,
): Set<string> {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
    seen.add(label(byId.get(cur)!));
  return seen;
}
