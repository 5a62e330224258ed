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
    readonly scaled: readonly number[],
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

  /**
   * Per-cycle memo (not an extension point): each of the pod's images present somewhere with
   * its spread-scaled size, which is the same on every node holding it.
   */
  private memo(ctx: CycleContext, pod: PodInfo): ImageMemo {
    let memo = ctx.state.read<ImageMemo>(MEMO_KEY);
    if (!memo) {
      const totalNodes = ctx.snapshot.nodeInfos.length;
      const present: string[] = [];
      const scaled: number[] = [];
      for (const image of pod.images) {
        const state = ctx.snapshot.imageState(image);
        if (!state) continue;
        present.push(image);
        scaled.push(Math.trunc(state.size * (state.numNodes / totalNodes)));
      }
      memo = new ImageMemo(present, scaled, imageLocalityPriority(0, pod.images.length));
      ctx.state.write(MEMO_KEY, memo);
    }
    return memo;
  }

  private scoreWith(memo: ImageMemo, pod: PodInfo, nodeInfo: NodeInfo): number {
    if (memo.present.length === 0 || nodeInfo.imageStates.size === 0) return memo.baseline;
    let sum = 0;
    for (let i = 0; i < memo.present.length; i++) {
      if (nodeInfo.imageStates.has(memo.present[i]!)) sum += memo.scaled[i]!;
    }
    return imageLocalityPriority(sum, pod.images.length);
  }

  scoreNodes(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[], out: number[]): void {
    const memo = this.memo(ctx, pod);
    for (let i = 0; i < nodes.length; i++) out[i] = this.scoreWith(memo, pod, nodes[i]!);
  }

  score(ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): number {
    return this.scoreWith(this.memo(ctx, pod), pod, nodeInfo);
  }
}
