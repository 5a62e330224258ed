import { createHash } from "node:crypto";
import { HashMemo } from "./hash-memo";

// Deterministic per attempt: the order is a function of the attempt's seed, so a
// reload (or another server process) shows exactly the same order, and two
// attempts differ. Sorting by a keyed hash is an unbiased shuffle for our sizes.

// Remembered (hash-memo.ts): every request of an attempt presents it again.
const ranks = new HashMemo((input) => createHash("sha256").update(input).digest("hex"));
const keys = new HashMemo((input) =>
  createHash("sha256").update(input).digest("base64url").slice(0, 10),
);

function rank(seed: string, scope: string, id: string): string {
  return ranks.get(`${seed}\0${scope}\0${id}`);
}

export function shuffled<T>(
  items: readonly T[],
  idOf: (t: T) => string,
  seed: string,
  scope: string,
): T[] {
  return items
    .map((item) => ({ item, r: rank(seed, scope, idOf(item)) }))
    .sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0))
    .map((x) => x.item);
}

/**
 * Ordering questions are always shown out of order, whatever the quiz settings:
 * a shuffle that happens to give the answer is rotated by one.
 */
export function scrambled<T>(
  items: readonly T[],
  idOf: (t: T) => string,
  seed: string,
  scope: string,
): T[] {
  const out = shuffled(items, idOf, seed, scope);
  if (out.length > 1 && out.every((x, i) => x === items[i])) out.push(out.shift()!);
  return out;
}

/** A short opaque key for an option/item/question of one attempt: reveals nothing of its id. */
export function opaqueKey(seed: string, scope: string, id: string): string {
  return keys.get(`key\0${seed}\0${scope}\0${id}`);
}
