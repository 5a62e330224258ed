// pickOneNodeForPreemption: among nodes where preemption works, the one whose victims matter
// least — lowest highest-priority victim, then lowest priority sum, then fewest victims, then
// the latest start time of its most important victims; the first in order on a full tie.
import type { PodInfo } from "../framework/pod-info";

export interface Candidate {
  nodeName: string;
  /** Most important first (the order SelectVictimsOnNode reprieved them in). */
  victims: PodInfo[];
}

const MAX_INT32_PLUS_ONE = 2147483648;

function earliestStartOfHighestPriority(victims: readonly PodInfo[]): number {
  const highest = Math.max(...victims.map((v) => v.priority));
  return Math.min(...victims.filter((v) => v.priority === highest).map((v) => v.startMs));
}

const SCORE_FUNCS: Array<(c: Candidate) => number> = [
  // NumPDBViolations: PDBs are not modelled, every candidate has 0.
  () => 0,
  (c) => -c.victims[0]!.priority,
  (c) => -c.victims.reduce((sum, v) => sum + v.priority + MAX_INT32_PLUS_ONE, 0),
  (c) => -c.victims.length,
  (c) => earliestStartOfHighestPriority(c.victims),
];

export function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate | undefined {
  let remaining = [...candidates];
  if (remaining.length <= 1) return remaining[0];
  for (const score of SCORE_FUNCS) {
    let best = -Infinity;
    let selected: Candidate[] = [];
    for (const c of remaining) {
      const s = score(c);
      if (s > best) {
        best = s;
        selected = [];
      }
      if (s === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    remaining = selected;
  }
  return remaining[0];
}
