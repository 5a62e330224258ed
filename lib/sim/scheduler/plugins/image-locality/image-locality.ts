// ImageLocality (weight 1): favours nodes that already hold the pod's images, weighted by image
// size and by how widely the image is spread (so one node with the image does not attract all).
import type { NodeInfo } from "../../framework/node-info";
import { MAX_NODE_SCORE, type CycleContext, type ScorePlugin } from "../../framework/plugin";
import type { PodInfo } from "../../framework/pod-info";

export const IMAGE_LOCALITY = "ImageLocality";

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

  score(ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): number {
    const totalNodes = ctx.snapshot.nodeInfos.length;
    let sum = 0;
    if (nodeInfo.imageStates.size > 0) {
      for (const image of pod.images) {
        const state = nodeInfo.imageStates.get(image);
        if (state) sum += Math.trunc(state.size * (state.numNodes / totalNodes));
      }
    }
    return imageLocalityPriority(sum, pod.images.length);
  }
}
