// The quiz's per-attempt hashes (shuffle ranks, opaque keys) remembered per process.
// Every quiz request presents the attempt again (start, each save, submit, the
// overview after it: ~180 sha256 digests for an 18-question quiz, ~1 ms of CPU each
// time, ~3 ms on a submit). The digests are pure functions of their input, so a
// bounded map returns exactly what hashing would; the oldest entries go first.

/** About 100 attempts' worth of an 18-question quiz's digests (~2-3 MB at most). */
export const HASH_MEMO_LIMIT = 20_000;

export class HashMemo {
  private readonly entries = new Map<string, string>();

  constructor(
    private readonly hash: (input: string) => string,
    private readonly limit = HASH_MEMO_LIMIT,
  ) {}

  get(input: string): string {
    let out = this.entries.get(input);
    if (out === undefined) {
      out = this.hash(input);
      if (this.entries.size >= this.limit) {
        this.entries.delete(this.entries.keys().next().value!);
      }
      this.entries.set(input, out);
    }
    return out;
  }

  get size(): number {
    return this.entries.size;
  }
}
