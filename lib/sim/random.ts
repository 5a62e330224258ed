// Seeded pseudo-random numbers (sfc32) so a sandbox is reproducible: the same seed
// and the same requests give the same uids and generated names, byte for byte.

const HEX_CODES = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const DASH = 0x2d;
/** Scratch buffer of one uuid's 36 char codes (uuid() is synchronous, so one is enough). */
const UUID_CODES: number[] = new Array<number>(36).fill(0);
const SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** Writes the low `digits` hex digits of `word` into UUID_CODES from `at`. */
function putHex(word: number, at: number, digits: number): void {
  for (let i = digits - 1; i >= 0; i--) {
    UUID_CODES[at + i] = HEX_CODES[word & 15]!;
    word >>>= 4;
  }
}

/** The four 32-bit words of sfc32; plain numbers so the state serializes as JSON. */
export type RngState = readonly [number, number, number, number];

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(state: RngState) {
    [this.a, this.b, this.c, this.d] = state;
  }

  /** Derives a well-mixed starting state from a text seed (FNV-1a + warm-up). */
  static fromSeed(seed: string): Rng {
    let h = 0x811c9dc5;
    const words: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < seed.length; i++) {
        h ^= seed.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
      }
      h ^= round + 1;
      h = Math.imul(h, 0x01000193) >>> 0;
      words.push(h);
    }
    const rng = new Rng([words[0]!, words[1]!, words[2]!, words[3]!]);
    for (let i = 0; i < 16; i++) rng.uint32();
    return rng;
  }

  state(): RngState {
    return [this.a, this.b, this.c, this.d];
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.uint32() / 0x1_0000_0000) * n);
  }

  /** A version-4 UUID, the shape Kubernetes uses for metadata.uid. */
  uuid(): string {
    const w0 = this.uint32();
    // Version nibble 4 (byte 6) and variant bits 10 (byte 8), as RFC 4122 sets them.
    const w1 = ((this.uint32() & 0xffff0fff) | 0x4000) >>> 0;
    const w2 = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w3 = this.uint32();
    // Written as char codes into one buffer: every request takes an auditID, and joining
    // per-byte hex strings made ~20 short-lived strings per id.
    putHex(w0, 0, 8);
    UUID_CODES[8] = DASH;
    putHex(w1 >>> 16, 9, 4);
    UUID_CODES[13] = DASH;
    putHex(w1 & 0xffff, 14, 4);
    UUID_CODES[18] = DASH;
    putHex(w2 >>> 16, 19, 4);
    UUID_CODES[23] = DASH;
    putHex(w2 & 0xffff, 24, 4);
    putHex(w3, 28, 8);
    return String.fromCharCode.apply(null, UUID_CODES);
  }

  /**
   * Random text over apimachinery's utilrand alphabet (no vowels, no confusable
   * characters), which generateName and ReplicaSet pod names use.
   */
  suffix(length = 5): string {
    let out = "";
    for (let i = 0; i < length; i++) out += SUFFIX_ALPHABET[this.int(SUFFIX_ALPHABET.length)];
    return out;
  }

  /** Lowercase hex, e.g. for tokens and etcd member ids. */
  hex(length: number): string {
    let out = "";
    while (out.length < length) out += this.uint32().toString(16).padStart(8, "0");
    return out.slice(0, length);
  }
}
