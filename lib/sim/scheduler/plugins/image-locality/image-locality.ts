// ImageLocality (weight 1): favours nodes that already hold the pod's images, weighted by image
// size and by how widely the image is spread (so one node with the image does not attract all).
import type { StateData } from "../../framework/cycle-state";
import type { NodeInfo } from "../../framework/node-info";
import { MAX_NODE_SCORE, type CycleContext, type ScorePlugin } from "../../framework/plugin";
import type { PodInfo } from "../../framework/pod-info";

export const IMAGE_LOCALITY = "ImageLocality";
const MEMO_KEY = "ImageLocalityMemo";

class ImageMemo implements StateData {
  constructor(
    readonly present: readonly string[],
    readonly baseline: number,
  ) {}
  clone(): StateData {
    return this;
  }
}

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

export function imageLocalityPriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let sum = sumScores;
  if (sum < MIN_THRESHOLD) sum = MIN_THRESHOLD;
  else if (sum > maxThreshold) sum = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export class ImageLocality implements ScorePlugin {
  readonly name = IMAGE_LOCALITY;

  scoreNodes(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[], out: number[]): void {
    for (let i = 0; i < nodes.length; i++) out[i] = this.score(ctx, pod, nodes[i]!);
  }

  score(ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): number {
    // Per-cycle memo (not an extension point): the pod's images present anywhere, and the
    // score of a node holding none of them.
    let memo = ctx.state.read<ImageMemo>(MEMO_KEY);
    if (!memo) {
      const present = pod.images.filter((image) => ctx.snapshot.imageState(image) !== undefined);
      memo = new ImageMemo(present, imageLocalityPriority(0, pod.images.length));
      ctx.state.write(MEMO_KEY, memo);
    }
    if (memo.present.length === 0 || nodeInfo.imageStates.size === 0) return memo.baseline;
    const totalNodes = ctx.snapshot.nodeInfos.length;
    let sum = 0;
    for (const image of memo.present) {
      const state = nodeInfo.imageStates.get(image);
      if (state) sum += Math.trunc(state.size * (state.numNodes / totalNodes));
    }
    return imageLocalityPriority(sum, pod.images.length);
  }
}
