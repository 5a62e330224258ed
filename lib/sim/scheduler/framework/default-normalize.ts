// pluginhelper.DefaultNormalizeScore: scales scores to 0..max by the largest one; `reverse`
// turns "more is worse" counts (e.g. untolerated PreferNoSchedule taints) into scores.

export function defaultNormalizeScore(
  maxPriority: number,
  reverse: boolean,
  scores: number[],
): void {
  let maxCount = 0;
  for (const score of scores) if (score > maxCount) maxCount = score;
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    // Integer division as in Go (int64).
    let score = Math.trunc((maxPriority * scores[i]!) / maxCount);
    if (reverse) score = maxPriority - score;
    scores[i] = score;
  }
}
