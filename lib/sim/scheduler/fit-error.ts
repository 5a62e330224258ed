// framework.FitError.Error() (1.28): the FailedScheduling message. Reasons from every filtered
// node are counted, formatted "<count> <reason>", sorted as strings and joined by ", "; the
// PreFilter message replaces them when PreFilter failed; PostFilter (preemption) adds its own.
import type { Status } from "./framework/status";

export interface Diagnosis {
  /** Node name → the status that rejected it. */
  nodeToStatus: Map<string, Status>;
  /** Plugins that rejected at least one node (Diagnosis.UnschedulablePlugins). */
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  return {
    nodeToStatus: new Map(),
    unschedulablePlugins: new Set(),
    preFilterMsg: "",
    postFilterMsg: "",
  };
}

/** Go's sort.Strings: byte-wise order, which for our ASCII reasons is UTF-16 order. */
function goSortStrings(values: string[]): string[] {
  return values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** "3 Insufficient cpu, 1 node(s) had untolerated taint {…}" from a node → status map. */
export function reasonsHistogram(nodeToStatus: ReadonlyMap<string, Status>): string {
  const counts = new Map<string, number>();
  for (const status of nodeToStatus.values()) {
    for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return goSortStrings([...counts].map(([reason, count]) => `${count} ${reason}`)).join(", ");
}

export function fitErrorMessage(numAllNodes: number, diagnosis: Diagnosis): string {
  let message = `0/${numAllNodes} nodes are available:`;
  if (diagnosis.preFilterMsg !== "") {
    message += ` ${diagnosis.preFilterMsg}.`;
  } else {
    const histogram = reasonsHistogram(diagnosis.nodeToStatus);
    if (histogram !== "") message += ` ${histogram}.`;
  }
  if (diagnosis.postFilterMsg !== "") message += ` ${diagnosis.postFilterMsg}.`;
  return message;
}

/** schedule_one.go ErrNoNodesAvailable. */
export const ERR_NO_NODES_AVAILABLE = "no nodes available to schedule pods";

/** The Scheduled event's message (schedule_one.go finishBinding). */
export function scheduledMessage(namespace: string, name: string, nodeName: string): string {
  return `Successfully assigned ${namespace}/${name} to ${nodeName}`;
}
