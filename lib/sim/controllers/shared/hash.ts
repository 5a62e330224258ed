// pod-template-hash and controller-revision-hash as the controllers compute them:
// a 32-bit FNV-1a of the template (plus the collision count), printed through
// rand.SafeEncodeString so it never spells words or looks like a number.

const SAFE = "bcdfghjklmnpqrstvwxz2456789";

/** Deterministic JSON with sorted keys (Go's spew printer orders fields by struct; any fixed order works). */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v as object).sort()) out[k] = (v as Record<string, unknown>)[k];
      return out;
    }
    return v;
  });
}

export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Two hex digits per byte value. */
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * A 32-bit unsigned integer as 8 hex digits (zero-padded), as
 * `n.toString(16).padStart(8, "0")` - several times cheaper: above 2³¹ a number is a heap
 * number, whose radix conversion V8 does digit by digit in floating point.
 */
export function hex8(n: number): string {
  return (
    BYTE_HEX[n >>> 24]! +
    BYTE_HEX[(n >>> 16) & 255]! +
    BYTE_HEX[(n >>> 8) & 255]! +
    BYTE_HEX[n & 255]!
  );
}

export function safeEncodeString(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += SAFE[s.charCodeAt(i) % SAFE.length];
  return out;
}

/** Hashes per template object: templates read from the store are shared and never change. */
const hashes = new WeakMap<object, Map<number, string>>();

export function computeHash(template: unknown, collisionCount = 0): string {
  const memo = template && typeof template === "object" ? hashes.get(template) : undefined;
  const hit = memo?.get(collisionCount);
  if (hit !== undefined) return hit;
  const text = stableJson(template) + (collisionCount ? String(collisionCount) : "");
  const hash = safeEncodeString(String(fnv32a(text)));
  if (template && typeof template === "object") {
    if (memo) memo.set(collisionCount, hash);
    else hashes.set(template, new Map([[collisionCount, hash]]));
  }
  return hash;
}
